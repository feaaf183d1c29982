package io.draftboard.generation;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A job's cancel switch: once thrown it stays thrown, every remote-cancel hook runs (a hook added later runs
 * at once), and a retry wait on {@link #latch()} ends early. Thread-safe: the user cancels from the UI thread
 * while the job runs on a worker.
 */
final class JobCancellation {
    private static final System.Logger LOG = System.getLogger(JobRunner.class.getName());

    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

    /** Throws the switch and runs the hooks; false if it was already thrown. */
    boolean cancel() {
        if (cancelled.getCount() == 0) {
            return false;
        }
        cancelled.countDown();
        for (Runnable hook : hooks) {
            runHook(hook);
        }
        return true;
    }

    boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    /** Opens when the job is cancelled: what a retry wait waits on. */
    CountDownLatch latch() {
        return cancelled;
    }

    /** Runs {@code action} when the job is cancelled, at once if it already is. */
    void onCancel(Runnable action) {
        hooks.add(action);
        if (isCancelled() && hooks.remove(action)) {
            runHook(action);
        }
    }

    private static void runHook(Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cancel hook failed", e);
        }
    }
}
