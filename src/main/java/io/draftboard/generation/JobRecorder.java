package io.draftboard.generation;

import java.io.IOException;

/**
 * Persists what a job produced before the job is reported finished, so a result the provider delivered is
 * on disk and in history even if the app closes right after. Runs on the worker thread.
 */
public interface JobRecorder {
    JobRecorder NONE = new JobRecorder() {
        @Override
        public long recordSuccess(Job job, GenerationResult result, Timings timings) {
            return 0;
        }
    };

    /** Stores the image and its history row; returns the row id. */
    long recordSuccess(Job job, GenerationResult result, Timings timings) throws IOException;

    default void recordFailure(Job job, FailureKind kind, String message, Timings timings) throws IOException {
    }

    default void recordCancellation(Job job, Timings timings) throws IOException {
    }
}
