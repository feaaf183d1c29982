package io.draftboard.ui.studio;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The preview's serial lane off the FX thread, where pictures are decoded in the order things happened.
 * Step frames come faster than a loaded machine decodes them and only the newest matters, so a frame waiting
 * in the lane is replaced by the next one instead of queueing behind it; but a frame never jumps over
 * anything queued after it (a finished image, a state change), so order per job holds.
 */
final class PreviewLane {
    private final Executor lane;
    /** The frame task queued and not yet started, if nothing else was queued after it. Guarded by this. */
    private Slot waiting;
    private long dropped;

    PreviewLane(Executor lane) {
        this.lane = lane;
    }

    /** Queues {@code step} after everything queued so far. */
    synchronized void run(Runnable step) {
        waiting = null;
        execute(step);
    }

    /** Queues {@code frame}, or puts it in place of a frame still waiting at the end of the lane. */
    synchronized void latest(Runnable frame) {
        if (waiting != null) {
            waiting.work = frame;
            dropped++;
            return;
        }
        Slot slot = new Slot(frame);
        waiting = slot;
        execute(() -> take(slot).run());
    }

    private synchronized Runnable take(Slot slot) {
        if (waiting == slot) {
            waiting = null;
        }
        return slot.work;
    }

    /** Frames replaced before they were decoded. */
    synchronized long dropped() {
        return dropped;
    }

    /** The lane stops when the studio closes; what arrives after that has no screen to reach. */
    private void execute(Runnable step) {
        try {
            lane.execute(step);
        } catch (RejectedExecutionException closing) {
            // nothing to show it on
        }
    }

    private static final class Slot {
        Runnable work;

        Slot(Runnable work) {
            this.work = work;
        }
    }
}
