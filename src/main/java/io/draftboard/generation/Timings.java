package io.draftboard.generation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a job was queued, when its first attempt started, when it finished, and how many attempts it took.
 * Kept in history so the UI can show real render times and the debounce can adapt to them.
 */
public record Timings(Instant queuedAt, Instant startedAt, Instant finishedAt, int attempts) {
    public Timings {
        Objects.requireNonNull(queuedAt, "queuedAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    public Duration queueWait() {
        return Duration.between(queuedAt, startedAt);
    }

    public Duration runTime() {
        return Duration.between(startedAt, finishedAt);
    }

    public Duration total() {
        return Duration.between(queuedAt, finishedAt);
    }
}
