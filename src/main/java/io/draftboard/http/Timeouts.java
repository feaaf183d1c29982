package io.draftboard.http;

import java.time.Duration;
import java.util.Objects;
import okhttp3.Request;

/**
 * A call's own time limits, where the client's defaults (60 s between bytes, 3 minutes in all) do not fit what
 * the provider documents: a synchronous render may hold the answer for minutes, and a call the server holds on
 * purpose ({@code Prefer: wait=N}) needs a read limit well above N. Travels as a tag on the request; the
 * client's interceptor ({@link HttpClients}) and {@link CurrentCall} apply it.
 *
 * @param read longest wait for the next byte of the answer, its first byte included
 * @param call longest the whole call may take, sending and reading included
 */
public record Timeouts(Duration read, Duration call) {
    public Timeouts {
        Objects.requireNonNull(read, "read");
        Objects.requireNonNull(call, "call");
        if (read.isNegative() || read.isZero() || call.compareTo(read) < 0) {
            throw new IllegalArgumentException("timeouts must be positive, the call's at least the read's");
        }
    }

    /** {@code request}, to be sent within these limits. */
    public Request on(Request request) {
        return request.newBuilder().tag(Timeouts.class, this).build();
    }
}
