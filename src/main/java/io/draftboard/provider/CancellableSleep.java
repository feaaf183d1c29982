package io.draftboard.provider;

import io.draftboard.generation.JobCancelledException;
import io.draftboard.generation.JobContext;
import java.time.Duration;

/** Waits between polls without holding up a cancel for more than a few milliseconds. */
@FunctionalInterface
public interface CancellableSleep {
    CancellableSleep REAL = (delay, context) -> {
        long until = System.nanoTime() + delay.toNanos();
        while (true) {
            context.checkCancelled();
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.min(20, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobCancelledException();
            }
        }
    };

    void sleep(Duration delay, JobContext context);
}
