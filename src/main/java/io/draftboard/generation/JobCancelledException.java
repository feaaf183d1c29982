package io.draftboard.generation;

import java.util.concurrent.CancellationException;

/**
 * Thrown inside a provider when its job was cancelled; the runner reports the job as cancelled, not failed.
 * A provider that asked its server to cancel says what the server answered about billing ({@link #charge}).
 */
public final class JobCancelledException extends CancellationException {
    private final transient CancelCharge charge;

    public JobCancelledException() {
        this(CancelCharge.UNKNOWN);
    }

    public JobCancelledException(CancelCharge charge) {
        super("cancelled");
        this.charge = charge;
    }

    public CancelCharge charge() {
        return charge;
    }
}
