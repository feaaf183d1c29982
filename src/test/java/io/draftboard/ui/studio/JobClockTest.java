package io.draftboard.ui.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.GenerationRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JobClockTest {
    private final AtomicLong now = new AtomicLong();
    private final JobClock clock = new JobClock(now::get);
    private final GenerationRequest job = GenerationRequest.of("a red balloon", 1, 6, 1024, 1024);

    @Test
    void etaComesFromTheEstimateUntilProgressArrivesThenFromProgress() {
        assertThat(clock.read(0)).isEmpty();
        clock.start(job, Duration.ofSeconds(4));
        now.set(1_000_000_000L);
        assertThat(clock.read(0)).isEqualTo("1.0 s \u00b7 3.0 s left");
        now.set(2_000_000_000L);
        assertThat(clock.read(0.5)).isEqualTo("2.0 s \u00b7 2.0 s left");
    }

    @Test
    void neverSaysNothingIsLeftWhileTheJobStillRuns() {
        clock.start(job, Duration.ofMillis(300)); // a cold first draft outruns what recent renders took
        now.set(200_000_000L);
        assertThat(clock.read(0)).isEqualTo("0.2 s \u00b7 0.1 s left");
        now.set(1_400_000_000L);
        assertThat(clock.read(0)).isEqualTo("1.4 s \u00b7 estimating");
        assertThat(clock.read(1)).isEqualTo("1.4 s \u00b7 finishing"); // sampled; being finished and saved
    }

    @Test
    void withoutAnEstimateItSaysSoAndAnOlderJobEndingLeavesItRunning() {
        clock.start(job, null);
        assertThat(clock.read(0)).endsWith("estimating");
        assertThat(clock.stop(job.withSeed(2))).isFalse();
        now.set(1_500_000_000L);
        assertThat(clock.read(0)).isEqualTo("1.5 s \u00b7 estimating");
        assertThat(clock.stop(job)).isTrue();
        assertThat(clock.read(0)).isEmpty();
    }
}
