package io.draftboard.generation;

import java.io.IOException;

/**
 * Keeps a job's trail on disk so nothing it produced is lost: a journal entry before it is sent, the
 * provider's job id as soon as it is known, and the result (image plus history row, in one transaction with
 * the journal's "done") before the job is reported finished. Runs on the worker thread.
 */
public interface JobRecorder {
    JobRecorder NONE = (journalId, job, result, timings) -> 0;

    /** Before anything is sent: returns the journal id the other calls quote (0 when not journaled). */
    default long opened(Job job) throws IOException {
        return 0;
    }

    /** The provider accepted the job: from now on a crash is resumed by polling, never by re-submitting. */
    default void submitted(long journalId, String remoteId, String pollingUrl) throws IOException {
    }

    /** Stores the image and its history row and closes the journal entry; returns the history row id. */
    long recordSuccess(long journalId, Job job, GenerationResult result, Timings timings) throws IOException;

    /**
     * {@code billed}: whether the provider charges for this failure, if it had accepted the job. Returns whether
     * the failure was recorded as billed (a job the provider never accepted is not), so the session's spend
     * and history's cost tell the same story.
     */
    default boolean recordFailure(long journalId, Job job, FailureKind kind, String message, Timings timings,
            boolean billed) throws IOException {
        return billed;
    }

    /** {@code charge}: what the provider said about billing it ({@link CancelCharge#UNKNOWN} if nothing). */
    default void recordCancellation(long journalId, Job job, Timings timings, CancelCharge charge) throws IOException {
    }
}
