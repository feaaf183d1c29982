package io.draftboard.ui.task;

import java.util.concurrent.Callable;

/**
 * The one way the UI does background work: the work runs off the FX thread, its result or a typed
 * {@link TaskFailure} comes back on it. A failure nobody handles is logged and reported to the runner's
 * fallback (the studio's status line), so nothing dies silently in a pool.
 *
 * <pre>{@code
 * tasks.task("Reading history", () -> store.page(query))
 *      .onSuccess(page -> items.setAll(page.items()))
 *      .onError(f -> status.set(f.message()))
 *      .start();
 * }</pre>
 */
public interface TaskRunner {

    /** Work that returns a value; nothing runs until {@link Task#start()}. {@code what} names it in failures. */
    <T> Task<T> task(String what, Callable<T> work);

    /** Work that returns nothing. */
    default Task<Void> action(String what, CheckedRunnable work) {
        return task(what, () -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code update} on the FX thread (at once when already there): events from workers land here. */
    void onFx(Runnable update);

    /**
     * Stops taking work: what is queued gets a short grace to finish (then it is interrupted), and callbacks
     * not yet delivered are dropped, since the window they would update is gone.
     */
    void shutdown();

    /** A {@link Runnable} that may throw. */
    @FunctionalInterface
    interface CheckedRunnable {
        void run() throws Exception;
    }
}
