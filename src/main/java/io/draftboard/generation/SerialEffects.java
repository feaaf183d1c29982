package io.draftboard.generation;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Effects decided under a lock, run after it is released: in the order they were decided, one thread at a
 * time. A thread that finds another running them leaves its own to that thread, so no caller ever waits
 * here (the UI thread among them), and a callback never runs while the decider's lock is held.
 */
final class SerialEffects {
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();

    /** Queues {@code effect}; call under the lock that decided it. */
    void add(Runnable effect) {
        queue.add(effect);
    }

    /** Runs what is queued; call after releasing the lock. */
    void drain() {
        // Re-checked after letting go: an effect queued just as the runner finished is not left behind.
        while (!queue.isEmpty() && running.compareAndSet(false, true)) {
            try {
                for (Runnable effect = queue.poll(); effect != null; effect = queue.poll()) {
                    effect.run();
                }
            } finally {
                running.set(false);
            }
        }
    }
}
