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
    void theRenderServicesEstimateGivesTimeLeftFromTheStart() {
        progress.start(Duration.ofSeconds(10), Cost.FREE);
        seconds(3);
        progress.tick();
        assertThat(progress.leftProperty().get()).isEqualTo("about 7.0 s left");
        assertThat(progress.costProperty().get()).isEqualTo("Free");
        progress.stop();
        assertThat(progress.runningProperty().get()).isFalse();
    }
}
