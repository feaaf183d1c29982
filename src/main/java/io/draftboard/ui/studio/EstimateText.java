package io.draftboard.ui.studio;

import io.draftboard.generation.Cost;
import io.draftboard.generation.GenerationRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The studio's sentences about time and money, as pure functions of the numbers (tested without a toolkit). */
public final class EstimateText {
    private EstimateText() {
    }

    /** "Final · 50 · ≈12.4 s · ≈$0.06": the slider's label, with time and cost once a request exists. */
    public static String quality(String sliderLabel, Optional<Duration> time, Cost cost) {
        return sliderLabel + " \u00b7 " + time.map(EstimateText::seconds).orElse("time not known yet") + " \u00b7 "
                + cost.display();
    }

    /** What each live draft costs, and the reminder that on per-megapixel pricing drafts save only time. */
    public static String draftCost(GenerationRequest draft, Cost cost) {
        return "Each draft: " + draft.width() + "\u00d7" + draft.height() + " \u00b7 " + cost.display()
                + (cost.usd() > 0 ? " (the same per megapixel as a final: drafts save time, not money)" : " (free)");
    }

    /** "Session spend $0.45 of $2.00". */
    public static String spent(Cost spent, double budgetUsd) {
        return "Session spend " + spent.display().replace("\u2248", "")
                + (budgetUsd > 0 ? String.format(Locale.ROOT, " of $%.2f", budgetUsd) : "");
    }

    /** "Session spend $0.45 of $2.00 · 3 paid drafts $0.15": what drafting itself has cost, beside the total. */
    public static String spent(Cost spent, double budgetUsd, int paidDrafts, Cost draftSpend) {
        return spent(spent, budgetUsd) + (paidDrafts == 0 ? "" : " \u00b7 " + paidDrafts
                + (paidDrafts == 1 ? " paid draft " : " paid drafts ") + draftSpend.display().replace("\u2248", ""));
    }

    /** The caption under a render: "Draft · 6 steps · seed 42 · 1024×1024 · 0.18 s · free". */
    public static String caption(String kind, GenerationRequest r, Duration took, Cost cost) {
        return String.format(Locale.ROOT, "%s \u00b7 %d steps \u00b7 seed %d \u00b7 %d\u00d7%d \u00b7 %.2f s \u00b7 %s", kind,
                r.steps(), r.seed(), r.width(), r.height(), took.toMillis() / 1000.0, cost.display());
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "\u2248%.1f s", d.toMillis() / 1000.0);
    }
}
