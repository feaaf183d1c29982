package io.draftboard.ui.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.Cost;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The final overlay's numbers, without a toolkit. */
class FinalProgressTest {
    private final AtomicLong now = new AtomicLong();
    private final FinalProgress progress = new FinalProgress(now::get);

    private void seconds(double s) {
        now.addAndGet((long) (s * 1e9));
    }

    @Test
    void withoutAnEstimateTimeLeftIsEstimatingUntilProgressArrives() {
        progress.start(null, new Cost(0.06, true));
        seconds(2);
        progress.tick();
        assertThat(progress.runningProperty().get()).isTrue();
        assertThat(progress.elapsedProperty().get()).isEqualTo("2.0 s elapsed");
        assertThat(progress.leftProperty().get()).isEqualTo("estimating\u2026");
        assertThat(progress.costProperty().get()).isEqualTo("Cost \u2248$0.06");
        progress.progress(0.5);
        assertThat(progress.leftProperty().get()).isEqualTo("about 2.0 s left");
        assertThat(progress.percentProperty().get()).isEqualTo("50 %");
    }

    @Test
    void aFinalOutrunningItsEstimateOrPastItsLastStepNeverShowsNothingLeft() {
        progress.start(Duration.ofSeconds(10), Cost.FREE);
        seconds(12); // slower than the renders the estimate came from, and no progress reported yet
        progress.tick();
        assertThat(progress.leftProperty().get()).isEqualTo("estimating\u2026");
        progress.progress(1); // sampled: the image is being finished and saved
        assertThat(progress.leftProperty().get()).isEqualTo("finishing\u2026");
        assertThat(progress.percentProperty().get()).isEqualTo("100 %");
    }

    @Test
    void theRenderServicesEstimateGivesTimeLeftFromTheStart() {
        progress.start(Duration.ofSeconds(10), Cost.FREE);
        seconds(3);
        progress.tick();
        assertThat(progress.leftProperty().get()).isEqualTo("about 7.0 s left");
        assertThat(progress.costProperty().get()).isEqualTo("Free");
        progress.stop();
        assertThat(progress.runningProperty().get()).isFalse();
    }

    @Test
    void aFinalSentLateInTheSessionShowsItsOwnTimeFromTheFirstMomentAndItsBarEmptiesWhenItEnds() {
        seconds(100); // the clock is not at zero when a final starts
        progress.start(null, Cost.FREE);
        assertThat(progress.percentProperty().get()).isEqualTo("starting");
        assertThat(progress.elapsedProperty().get()).isEqualTo("0.0 s elapsed");
        assertThat(progress.leftProperty().get()).isEqualTo("estimating\u2026");

        seconds(4);
        progress.progress(0.25);
        assertThat(progress.elapsedProperty().get()).isEqualTo("4.0 s elapsed");
        assertThat(progress.leftProperty().get()).isEqualTo("about 12.0 s left");
        assertThat(progress.fractionProperty().get()).isEqualTo(0.25);

        progress.progress(1.5); // a provider overshooting never draws past the end
        assertThat(progress.fractionProperty().get()).isEqualTo(1.0);
        progress.stop();
        assertThat(progress.fractionProperty().get()).isZero();
        seconds(1);
        progress.tick();
        assertThat(progress.elapsedProperty().get()).as("a stopped clock stays").isEqualTo("4.0 s elapsed");
    }
}
