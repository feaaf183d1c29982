package io.draftboard.provider;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When to poll a remote job next. The gap between a provider finishing and the app noticing is pure waste,
 * so the schedule learns how long jobs of each kind (steps × size) take, polls sparsely until just before
 * the expected finish, densely around it, then backs off if the job runs late. With nothing learned yet it
 * polls every 0.5 s for 10 s, then every 1 s, then every 2 s (providers.md §1.6).
 */
public final class PollSchedule {
    static final Duration SPARSE = Duration.ofSeconds(2);
    static final Duration DENSE_MIN = Duration.ofMillis(50);
    /** Start dense polling this long before the expected finish. */
    static final Duration LEAD = Duration.ofMillis(250);
    private static final double LEARNING_RATE = 0.3;

    private final Map<String, Double> expectedMillis = new ConcurrentHashMap<>();
    private final boolean learning;

    /** The adaptive schedule. */
    public PollSchedule() {
        this(true);
    }

    /** {@code learning = false} keeps the fixed 0.5 / 1 / 2 s cadence SDKs use: the benchmark's baseline. */
    public PollSchedule(boolean learning) {
        this.learning = learning;
    }

    /** A key for jobs that take about as long as each other: same steps, megapixels to the quarter. */
    public static String kindOf(int steps, int width, int height) {
        long quarterMp = Math.round(width * (double) height / 250_000.0);
        return steps + "@" + quarterMp;
    }

    public Duration nextDelay(String kind, Duration elapsed) {
        Double expected = expectedMillis.get(kind);
        long e = elapsed.toMillis();
        if (expected == null) {
            return Duration.ofMillis(e < 10_000 ? 500 : e < 60_000 ? 1_000 : 2_000);
        }
        long dense = Math.max(DENSE_MIN.toMillis(), Math.round(expected / 40));
        long denseFrom = Math.round(expected) - LEAD.toMillis();
        if (e < denseFrom) {
            return Duration.ofMillis(Math.max(dense, Math.min(SPARSE.toMillis(), denseFrom - e)));
        }
        if (e < expected * 1.5 + 1_000) {
            return Duration.ofMillis(dense);
        }
        return Duration.ofMillis(Math.min(SPARSE.toMillis(), Math.max(dense, e / 10)));
    }

    /**
     * A job of {@code kind} was seen finished at {@code seenAt}; it finished at some point during the last
     * gap, so the middle of that gap is the best guess.
     */
    public void completed(String kind, Duration seenAt, Duration lastGap) {
        if (!learning) {
            return;
        }
        double observed = Math.max(0, seenAt.toMillis() - lastGap.toMillis() / 2.0);
        expectedMillis.merge(kind, observed, (old, now) -> old + LEARNING_RATE * (now - old));
    }

    /** What the schedule expects for {@code kind}, for ETAs in the UI. */
    public Duration expected(String kind) {
        Double e = expectedMillis.get(kind);
        return e == null ? null : Duration.ofMillis(Math.round(e));
    }
}
