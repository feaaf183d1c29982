package io.draftboard.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QualityTest {
    @Test
    void theSliderIsLabelledWithWhatEachPositionMeans() {
        Quality q = Quality.DEFAULT;
        assertThat(q.label(6)).isEqualTo("Draft \u00b7 6");
        assertThat(q.label(3)).isEqualTo("Draft \u00b7 3");
        assertThat(q.label(20)).isEqualTo("Balanced \u00b7 20");
        assertThat(q.label(50)).isEqualTo("Final \u00b7 50");
    }

    @Test
    void sliderPositionsSnapToWholeStepsWithinRange() {
        Quality q = Quality.DEFAULT;
        assertThat(q.stepsAt(6.4)).isEqualTo(6);
        assertThat(q.stepsAt(6.5)).isEqualTo(7);
        assertThat(q.stepsAt(-3)).isEqualTo(1);
        assertThat(q.stepsAt(80)).isEqualTo(50);
    }

    @Test
    void draftStepsMustBeFewerThanFinalSteps() {
        assertThatThrownBy(() -> new Quality(30, 20))
                .hasMessage("draft steps (30) must be fewer than final steps (20)");
        assertThatThrownBy(() -> new Quality(0, 20)).hasMessage("draftSteps must be between 1 and 50 (got 0)");
    }
}
