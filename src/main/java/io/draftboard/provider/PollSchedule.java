package io.draftboard.provider;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When to poll a remote job next. The gap between a provider finishing and the app noticing is pure waste,
 * so polls are placed by how long jobs of the same kind (steps × size) took before: a {@link PollPlan} fitted to
 * their spread. Those durations come from history when the caller has them (so a fresh process starts informed,
 * see {@link PollLoop}); otherwise from the jobs this schedule saw finish in this process. With nothing known it
 * polls every 0.5 s for 10 s, then every 1 s, then every 2 s (providers.md §1.6).
 */
public final class PollSchedule {
    /** How many of a kind's recent durations it keeps in memory: enough for a spread, recent enough to follow drift. */
    static final int WINDOW = 20;

    private final Map<String, Deque<Duration>> seen = new ConcurrentHashMap<>();
    private final boolean learning;

    /** The adaptive schedule. */
    public PollSchedule() {
        this(true);
    }

    /**
     * {@code learning = false} keeps the fixed 0.5 / 1 / 2 s cadence SDKs use whatever is known: the benchmark's
     * baseline.
     */
    public PollSchedule(boolean learning) {
        this.learning = learning;
    }

    /** A key for jobs that take about as long as each other: same steps, megapixels to the quarter. */
    public static String kindOf(int steps, int width, int height) {
        long quarterMp = Math.round(width * (double) height / 250_000.0);
        return steps + "@" + quarterMp;
    }

    /**
     * The plan for one job of {@code kind}: fitted to {@code past} (durations from history, already scaled to this
     * job) when there are any, else to what this schedule saw of {@code kind} in this process.
     */
    public PollPlan plan(String kind, List<Duration> past) {
        if (!learning) {
            return new PollPlan.Cold();
        }
        return PollPlan.from(past.isEmpty() ? seen(kind) : past);
    }

    /** The next gap for a job of {@code kind} from what this process saw alone (no history). */
    public Duration nextDelay(String kind, Duration elapsed) {
        return plan(kind, List.of()).nextDelay(elapsed);
    }

    /**
     * A job of {@code kind} was seen finished at {@code seenAt}; it finished at some point during the last
     * gap, so the middle of that gap is the best guess.
     */
    public void completed(String kind, Duration seenAt, Duration lastGap) {
        if (!learning) {
            return;
        }
        Duration observed = seenAt.minus(lastGap.dividedBy(2));
        Deque<Duration> times = seen.computeIfAbsent(kind, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(observed.isNegative() ? Duration.ZERO : observed);
            if (times.size() > WINDOW) {
                times.removeFirst();
            }
        }
    }

    /** What the schedule expects for {@code kind} (the median of what it saw), for ETAs in the UI; null if nothing. */
    public Duration expected(String kind) {
        List<Duration> times = seen(kind);
        if (times.isEmpty()) {
            return null;
        }
        times.sort(null);
        return times.get(times.size() / 2);
    }

    private List<Duration> seen(String kind) {
        Deque<Duration> times = seen.get(kind);
        if (times == null) {
            return new ArrayList<>();
        }
        synchronized (times) {
            return new ArrayList<>(times);
        }
    }
}
