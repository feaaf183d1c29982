package io.draftboard.generation;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The live-draft debounce, stretched when renders are slow (Krita's live mode: the last ten render times,
 * a grace period only once they average over 1.5 s, never more than 3 s). Fast engines keep the user's
 * debounce; on a slow provider a longer pause coalesces more keystrokes into one paid request.
 */
public final class AdaptiveDebounce {
    static final int WINDOW = 10;
    static final Duration SLOW_THRESHOLD = Duration.ofMillis(1500);
    static final Duration MAX = Duration.ofSeconds(3);

    private final Deque<Long> recentMillis = new ArrayDeque<>();
    private Duration base;

    public AdaptiveDebounce(Duration base) {
        this.base = base;
    }

    public synchronized void setBase(Duration newBase) {
        base = newBase;
    }

    public synchronized Duration base() {
        return base;
    }

    /** Records how long a draft took to render and returns the debounce to use from now on. */
    public synchronized Duration recordRender(Duration renderTime) {
        recentMillis.addLast(renderTime.toMillis());
        if (recentMillis.size() > WINDOW) {
            recentMillis.removeFirst();
        }
        return current();
    }

    public synchronized Duration current() {
        double average = recentMillis.stream().mapToLong(Long::longValue).average().orElse(0);
        if (average <= SLOW_THRESHOLD.toMillis()) {
            return base;
        }
        // Half the excess render time as extra grace: typing pauses longer than that are deliberate.
        long stretched = base.toMillis() + (long) ((average - SLOW_THRESHOLD.toMillis()) / 2);
        return Duration.ofMillis(Math.min(Math.max(base.toMillis(), stretched), Math.max(base.toMillis(), MAX.toMillis())));
    }
}
