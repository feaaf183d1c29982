package io.draftboard.provider;

import io.draftboard.generation.JobCancelledException;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import io.draftboard.http.CallCancelledException;
import io.draftboard.http.CurrentCall;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Runs API calls for one job: each can be cut off by the job's cancel (through {@link CurrentCall}, one hook
 * per job), and a network failure becomes a retryable {@link ProviderException} (or the cancellation it
 * really was).
 */
public final class Calls {
    private final CurrentCall current;
    private final String provider;

    /** An HTTP answer, read whole: API answers are small JSON. */
    public record Answer(int code, String body, String retryAfter, String location) {
        public boolean ok() {
            return code >= 200 && code < 300;
        }
    }

    public Calls(OkHttpClient client, String provider, JobContext context) {
        this.current = new CurrentCall(client, JobCancellation.of(context));
        this.provider = provider;
    }

    public Answer send(Request request) throws ProviderException {
        try (Response response = current.execute(request)) {
            return new Answer(response.code(), response.body().string(), response.header("Retry-After"),
                    response.header("Location"));
        } catch (CallCancelledException e) {
            throw new JobCancelledException();
        } catch (IOException e) {
            if (current.isCancelled()) {
                throw new JobCancelledException();
            }
            throw HttpStatus.network(provider, e);
        }
    }
}
