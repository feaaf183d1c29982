package io.draftboard.http;

import java.io.IOException;

/** An exchange stopped because its {@link Cancellation} fired, not because the network failed. */
public final class CallCancelledException extends IOException {
    private static final long serialVersionUID = 1L;

    public CallCancelledException() {
        super("cancelled");
    }

    public CallCancelledException(Throwable cause) {
        super("cancelled", cause);
    }
}
