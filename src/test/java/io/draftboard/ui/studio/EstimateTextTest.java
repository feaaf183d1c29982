package io.draftboard.ui.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.Cost;
import io.draftboard.generation.GenerationRequest;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EstimateTextTest {
    private final GenerationRequest draft = GenerationRequest.of("poster", 42, 6, 1024, 768);

    @Test
    void theSliderLabelSaysTimeAndCostOnceTheyAreKnown() {
        assertThat(EstimateText.quality("Final \u00b7 50", Optional.of(Duration.ofMillis(12_440)), new Cost(0.06, true)))
                .isEqualTo("Final \u00b7 50 \u00b7 \u224812.4 s \u00b7 " + new Cost(0.06, true).display());
        assertThat(EstimateText.quality("Final \u00b7 50", Optional.empty(), Cost.FREE))
                .isEqualTo("Final \u00b7 50 \u00b7 time not known yet \u00b7 " + Cost.FREE.display());
    }

    @Test
    void aPaidDraftSaysDraftsSaveTimeNotMoneyAndAFreeOneSaysFree() {
        assertThat(EstimateText.draftCost(draft, new Cost(0.03, true))).isEqualTo("Each draft: 1024\u00d7768 \u00b7 "
                + new Cost(0.03, true).display() + " (the same per megapixel as a final: drafts save time, not money)");
        assertThat(EstimateText.draftCost(draft, Cost.FREE)).endsWith(" (free)");
    }

    @Test
    void spendShowsTheBudgetOnlyWhenOneIsSet() {
        assertThat(EstimateText.spent(new Cost(0.45, true), 2)).isEqualTo("Session spend $0.45 of $2.00");
        assertThat(EstimateText.spent(new Cost(0.45, true), 0)).isEqualTo("Session spend $0.45");
    }

    @Test
    void aCaptionSaysKindStepsSeedSizeTimeAndCost() {
        assertThat(EstimateText.caption("Draft", draft, Duration.ofMillis(180), Cost.FREE))
                .isEqualTo("Draft \u00b7 6 steps \u00b7 seed 42 \u00b7 1024\u00d7768 \u00b7 0.18 s \u00b7 " + Cost.FREE.display());
    }
}
