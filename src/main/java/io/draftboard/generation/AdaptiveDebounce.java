package io.draftboard.generation;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The live-draft debounce, stretched when renders are slow (Krita's live mode: the last ten render times,
 * a grace period only once they average over 1.5 s, never more than 3 s). Fast engines keep the user's
 * debounce; on a slow provider a longer pause coalesces more keystrokes into one paid request.
 *
 * <p>On a paid provider every draft is billed, so it waits for a real pause: at least {@link #PAID_PAUSE}, and
 * longer than this designer's own pauses between words (the slowest tenth of their recent gaps under 2 s).
 */
public final class AdaptiveDebounce implements DraftPause {
    static final int WINDOW = 10;
    static final Duration SLOW_THRESHOLD = Duration.ofMillis(1500);
    static final Duration MAX = Duration.ofSeconds(3);
    public static final Duration PAID_PAUSE = Duration.ofMillis(1000);
    /** Gaps longer than this are not typing: the designer stopped to look. */
    private static final long TYPING_GAP_MS = 2000;
    private static final int GAP_WINDOW = 40;

    private final Deque<Long> recentMillis = new ArrayDeque<>();
    private Duration base;
    private boolean paid;
    private final Deque<Long> gaps = new ArrayDeque<>();
    private long lastEditNanos = Long.MIN_VALUE;

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

    /** Drafts now cost money (or no longer do): the pause waits for the designer to stop typing. */
    public synchronized void setPaid(boolean isPaid) {
        paid = isPaid;
    }

    @Override
    public synchronized Duration afterEdit(long nanos) {
        if (lastEditNanos != Long.MIN_VALUE) {
            long gap = (nanos - lastEditNanos) / 1_000_000;
            if (gap >= 0 && gap < TYPING_GAP_MS) {
                gaps.addLast(gap);
                if (gaps.size() > GAP_WINDOW) {
                    gaps.removeFirst();
                }
            }
        }
        lastEditNanos = nanos;
        return current();
    }

    public synchronized Duration current() {
        long floor = paid ? Math.max(base.toMillis(), Math.max(PAID_PAUSE.toMillis(), wordPause() * 13 / 10))
                : base.toMillis();
        double average = recentMillis.stream().mapToLong(Long::longValue).average().orElse(0);
        if (average <= SLOW_THRESHOLD.toMillis()) {
            return Duration.ofMillis(floor);
        }
        // Half the excess render time as extra grace: typing pauses longer than that are deliberate.
        long stretched = floor + (long) ((average - SLOW_THRESHOLD.toMillis()) / 2);
        return Duration.ofMillis(Math.min(stretched, Math.max(floor, MAX.toMillis())));
    }

    /** The slowest tenth of this designer's recent typing gaps: how long they pause between words. */
    private long wordPause() {
        if (gaps.size() < 5) {
            return 0;
        }
        long[] sorted = gaps.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[(int) Math.floor(0.9 * (sorted.length - 1))];
    }
}
