package io.draftboard.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.generation.Cost;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobCancelledException;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import io.draftboard.json.Json;
import io.draftboard.provider.Calls;
import io.draftboard.provider.PollLoop;
import io.draftboard.provider.PollSchedule;
import io.draftboard.provider.Preflight;
import io.draftboard.provider.RemoteCancel;
import io.draftboard.provider.SyncImageAnswer;
import io.draftboard.settings.ApiKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * A gateway's asynchronous answer: AIgateway (aigateway.sh/docs/async-jobs) answers the heaviest models with
 * {@code 202 {id, status: "queued", object: "job"}}, to be polled at {@code GET /v1/jobs/{id}} until
 * {@code completed} ({@code result.file_url}, signed for 24 h), {@code failed} ({@code error.code},
 * {@code error.message}; not charged, its docs say) or {@code cancelled}. The job was accepted and will be billed,
 * so whatever happens while it is polled, the request is never sent again.
 *
 * <p>AIgateway asks for at most one poll every 3 seconds (faster ones answer {@code 304 Not Modified}): the shared
 * {@link PollLoop} keeps its schedule, and each poll waits out what is left of the 3 seconds.
 */
final class GatewayJob {
    /** AIgateway's documented minimum gap between polls of one job. */
    static final Duration MIN_POLL_GAP = Duration.ofSeconds(3);

    private final Supplier<OkHttpClient> client;
    private final HttpUrl baseUrl;
    private final String name;
    private final PollLoop loop;
    private final Clock clock;
    private final Function<Calls.Answer, ProviderException> failure;

    GatewayJob(Supplier<OkHttpClient> client, HttpUrl baseUrl, String name, PollLoop loop, Clock clock,
            Function<Calls.Answer, ProviderException> failure) {
        this.client = client;
        this.baseUrl = baseUrl;
        this.name = name;
        this.loop = loop;
        this.clock = clock;
        this.failure = failure;
    }

    /** The job a 202 answer describes: recorded for a restart, then polled to its image. */
    GenerationResult follow(Calls.Answer accepted, ApiKey key, GenerationRequest r, Calls calls, JobContext context)
            throws ProviderException {
        JsonNode job = Json.parseOrNull(accepted.body());
        String id = job == null ? null : job.path("id").asText(null);
        if (id == null || id.isBlank()) {
            // Accepted (and so billed) but with nothing to poll: sending it again could pay twice.
            throw new ProviderException(FailureKind.PERMANENT, name + " accepted the request as a job (HTTP 202) but"
                    + " named no job id; it was not sent again");
        }
        HttpUrl poll = pollUrl(id, job.path("polling_url").asText(null));
        context.submitted(id, poll.toString());
        if (key != null) {
            HttpUrl cancel = baseUrl.resolve("jobs/" + id + "/cancel");
            context.onCancel(() -> cancelQuietly(key, cancel));
        }
        return poll(id, poll, key, r, calls, context);
    }

    /** Polls a job the gateway accepted before Draftboard stopped; never submits it again. */
    GenerationResult resume(String id, String pollingUrl, ApiKey key, GenerationRequest r, Calls calls,
            JobContext context) throws ProviderException {
        return poll(id, pollUrl(id, pollingUrl), key, r, calls, context);
    }

    private HttpUrl pollUrl(String id, String given) throws ProviderException {
        HttpUrl own = baseUrl.resolve("jobs/" + id);
        if (own == null) {
            throw new ProviderException(FailureKind.PERMANENT, name + " named a job id that is no URL path: " + id);
        }
        HttpUrl u = given == null || given.isBlank() ? null : Preflight.sameHost(given, baseUrl, "API key");
        return u != null ? u : own;
    }

    private GenerationResult poll(String id, HttpUrl url, ApiKey key, GenerationRequest r, Calls calls,
            JobContext context) throws ProviderException {
        try {
            PollLoop.Session session = loop.start(PollSchedule.kindOf(r.steps(), r.width(), r.height()),
                    name + " job " + id, context);
            Instant[] last = {clock.instant()};
            JsonNode done = session.until(() -> {
                Duration since = Duration.between(last[0], clock.instant());
                if (since.compareTo(MIN_POLL_GAP) < 0) {
                    session.pause(MIN_POLL_GAP.minus(since));
                }
                last[0] = clock.instant();
                Request.Builder b = new Request.Builder().url(url).header("Accept", "application/json");
                if (key != null) {
                    b.header("Authorization", "Bearer " + key.reveal());
                }
                Calls.Answer a = calls.send(b.get().build());
                if (a.code() == 304) {
                    return null; // nothing new since the last poll
                }
                if (!a.ok()) {
                    ProviderException e = failure.apply(a);
                    if (e.kind().retryable()) {
                        return null; // the job runs on over there: ask again
                    }
                    throw e;
                }
                JsonNode job = Json.parseOrNull(a.body());
                String status = job == null ? "" : job.path("status").asText("").toLowerCase(Locale.ROOT);
                switch (status) {
                    case "queued", "running", "pending", "in_progress", "processing":
                        return null;
                    case "completed", "succeeded", "failed", "cancelled", "canceled":
                        return job;
                    default:
                        session.unknownStatus(job == null ? "not JSON" : job.path("status").asText(""));
                        return null;
                }
            });
            return result(id, done, r, context);
        } catch (ProviderException e) {
            throw PollLoop.noResubmit(e, name, id);
        }
    }

    private GenerationResult result(String id, JsonNode job, GenerationRequest r, JobContext context)
            throws ProviderException {
        String status = job.path("status").asText("").toLowerCase(Locale.ROOT);
        if (status.equals("cancelled") || status.equals("canceled")) {
            if (context.isCancelled()) {
                throw new JobCancelledException();
            }
            throw new ProviderException(FailureKind.PERMANENT, name + " cancelled job " + id);
        }
        if (status.equals("failed")) {
            JsonNode error = job.path("error");
            String message = error.isTextual() ? error.asText() : error.path("message").asText("no reason given");
            String code = error.path("code").asText("");
            String lower = (code + " " + message).toLowerCase(Locale.ROOT);
            boolean moderated = lower.contains("content_policy") || lower.contains("moderat") || lower.contains("safety")
                    || lower.contains("nsfw");
            // "Failed jobs are not charged" (aigateway.sh/docs/async-jobs, the docs of this job shape)
            throw new ProviderException(moderated ? FailureKind.MODERATED : FailureKind.PERMANENT, name + " failed job "
                    + id + ": " + clip(message)).notBilled();
        }
        JsonNode result = job.path("result");
        if (result.path("data").isArray()) { // an images answer inside the job
            return GatewayAnswer.image(result, r, name, id, client.get(), context);
        }
        Cost cost = GatewayAnswer.reportedCost(job);
        String url = result.hasNonNull("file_url") ? result.get("file_url").asText()
                : result.hasNonNull("url") ? result.get("url").asText() : null;
        return SyncImageAnswer.fromUrl(client.get(), url, r, name, new SyncImageAnswer.Details(id, null, null,
                cost != null ? cost : GatewayAnswer.reportedCost(result)), context);
    }

    /** Fire and forget: cancel hooks may run on the UI thread, which must never wait on the network. */
    private void cancelQuietly(ApiKey key, HttpUrl cancel) {
        client.get().newCall(new Request.Builder().url(cancel).header("Authorization", "Bearer " + key.reveal())
                .post(RequestBody.create(new byte[0])).build()).enqueue(RemoteCancel.IGNORE_ANSWER);
    }

    private static String clip(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "\u2026" : s;
    }
}
