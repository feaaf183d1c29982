package io.draftboard.generation;

/**
 * What a running job offers its provider: progress reporting, cancellation, and a place to record the
 * provider's job handle as soon as it is known (so a crash after submit can resume instead of re-submitting).
 */
public interface JobContext {

    /** Progress of the render itself, 0 to 1. */
    void progress(double fraction);

    /** The provider accepted the job: its id and where to poll it. Called once per submit. */
    default void submitted(String remoteId, String pollingUrl) {
    }

    /**
     * What the provider says the job is doing, when it says something Draftboard does not know (a new status
     * name): shown to the user while waiting, as the provider wrote it.
     */
    default void status(String text) {
    }

    /**
     * An intermediate picture of the render, as the provider sent it (JPEG, PNG or BMP bytes; a provider's
     * preview is typically a few hundred pixels wide, the offline engine's finished picture is full size and
     * uncompressed): step {@code step} of {@code of}. Providers that
     * stream previews (ComfyUI's websocket) call it from the job's thread; the default ignores it.
     */
    default void preview(byte[] image, int step, int of) {
    }

    /** The image is being downloaded; bytes so far. */
    default void downloading(long bytes) {
    }

    /**
     * Whether this job is a draft or a final, so waiting for it can draw on past renders of the same kind;
     * null when the caller does not say (a one-off call outside the job runner).
     */
    default RenderKind kind() {
        return null;
    }

    boolean isCancelled();

    /**
     * Runs {@code action} when the job is cancelled (at once if it already is): a provider that can cancel
     * remotely registers its cancel call here; an HTTP provider registers {@code call.cancel()}.
     */
    void onCancel(Runnable action);

    /** Throws {@link JobCancelledException} if the job was cancelled; providers call it between units of work. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new JobCancelledException();
        }
    }

    /** A context for callers that never cancel and ignore progress (CLI one-shots, tests). */
    static JobContext none() {
        return new JobContext() {
            @Override
            public void progress(double fraction) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void onCancel(Runnable action) {
            }
        };
    }
}
