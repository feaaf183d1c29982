package io.draftboard.provider;

import io.draftboard.generation.JobContext;
import io.draftboard.http.Cancellation;

/** A job's cancel, as the HTTP plumbing's {@link Cancellation}: http knows nothing of jobs. */
public final class JobCancellation {
    private JobCancellation() {
    }

    public static Cancellation of(JobContext context) {
        return new Cancellation() {
            @Override
            public boolean isCancelled() {
                return context.isCancelled();
            }

            @Override
            public void onCancel(Runnable action) {
                context.onCancel(action);
            }
        };
    }
}
