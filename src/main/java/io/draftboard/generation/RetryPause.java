package io.draftboard.generation;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** How the runner waits between attempts; a seam so tests record the delays instead of sleeping. */
@FunctionalInterface
public interface RetryPause {
    /** Real time, cut short when the job is cancelled. */
    RetryPause REAL = (delay, cancelled) -> cancelled.await(delay.toMillis(), TimeUnit.MILLISECONDS);

    /** Waits {@code delay}; returns true if {@code cancelled} opened meanwhile. */
    boolean await(Duration delay, CountDownLatch cancelled) throws InterruptedException;
}
