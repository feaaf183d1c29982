package io.draftboard.provider;

import io.draftboard.generation.FailureKind;
import io.draftboard.generation.JobCancelledException;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import io.draftboard.http.CallCancelledException;
import io.draftboard.http.CurrentCall;
import io.draftboard.imaging.ImageCodec;
import io.draftboard.http.Delivery;
import io.draftboard.http.Timeouts;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Runs API calls for one job: each can be cut off by the job's cancel (through {@link CurrentCall}, one hook
 * per job), and a failure without an answer becomes the {@link ProviderException} {@link HttpStatus#network}
 * makes of it (or the cancellation it really was). An answer is read into memory only up to a limit
 * ({@link #MAX_ANSWER_BYTES} for JSON, more for an answer that carries its image inline), so a provider that
 * sends a gigabyte fails at once.
 *
 * <p>Every call that is not a GET or HEAD is taken to bill (the providers' submits are their only POSTs):
 * it is sent at most once, OkHttp's own silent retransmissions included, and if it left whole but no answer
 * came, its outcome is unknown and it is never resent.
 */
public final class Calls {
    /** API answers are small JSON; a few MB is generous. */
    public static final long MAX_ANSWER_BYTES = 4L * 1024 * 1024;

    /**
     * For a call that holds its answer until the image is rendered (Cloudflare's {@code ai/run}, OpenAI-style
     * gateways): a 50-step render at 4 MP, queued behind others at a busy provider, takes minutes, not the
     * client's default 60 s. Upload time counts against the call limit, so it has a minute more.
     */
    public static final Timeouts SYNCHRONOUS_RENDER = new Timeouts(java.time.Duration.ofMinutes(5),
            java.time.Duration.ofMinutes(6));

    private final CurrentCall current;
    private final String provider;
    private final long maxAnswerBytes;

    /** An HTTP answer, read whole: API answers are small JSON. */
    public record Answer(int code, String body, String retryAfter, String location) {
        public boolean ok() {
            return code >= 200 && code < 300;
        }
    }

    public Calls(OkHttpClient client, String provider, JobContext context) {
        this(client, provider, context, MAX_ANSWER_BYTES);
    }

    /** @param maxAnswerBytes the largest answer read, for answers that carry an image as base64 */
    public Calls(OkHttpClient client, String provider, JobContext context, long maxAnswerBytes) {
        this.current = new CurrentCall(client, JobCancellation.of(context));
        this.provider = provider;
        this.maxAnswerBytes = maxAnswerBytes;
    }

    public Answer send(Request request) throws ProviderException {
        boolean bills = !request.method().equals("GET") && !request.method().equals("HEAD");
        Delivery delivery = new Delivery();
        try (Response response = current.execute(bills ? Delivery.atMostOnce(request) : request, delivery)) {
            // A body that breaks off after the status line is "left whole, no answer" as well.
            return new Answer(response.code(), bounded(response.body()), response.header("Retry-After"),
                    response.header("Location"));
        } catch (CallCancelledException e) {
            throw new JobCancelledException();
        } catch (IOException e) {
            if (current.isCancelled()) {
                throw new JobCancelledException();
            }
            throw HttpStatus.network(provider, e, bills && delivery.sent());
        }
    }

    /** The body as text, if it is at most {@link #maxAnswerBytes} (decompressed); refused before it is read whole. */
    private String bounded(ResponseBody body) throws IOException, ProviderException {
        if (body.contentLength() > maxAnswerBytes || body.source().request(maxAnswerBytes + 1)) {
            // Not retryable: sending again could pay again, and the answer would be as large.
            throw new ProviderException(FailureKind.PERMANENT, provider + " sent an answer larger than "
                    + ImageCodec.sizeText(maxAnswerBytes) + "; it was not read");
        }
        return body.string();
    }

    /** As {@link #send(Request)}, within the call's own {@link Timeouts} instead of the client's defaults. */
    public Answer send(Request request, Timeouts timeouts) throws ProviderException {
        return send(timeouts.on(request));
    }
}
