package io.draftboard.generation;

import java.util.Locale;
import java.util.Optional;

/**
 * Money spent since the studio opened, and an optional budget. Every request is charged when it fires, at
 * its estimated cost: providers bill on submission, so a draft cancelled a moment later still counts. A job
 * its provider documents as not billed (a moderated BFL task) is {@link #refund refunded} when it ends.
 * Thread-safe: drafts fire from the debounce timer, finals from the UI thread.
 */
public final class SessionSpend {
    private double spentUsd;
    private double budgetUsd; // 0 = no budget
    private int paidDrafts;
    private double draftUsd;

    public synchronized Cost spent() {
        return new Cost(spentUsd, true);
    }

    /** 0 removes the budget. */
    public synchronized void setBudget(double usd) {
        if (!(usd >= 0) || Double.isInfinite(usd)) {
            throw new IllegalArgumentException("budget must be a non-negative amount, got " + usd);
        }
        budgetUsd = usd;
    }

    public synchronized double budget() {
        return budgetUsd;
    }

    public synchronized void charge(Cost cost) {
        spentUsd += cost.usd();
    }

    /** A live draft was charged: counted apart, so the designer sees what drafting itself costs. */
    public synchronized void chargeDraft(Cost cost) {
        charge(cost);
        if (cost.usd() > 0) {
            paidDrafts++;
            draftUsd += cost.usd();
        }
    }

    /** Paid drafts sent this session. */
    public synchronized int paidDrafts() {
        return paidDrafts;
    }

    /** What those drafts cost. */
    public synchronized Cost draftSpend() {
        return new Cost(draftUsd, true);
    }

    /** Gives back what {@link #charge} counted for a job the provider did not bill after all. */
    public synchronized void refund(Cost cost) {
        spentUsd = Math.max(0, spentUsd - cost.usd());
    }

    /** As {@link #refund}, for a live draft: it no longer counts among the paid drafts either. */
    public synchronized void refundDraft(Cost cost) {
        refund(cost);
        if (cost.usd() > 0 && paidDrafts > 0) {
            paidDrafts--;
            draftUsd = Math.max(0, draftUsd - cost.usd());
        }
    }

    /**
     * Why a live draft costing {@code cost} may not fire, or empty. Free drafts always may; finals are never
     * asked, because the designer fires them on purpose and sees their price first.
     */
    public synchronized Optional<String> refusal(Cost cost) {
        if (budgetUsd <= 0 || cost.usd() == 0 || spentUsd + cost.usd() <= budgetUsd + 1e-9) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT,
                "Session budget reached ($%.2f of $%.2f spent): live drafts paused. The next draft would cost %s.",
                spentUsd, budgetUsd, cost.display()));
    }
}
