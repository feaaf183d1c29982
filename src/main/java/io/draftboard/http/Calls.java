package io.draftboard.http;

import io.draftboard.generation.JobCancelledException;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Runs API calls for one job: each can be cut off by the job's cancel, and a network failure becomes a
 * retryable {@link ProviderException} (or the cancellation it really was).
 */
public final class Calls {
    private final OkHttpClient client;
    private final String provider;
    private final JobContext context;
    private final AtomicReference<Call> current = new AtomicReference<>();

    /** An HTTP answer, read whole: API answers are small JSON. */
    public record Answer(int code, String body, String retryAfter, String location) {
        public boolean ok() {
            return code >= 200 && code < 300;
        }
    }

    public Calls(OkHttpClient client, String provider, JobContext context) {
        this.client = client;
        this.provider = provider;
        this.context = context;
        context.onCancel(() -> {
            Call c = current.get();
            if (c != null) {
                c.cancel();
            }
        });
    }

    public Answer send(Request request) throws ProviderException {
        context.checkCancelled();
        Call call = client.newCall(request);
        current.set(call);
        try (Response response = call.execute()) {
            return new Answer(response.code(), response.body().string(), response.header("Retry-After"),
                    response.header("Location"));
        } catch (IOException e) {
            if (context.isCancelled()) {
                throw new JobCancelledException();
            }
            throw HttpStatus.network(provider, e);
        }
    }
}
