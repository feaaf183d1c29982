package io.draftboard.http;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Runs a caller's calls one at a time so that its {@link Cancellation} cuts off whichever is in flight. The
 * hook is registered once, not once per call, so a poll loop of hundreds of calls leaves one hook behind. The
 * one place that ties cancellation to OkHttp's {@link Call#cancel()}.
 */
public final class CurrentCall {
    private final OkHttpClient client;
    private final Cancellation cancellation;
    private final AtomicReference<Call> current = new AtomicReference<>();

    public CurrentCall(OkHttpClient client, Cancellation cancellation) {
        this.client = Objects.requireNonNull(client, "client");
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
        cancellation.onCancel(() -> {
            Call c = current.get();
            if (c != null) {
                c.cancel();
            }
        });
    }

    public boolean isCancelled() {
        return cancellation.isCancelled();
    }

    /**
     * Executes {@code request}; the caller closes the response. A call cut off by the cancellation (or asked
     * for after it) throws {@link CallCancelledException}; any other failure is the network's.
     */
    public Response execute(Request request) throws IOException {
        return execute(request, new Delivery());
    }

    /**
     * As {@link #execute(Request)}, telling {@code delivery} how far the request got on the wire, so a caller
     * whose request bills can tell "never left" from "left, and no answer came". A request tagged with
     * {@link Timeouts} gets its own call limit.
     */
    public Response execute(Request request, Delivery delivery) throws IOException {
        Call call = client.newCall(request);
        call.addEventListener(delivery.listener());
        Timeouts own = request.tag(Timeouts.class);
        if (own != null) {
            call.timeout().timeout(own.call().toMillis(), TimeUnit.MILLISECONDS);
        }
        current.set(call);
        if (cancellation.isCancelled()) { // before or just as the call became current: never send it
            throw new CallCancelledException();
        }
        try {
            return call.execute();
        } catch (IOException e) {
            throw cancellation.isCancelled() ? new CallCancelledException(e) : e;
        }
    }
}
