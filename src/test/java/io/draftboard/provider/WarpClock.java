package io.draftboard.provider;

import io.draftboard.generation.JobContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that skips the waits between polls, so tests and benchmarks of polling take milliseconds instead of the
 * seconds they describe. {@link #virtual()}: time moves only by the sleeps (exact, for unit tests).
 * {@link #warped()}: real time plus every sleep skipped, so what the waits do not cover (HTTP round trips,
 * downloads, writing history) still counts, as it would on the wall clock. One job at a time: two threads
 * sleeping at once would each move the clock for both.
 */
public final class WarpClock extends Clock implements CancellableSleep {
    private final Instant origin = Instant.parse("2026-12-03T00:00:00Z");
    private final long realStart = System.nanoTime();
    private final boolean real;
    private final AtomicLong skipped = new AtomicLong();

    private WarpClock(boolean real) {
        this.real = real;
    }

    public static WarpClock virtual() {
        return new WarpClock(false);
    }

    public static WarpClock warped() {
        return new WarpClock(true);
    }

    /** Nanoseconds since this clock was made: the simulator's latency clock. */
    public long nanos() {
        return (real ? System.nanoTime() - realStart : 0) + skipped.get();
    }

    @Override
    public void sleep(Duration delay, JobContext context) {
        context.checkCancelled();
        skipped.addAndGet(Math.max(0, delay.toNanos()));
    }

    /** Moves the clock on without a sleep (a test's "meanwhile"). */
    public void advance(Duration d) {
        skipped.addAndGet(d.toNanos());
    }

    @Override
    public Instant instant() {
        return origin.plusNanos(nanos());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
