package io.draftboard.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The "about 12 s" the studio shows before a render, learned per provider. */
class RenderTimeEstimateTest {
    private final RenderTimeEstimate times = new RenderTimeEstimate();

    private static GenerationRequest request(int steps, int side) {
        return GenerationRequest.of("x", 1, steps, side, side);
    }

    @Test
    void nothingIsEstimatedBeforeARender() {
        assertThat(times.estimate("bfl", request(6, 1024))).isEmpty();
    }

    @Test
    void withOneWorkloadTheEstimateIsTheAverage() {
        times.record("bfl", request(6, 1024), Duration.ofMillis(1000));
        times.record("bfl", request(6, 1024), Duration.ofMillis(3000));

        assertThat(times.estimate("bfl", request(50, 2048))).contains(Duration.ofMillis(2000));
    }

    @Test
    void twoWorkloadsGiveALineThroughThem() {
        // 6 steps: 2 s, 12 steps: 3 s at the same size; the line through them says 24 steps: 5 s.
        times.record("bfl", 6, 1024, 1024, Duration.ofMillis(2000));
        times.record("bfl", 12, 1024, 1024, Duration.ofMillis(3000));

        assertThat(times.estimate("bfl", request(24, 1024))).contains(Duration.ofMillis(5000));
        assertThat(times.estimate("bfl", request(9, 1024))).contains(Duration.ofMillis(2500));
        assertThat(times.estimate("fal", request(9, 1024))).isEmpty();
    }

    @Test
    void biggerRendersNeverEstimateFasterThanSmallerOnes() {
        times.record("bfl", 6, 1024, 1024, Duration.ofMillis(3000));
        times.record("bfl", 12, 1024, 1024, Duration.ofMillis(2000)); // noise: the bigger one came back sooner

        assertThat(times.estimate("bfl", request(24, 1024))).contains(Duration.ofMillis(2500));
    }

    @Test
    void anEstimateIsNeverZero() {
        times.record("offline", 1, 256, 256, Duration.ZERO);

        assertThat(times.estimate("offline", request(1, 256))).contains(Duration.ofMillis(1));
    }

    @Test
    void onlyTheLastTwentyRendersCount() {
        times.record("bfl", 6, 1024, 1024, Duration.ofMillis(100_000));
        for (int i = 0; i < 20; i++) {
            times.record("bfl", 6, 1024, 1024, Duration.ofMillis(1000));
        }

        assertThat(times.estimate("bfl", request(6, 1024))).contains(Duration.ofMillis(1000));
    }

    @Test
    void twentyRendersAreAllKept() {
        times.record("bfl", 6, 1024, 1024, Duration.ofMillis(21_000));
        for (int i = 0; i < 19; i++) {
            times.record("bfl", 6, 1024, 1024, Duration.ofMillis(1000));
        }

        assertThat(times.estimate("bfl", request(6, 1024))).contains(Duration.ofMillis(2000));
    }
}
