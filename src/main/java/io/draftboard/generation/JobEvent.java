package io.draftboard.generation;

import java.time.Duration;
import java.time.Instant;

/** What happens to a job, in order: queued, started, submitted, progress and previews…, downloading, finished. */
public sealed interface JobEvent {
    long jobId();

    Instant at();

    record Queued(long jobId, Instant at) implements JobEvent {
    }

    /** An attempt began (the provider's concurrency slot is held). */
    record Started(long jobId, Instant at, int attempt) implements JobEvent {
    }

    /** The provider accepted the job and named it. */
    record Submitted(long jobId, Instant at, String remoteId, String pollingUrl) implements JobEvent {
    }

    record Progress(long jobId, Instant at, double fraction) implements JobEvent {
    }

    /** The provider reported a status Draftboard does not know; the job is still waited for. */
    record Status(long jobId, Instant at, String text) implements JobEvent {
    }

    /**
     * An intermediate picture (JPEG, PNG or BMP bytes, as the provider sent it) at step {@code step} of {@code of}.
     * The array is the provider's own: listeners read it and never change it.
     */
    record Preview(long jobId, Instant at, byte[] image, int step, int of) implements JobEvent {
    }

    record Downloading(long jobId, Instant at, long bytes) implements JobEvent {
    }

    /** A retryable failure; the next attempt starts after {@code delay}. */
    record Retrying(long jobId, Instant at, int failedAttempt, Duration delay, FailureKind kind, String message)
            implements JobEvent {
    }

    record Finished(long jobId, Instant at, JobOutcome outcome) implements JobEvent {
    }
}
