package io.draftboard.provider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where to place the polls of one remote job, from how long similar jobs took. The app pays twice for a badly
 * placed poll: a poll too early is a wasted request, a poll too late is time the user waits after the image is
 * ready. So polls are placed by the spread of past durations, not only their mean:
 *
 * <ol>
 *   <li>nothing is expected before the fast end of the spread ({@link Fitted#first}, a margin below the 10th
 *       percentile), so until then only a sparse poll every few seconds (progress, an early refusal);</li>
 *   <li>between there and the slow end ({@link Fitted#last}, a margin above the 90th percentile) polls are
 *       geometric: each one a fixed fraction later than the last, so a job is seen at most that fraction after
 *       it finished, however long it takes, and the number of polls depends only on how wide the spread is;</li>
 *   <li>a job later than that (a queue at the provider) is polled at a gap that grows with its lateness, up to
 *       {@link #CAP}.</li>
 * </ol>
 *
 * With nothing known the plan is {@link Cold}: the 0.5 s / 1 s / 2 s cadence SDKs use (providers.md §1.6), so a
 * first run is never worse than a fixed 0.5 s poller.
 */
public sealed interface PollPlan permits PollPlan.Cold, PollPlan.Fitted {
    /** Never two polls closer than this: a provider is not to be hammered, whatever the plan. */
    Duration FLOOR = Duration.ofMillis(50);
    /** The longest gap between two polls once a job is due. */
    Duration CAP = Duration.ofSeconds(2);
    /** Before a job is due, a poll at least this often, so progress and an early refusal are still seen. */
    Duration SPARSE_MAX = Duration.ofSeconds(5);

    /** How long to wait before the next poll, {@code elapsed} after the job was accepted. */
    Duration nextDelay(Duration elapsed);

    /** The fixed cadence: 0.5 s for the first 10 s, 1 s to a minute, then 2 s. */
    record Cold() implements PollPlan {
        @Override
        public Duration nextDelay(Duration elapsed) {
            long e = elapsed.toMillis();
            return Duration.ofMillis(e < 10_000 ? 500 : e < 60_000 ? 1_000 : 2_000);
        }
    }

    /**
     * A plan fitted to past durations: the first dense poll at {@code first}, geometric steps of {@code ratio}
     * until {@code last}, then a growing gap.
     */
    record Fitted(Duration first, Duration last, double ratio) implements PollPlan {
        @Override
        public Duration nextDelay(Duration elapsed) {
            long e = elapsed.toMillis();
            long firstMs = first.toMillis();
            long delay;
            if (e < firstMs - FLOOR.toMillis()) {
                long left = firstMs - e;
                // go straight to the first poll when it is within 4 s; otherwise halve the distance, within 2-5 s
                delay = left <= 4_000 ? left : Math.min(SPARSE_MAX.toMillis(), Math.max(CAP.toMillis(), left / 2));
            } else {
                // geometric: the next poll a fixed fraction later; past the slow end, also half the lateness
                double step = e * (ratio - 1) + Math.max(0, e - last.toMillis()) / 2.0;
                delay = Math.min(CAP.toMillis(), Math.round(step));
            }
            return Duration.ofMillis(Math.max(FLOOR.toMillis(), delay));
        }
    }

    /** Polls the geometric stretch should take at most: it bounds the polls of a job within the spread. */
    int BUDGET = 24;
    /**
     * Densest geometric step: a job is seen at most 4.5 % after it finished. A spread too wide for that within the
     * {@link #BUDGET} (0.8-2.2 s drafts: ~5.4 %) gets the budget's step instead...
     */
    double FINEST_RATIO = 1.045;
    /** ...and at worst 25 %, when the spread is so wide that the budget cannot do better. */
    double COARSEST_RATIO = 1.25;
    /** How far below the 10th percentile the first dense poll goes: a job faster than most seen so far. */
    double FAST_MARGIN = 0.25;
    /** How far past the 90th percentile polling stays dense; widened while there are few samples. */
    double SLOW_MARGIN = 0.2;

    /**
     * The plan for a job whose similar predecessors took {@code past} (any order; app-observed times, which
     * include submit and download, so the first poll sits a margin below the fast ones). Empty: {@link Cold}.
     */
    static PollPlan from(List<Duration> past) {
        if (past.isEmpty()) {
            return new Cold();
        }
        List<Long> ms = new ArrayList<>(past.size());
        past.forEach(d -> ms.add(Math.max(0, d.toMillis())));
        Collections.sort(ms);
        int n = ms.size();
        double fast = quantile(ms, 0.1) * (1 - FAST_MARGIN);
        // one or two samples say little about how far a job may run over: stay dense longer
        double slow = quantile(ms, 0.9) * (1 + SLOW_MARGIN + 0.3 / n);
        fast = Math.max(FLOOR.toMillis(), fast);
        slow = Math.max(slow, fast * FINEST_RATIO);
        double ratio = Math.min(COARSEST_RATIO, Math.max(FINEST_RATIO, Math.pow(slow / fast, 1.0 / BUDGET)));
        return new Fitted(Duration.ofMillis(Math.round(fast)), Duration.ofMillis(Math.round(slow)), ratio);
    }

    /** The {@code q} quantile of sorted {@code ms}, interpolated between neighbours. */
    private static double quantile(List<Long> ms, double q) {
        double pos = q * (ms.size() - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(ms.size() - 1, lo + 1);
        return ms.get(lo) + (pos - lo) * (ms.get(hi) - ms.get(lo));
    }
}
