package io.draftboard.generation;

import java.time.Duration;
import java.util.Objects;

/**
 * The wait between the designer's last edit and the draft it sets off: restarted by each edit, its length
 * decided at the edit by the {@link DraftPause}. Guarded by the {@link DraftScheduler}'s lock.
 */
final class DraftDebounce {
    private final DelayScheduler timer;
    private DraftPause pause;
    /** The pause the last edit waited for. */
    private Duration last;
    private DelayScheduler.Scheduled pending;

    DraftDebounce(DelayScheduler timer, Duration debounce) {
        this.timer = Objects.requireNonNull(timer, "timer");
        this.last = Objects.requireNonNull(debounce, "debounce");
        this.pause = DraftPause.fixed(debounce);
    }

    void setFixed(Duration debounce) {
        pause = DraftPause.fixed(Objects.requireNonNull(debounce, "debounce"));
        last = debounce;
    }

    void setPause(DraftPause newPause) {
        pause = Objects.requireNonNull(newPause, "pause");
    }

    Duration last() {
        return last;
    }

    /** A draft is waiting for the pause to run out. */
    boolean pending() {
        return pending != null;
    }

    /** Starts the pause again from now; {@code fire} runs (on the timer's thread) when it runs out. */
    void restart(Runnable fire) {
        cancel();
        last = pause.afterEdit(timer.nanoTime());
        pending = timer.schedule(last, fire);
    }

    void cancel() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    /** The pending draft fired (or was fired early): nothing is pending any more. */
    void fired() {
        pending = null;
    }
}
