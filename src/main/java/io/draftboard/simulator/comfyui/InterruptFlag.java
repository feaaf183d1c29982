package io.draftboard.simulator.comfyui;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * ComfyUI's {@code interrupt_processing} flag: {@code /interrupt} raises it, the executor checks it before each
 * node and the sampler at each step. The sampler's per-step delay waits on it, so an interrupt ends a slow step at
 * once rather than after the delay.
 */
final class InterruptFlag {
    private final AtomicBoolean raised = new AtomicBoolean();
    private final Object pause = new Object();

    void raise() {
        raised.set(true);
        synchronized (pause) {
            pause.notifyAll();
        }
    }

    void clear() {
        raised.set(false);
    }

    boolean isRaised() {
        return raised.get();
    }

    /** Waits {@code d}, or less if the flag is raised (or the thread interrupted) meanwhile. */
    void pauseFor(Duration d) {
        if (d.isZero()) {
            return;
        }
        long until = System.nanoTime() + d.toNanos();
        synchronized (pause) {
            while (!raised.get()) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    pause.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
