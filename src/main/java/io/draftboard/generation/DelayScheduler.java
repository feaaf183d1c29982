package io.draftboard.generation;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs a task after a delay; the debounce's clock. Tests drive a virtual one instead of sleeping. */
public interface DelayScheduler {

    /** A scheduled task that can be called off. */
    interface Scheduled {
        void cancel();
    }

    Scheduled schedule(Duration delay, Runnable task);

    /** This clock's time now, in nanoseconds from an arbitrary origin. */
    default long nanoTime() {
        return System.nanoTime();
    }

    /** Stops the clock's thread, if it has one; nothing scheduled runs after this. */
    default void close() {
    }

    /** A real-time scheduler on one daemon thread. */
    static DelayScheduler daemon(String threadName) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        return new DelayScheduler() {
            @Override
            public Scheduled schedule(Duration delay, Runnable task) {
                ScheduledFuture<?> f = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
                return () -> f.cancel(false);
            }

            @Override
            public void close() {
                executor.shutdownNow();
            }
        };
    }
}
