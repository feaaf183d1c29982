package io.draftboard.generation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link DelayScheduler} on a virtual clock: tasks run only when the test advances time. */
public final class VirtualTimer implements DelayScheduler {
    private long nowNanos;
    private long sequence;
    private final List<Task> tasks = new ArrayList<>();

    private final class Task implements Scheduled {
        final long due;
        final long order = sequence++;
        final Runnable runnable;
        boolean cancelled;

        Task(long due, Runnable runnable) {
            this.due = due;
            this.runnable = runnable;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public synchronized long nanoTime() {
        return nowNanos;
    }

    @Override
    public synchronized Scheduled schedule(Duration delay, Runnable task) {
        Task t = new Task(nowNanos + delay.toNanos(), task);
        tasks.add(t);
        return t;
    }

    /** Moves time forward, running every task that falls due, in order. */
    public void advance(Duration by) {
        long target;
        synchronized (this) {
            target = nowNanos + by.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.cancelled && t.due <= target)
                        .min(Comparator.<Task>comparingLong(t -> t.due).thenComparingLong(t -> t.order))
                        .orElse(null);
                if (next == null) {
                    nowNanos = target;
                    tasks.removeIf(t -> t.cancelled);
                    return;
                }
                tasks.remove(next);
                nowNanos = next.due;
            }
            next.runnable.run();
        }
    }

    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    public synchronized int pending() {
        return (int) tasks.stream().filter(t -> !t.cancelled).count();
    }
}
