package io.draftboard.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The spend line and the session budget, as the designer reads them. */
class SessionSpendTest {
    private static final Offset<Double> CENT = Offset.offset(1e-9);
    private final SessionSpend spend = new SessionSpend();

    @Test
    void draftsAreCountedApartFromFinalsAndFreeDraftsAreNotPaidDrafts() {
        spend.charge(new Cost(0.50, true));
        spend.chargeDraft(new Cost(0.05, true));
        spend.chargeDraft(new Cost(0.05, true));
        spend.chargeDraft(Cost.FREE);

        assertThat(spend.spent().usd()).isEqualTo(0.60, CENT);
        assertThat(spend.spent().display()).isEqualTo("\u2248$0.60");
        assertThat(spend.paidDrafts()).isEqualTo(2);
        assertThat(spend.draftSpend().usd()).isEqualTo(0.10, CENT);
    }

    @Test
    void aRefundedDraftNoLongerCountsAndNothingGoesBelowZero() {
        spend.chargeDraft(new Cost(0.05, true));
        spend.refundDraft(new Cost(0.05, true));
        spend.refundDraft(new Cost(0.05, true));
        spend.refund(new Cost(1.00, true));

        assertThat(spend.spent().usd()).isZero();
        assertThat(spend.paidDrafts()).isZero();
        assertThat(spend.draftSpend().usd()).isZero();
    }

    @Test
    void refundingAFreeDraftLeavesThePaidDraftsAlone() {
        spend.chargeDraft(new Cost(0.05, true));
        spend.refundDraft(Cost.FREE);

        assertThat(spend.paidDrafts()).isEqualTo(1);
        assertThat(spend.draftSpend().usd()).isEqualTo(0.05, CENT);
    }

    @Test
    void aDraftThatWouldGoOverTheBudgetIsRefusedWithTheNumbers() {
        spend.setBudget(1.00);
        spend.charge(new Cost(0.98, true));

        assertThat(spend.budget()).isEqualTo(1.00);
        assertThat(spend.refusal(new Cost(0.02, true))).isEmpty(); // exactly reaching the budget is allowed
        assertThat(spend.refusal(new Cost(0.05, true))).contains("Session budget reached ($0.98 of $1.00 spent): "
                + "live drafts paused. The next draft would cost \u2248$0.05.");
        assertThat(spend.refusal(Cost.FREE)).isEmpty();
    }

    @Test
    void noBudgetNeverRefuses() {
        spend.charge(new Cost(500, false));
        assertThat(spend.refusal(new Cost(1, false))).isEmpty();
        spend.setBudget(0);
        assertThat(spend.refusal(new Cost(1, false))).isEmpty();
    }

    @Test
    void aBudgetMustBeANonNegativeAmount() {
        assertThatThrownBy(() -> spend.setBudget(-0.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> spend.setBudget(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> spend.setBudget(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void costsAddUpAndAnEstimateStaysAnEstimate() {
        assertThat(new Cost(0.10, false).plus(new Cost(0.05, true))).isEqualTo(new Cost(0.15000000000000002, true));
        assertThat(new Cost(0.10, false).plus(new Cost(0.05, false)).estimated()).isFalse();
        assertThat(new Cost(0.10, true).plus(Cost.FREE).estimated()).isTrue();
        assertThat(Cost.FREE.display()).isEqualTo("$0.00");
        assertThatThrownBy(() -> new Cost(-0.01, false)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Cost(0, false).usd()).isZero();
    }
}
