package io.draftboard.ui.task;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The {@link TaskRunner} over two executors: one that runs work, one that delivers callbacks. In the app the
 * first is a small daemon pool and the second the FX thread; in toolkit-free tests both are the calling
 * thread ({@link #sameThread}), so a test reads the model's state right after calling it.
 */
public final class TaskRunnerCore implements TaskRunner {
    private static final System.Logger LOG = System.getLogger(TaskRunner.class.getName());
    private static final long SHUTDOWN_GRACE_MS = 400;

    private final Executor work;
    private final Executor deliver;
    private final Consumer<TaskFailure> unhandled;
    /** The runner's own pool, or null when work runs on an executor it does not own. */
    private final ExecutorService pool;
    private volatile boolean stopped;

    private TaskRunnerCore(Executor work, Executor deliver, Consumer<TaskFailure> unhandled, ExecutorService pool) {
        this.work = work;
        this.deliver = deliver;
        this.unhandled = unhandled;
        this.pool = pool;
    }

    /**
     * A runner with its own pool of {@code threads} daemon threads named {@code name-N}, delivering through
     * {@code deliver} (the FX thread in the app); {@code unhandled} hears every failure no task handled.
     */
    public static TaskRunnerCore pooled(String name, int threads, Executor deliver, Consumer<TaskFailure> unhandled) {
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new TaskRunnerCore(pool, deliver, unhandled, pool);
    }

    /**
     * Work on {@code work}, callbacks through {@code deliver}, nothing to stop: for tests that hold callbacks
     * back to deliver them in an order of their choosing.
     */
    public static TaskRunnerCore on(Executor work, Executor deliver, Consumer<TaskFailure> unhandled) {
        return new TaskRunnerCore(work, deliver, unhandled, null);
    }

    /** Everything on the calling thread: for toolkit-free tests. */
    public static TaskRunnerCore sameThread(Consumer<TaskFailure> unhandled) {
        return new TaskRunnerCore(Runnable::run, Runnable::run, unhandled, null);
    }

    /** As {@link #sameThread(Consumer)} with a fallback that rethrows, so a test sees an unhandled failure. */
    public static TaskRunnerCore sameThread() {
        return sameThread(f -> {
            throw new AssertionError(f.message(), f.cause());
        });
    }

    @Override
    public <T> Task<T> task(String what, Callable<T> work) {
        return new Task<>(what, work, this);
    }

    @Override
    public void onFx(Runnable update) {
        if (!stopped) {
            deliver.execute(() -> guarded("Updating the studio", update));
        }
    }

    @Override
    public void shutdown() {
        shutdown(Duration.ofMillis(SHUTDOWN_GRACE_MS));
    }

    /**
     * Stops taking work and delivering; work already queued (a deletion waiting for undo, say) gets
     * {@code patience} to finish, then is interrupted. True when it all finished in time.
     */
    public boolean shutdown(Duration patience) {
        stopped = true;
        if (pool == null) {
            return true;
        }
        pool.shutdown();
        try {
            if (pool.awaitTermination(patience.toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
        return false;
    }

    <T> void submit(Task<T> task) {
        if (stopped) {
            return; // the window is closing: nothing is left to show a result to
        }
        try {
            work.execute(() -> run(task));
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, task.what() + " not started: the studio is closing");
        }
    }

    private <T> void run(Task<T> task) {
        T value;
        try {
            value = task.work().call();
        } catch (Exception | LinkageError | AssertionError e) {
            TaskFailure failure = new TaskFailure(task.what(), e);
            deliverSafely(() -> {
                try {
                    if (task.error() != null) {
                        task.error().accept(failure);
                    } else {
                        report(failure);
                    }
                } finally {
                    task.always().run();
                }
            }, task.what());
            return;
        }
        deliverSafely(() -> {
            try {
                task.success().accept(value);
            } finally {
                task.always().run();
            }
        }, task.what());
    }

    private void deliverSafely(Runnable callback, String what) {
        if (stopped) {
            return;
        }
        try {
            deliver.execute(() -> guarded(what, callback));
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, what + " finished after the studio closed");
        }
    }

    /** A callback that throws is a bug: it is logged and reported, never lost on the FX thread. */
    private void guarded(String what, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException | AssertionError e) {
            report(new TaskFailure(what, e));
        }
    }

    private void report(TaskFailure failure) {
        LOG.log(System.Logger.Level.WARNING, failure.message(), failure.cause());
        unhandled.accept(failure);
    }
}
