package io.draftboard.provider.comfyui;

import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import io.draftboard.http.CurrentCall;
import io.draftboard.provider.Calls;
import io.draftboard.provider.HttpStatus;
import io.draftboard.provider.JobCancellation;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.settings.ApiKey;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One job's way to the ComfyUI server: its routes under the base URL, the token on every request, and calls
 * that the job's cancel stops. What each part of a {@link ComfyJob} sends goes through here.
 */
final class ComfyHttp {
    static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient client;
    private final HttpUrl base;
    private final ApiKey token;
    private final Clock clock;
    private final Calls calls;
    private final CurrentCall current;

    ComfyHttp(ProviderEndpoint endpoint, JobContext context) {
        this.client = endpoint.client();
        this.base = endpoint.baseUrl();
        this.token = endpoint.key().get();
        this.clock = endpoint.clock();
        this.calls = new Calls(client, ComfyWire.NAME, context);
        this.current = new CurrentCall(client, JobCancellation.of(context));
    }

    OkHttpClient client() {
        return client;
    }

    HttpUrl base() {
        return base;
    }

    Clock clock() {
        return clock;
    }

    HttpUrl url(String path) {
        return base.resolve(path);
    }

    /** A request to {@code path} under the base URL, with the token. */
    Request.Builder to(String path) {
        return authed(new Request.Builder().url(url(path)));
    }

    Request.Builder authed(Request.Builder b) {
        if (token != null) {
            b.header("Authorization", "Bearer " + token.reveal());
        }
        return b;
    }

    /** Sends {@code r} and reads its (small JSON) answer; a refused connection says ComfyUI is not running. */
    Calls.Answer send(Request r) throws ProviderException {
        try {
            return calls.send(r);
        } catch (ProviderException e) {
            if (e.getCause() instanceof ConnectException) {
                throw new ProviderException(e.kind(), ComfyWire.NAME + " is not running at " + base
                        + " (connection refused)", null, e.getCause());
            }
            throw e;
        }
    }

    /** Sends {@code r} for its body to be streamed by the caller (an image); a cancel stops it. */
    Response execute(Request r) throws IOException {
        return current.execute(r);
    }

    /** The failure an answer that is not 2xx stands for; {@code what} says what went wrong, or is null. */
    ProviderException failure(Calls.Answer a, String what) {
        return HttpStatus.failure(ComfyWire.NAME, a.code(), what, a.retryAfter(), clock);
    }
}
