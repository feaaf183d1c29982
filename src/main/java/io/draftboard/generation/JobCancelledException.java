package io.draftboard.generation;

import java.util.concurrent.CancellationException;

/** Thrown inside a provider when its job was cancelled; the runner reports the job as cancelled, not failed. */
public final class JobCancelledException extends CancellationException {
    public JobCancelledException() {
        super("cancelled");
    }
}
