package io.draftboard.http;

/**
 * How the caller of an HTTP exchange says "stop": the plumbing's own hook, so this package needs no notion of
 * a job. Provider code adapts a job's context to it; callers that never cancel pass {@link #NEVER}.
 */
public interface Cancellation {
    Cancellation NEVER = new Cancellation() {
        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void onCancel(Runnable action) {
        }
    };

    boolean isCancelled();

    /** Runs {@code action} when cancelled (at once if already cancelled). */
    void onCancel(Runnable action);
}
