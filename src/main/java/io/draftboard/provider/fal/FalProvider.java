package io.draftboard.provider.fal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.generation.CancelCharge;
import io.draftboard.generation.Cost;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobCancelledException;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.Provider;
import io.draftboard.generation.ProviderCapabilities;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.ProviderInfo;
import io.draftboard.json.Json;
import io.draftboard.provider.Calls;
import io.draftboard.provider.DataUris;
import io.draftboard.provider.HttpStatus;
import io.draftboard.provider.MegapixelPricing;
import io.draftboard.provider.PollLoop;
import io.draftboard.provider.Preflight;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.RemoteCancel;
import io.draftboard.provider.SyncImageAnswer;
import io.draftboard.settings.ApiKey;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * FLUX.2 [flex] on fal's queue (providers.md §5): submit (references only on {@code /edit}), poll the
 * returned {@code status_url}, GET {@code response_url} and check its status, cancel with a PUT to
 * {@code cancel_url}. The only place that knows fal's fields.
 */
public final class FalProvider implements Provider {
    public static final String ID = "fal";
    public static final String DEFAULT_BASE_URL = "https://queue.fal.run/";
    static final String NAME = "fal";
    private static final String MODEL = "fal-ai/flux-2-flex";
    private static final MediaType JSON = MediaType.get("application/json");
    private static final double USD_PER_MP = 0.05;

    private final Supplier<OkHttpClient> client;
    private final HttpUrl baseUrl;
    private final Supplier<ApiKey> key;
    private final PollLoop loop;
    private final Clock clock;
    /** fal's flex endpoints return jpeg or png (providers.md §5.2): a WebP request is refused before sending. */
    private final ProviderInfo info = new ProviderInfo(ID, NAME, MODEL,
            new ProviderCapabilities(10, true, true, 256, 2048, 2, 8, EnumSet.of(OutputFormat.PNG, OutputFormat.JPEG)));

    public FalProvider(ProviderEndpoint endpoint, PollLoop loop) {
        this.client = endpoint::client;
        this.baseUrl = endpoint.baseUrl();
        this.key = endpoint.key();
        this.clock = endpoint.clock();
        this.loop = loop;
    }

    @Override
    public ProviderInfo info() {
        return info;
    }

    /** fal's llms.txt: $0.05 per MP of input and output, each image rounded up. */
    @Override
    public Cost estimateCost(GenerationRequest r) {
        return MegapixelPricing.estimate(r, USD_PER_MP);
    }

    @Override
    public GenerationResult generate(GenerationRequest r, JobContext context) throws ProviderException {
        ApiKey token = Preflight.key(key, "No fal key: set FAL_KEY or add it in Settings");
        Preflight.limits(info, r);
        Calls calls = new Calls(client.get(), NAME, context);
        String path = r.references().isEmpty() ? MODEL : MODEL + "/edit";
        Calls.Answer submitted = calls.send(authed(token, new Request.Builder().url(baseUrl.resolve(path)))
                .post(RequestBody.create(Json.write(body(r)), JSON)).build());
        if (!submitted.ok()) {
            throw failure(submitted);
        }
        JsonNode s = Json.parseOrNull(submitted.body());
        String id = s == null ? null : s.path("request_id").asText(null);
        HttpUrl status = s == null ? null : Preflight.sameHost(s.path("status_url").asText(null), baseUrl, "fal key");
        HttpUrl response = s == null ? null : Preflight.sameHost(s.path("response_url").asText(null), baseUrl, "fal key");
        HttpUrl cancel = s == null ? null : Preflight.sameHost(s.path("cancel_url").asText(null), baseUrl, "fal key");
        if (id == null || status == null || response == null) {
            throw new ProviderException(FailureKind.PERMANENT, NAME + "'s submit answer has no request_id or queue URLs");
        }
        context.submitted(id, status.toString());
        RemoteCancel remote = cancel == null ? null : new RemoteCancel(client.get(),
                authed(token, new Request.Builder().url(cancel)).put(RequestBody.create(new byte[0])).build());
        if (remote != null) {
            context.onCancel(remote::send);
        }
        AtomicReference<String> lastStatus = new AtomicReference<>("IN_QUEUE");
        try {
            loop.run(ID, r, NAME + " request " + id, context, () -> { // planned from fal's past renders
                Calls.Answer a = calls.send(authed(token, new Request.Builder().url(status)).get().build());
                if (!a.ok()) {
                    ProviderException e = failure(a);
                    if (e.kind().retryable()) {
                        return null;
                    }
                    throw e;
                }
                JsonNode n = Json.parseOrNull(a.body());
                String st = n == null ? "" : n.path("status").asText("");
                if (!st.isEmpty()) {
                    lastStatus.set(st);
                }
                if (st.equals("IN_PROGRESS") && n.has("logs")) {
                    context.progress(0.5);
                }
                return st.equals("COMPLETED") ? Boolean.TRUE : null;
            });
            // A failed request also ends COMPLETED; its result GET carries the error status and body.
            Calls.Answer result = calls.send(authed(token, new Request.Builder().url(response)).get().build());
            if (!result.ok()) {
                throw failure(result);
            }
            return result(r, id, result.body(), context);
        } catch (JobCancelledException e) {
            throw remote == null ? e : remote.cancelled(answer -> charge(answer, lastStatus.get()));
        } catch (ProviderException e) {
            throw PollLoop.noResubmit(e, NAME, id);
        }
    }

    /**
     * What fal's cancel answer says about billing (providers.md §5.4): a request still in the queue is removed
     * and never processed; one in progress is only asked to stop, and flex is proxied to BFL, which bills it;
     * one already completed is billed.
     */
    static CancelCharge charge(RemoteCancel.Answer answer, String lastStatus) {
        JsonNode n = Json.parseOrNull(answer.body());
        String status = n == null ? "" : n.path("status").asText("");
        if (answer.code() == 400 && status.equals("ALREADY_COMPLETED")) {
            return new CancelCharge(CancelCharge.Billing.BILLED, "cancelled too late; fal had already rendered it");
        }
        if (answer.code() == 202 || status.equals("CANCELLATION_REQUESTED")) {
            return lastStatus.equals("IN_QUEUE")
                    ? new CancelCharge(CancelCharge.Billing.NOT_BILLED,
                            "cancelled; fal removed it from its queue before it started, so it is not billed")
                    : new CancelCharge(CancelCharge.Billing.BILLED,
                            "cancelled while rendering; fal only asks a running request to stop, so it is billed");
        }
        return CancelCharge.UNKNOWN;
    }

    private ObjectNode body(GenerationRequest r) {
        ObjectNode o = Json.object();
        o.put("prompt", r.prompt());
        o.putObject("image_size").put("width", r.width()).put("height", r.height());
        o.put("num_inference_steps", r.steps());
        o.put("guidance_scale", r.guidance());
        o.put("seed", r.seed());
        // fal takes the tolerance as a string "1"-"5"; BFL's 0 is its strictest "1".
        o.put("safety_tolerance", Integer.toString(Math.max(1, r.safetyTolerance())));
        o.put("enable_safety_checker", true);
        o.put("output_format", switch (r.outputFormat()) {
            case JPEG -> "jpeg";
            case PNG -> "png";
            case WEBP -> throw new IllegalStateException("fal has no WebP output; Preflight.limits refuses it");
        });
        if (!r.references().isEmpty()) {
            ArrayNode urls = o.putArray("image_urls");
            r.references().forEach(ref -> urls.add(DataUris.of(ref)));
        }
        return o;
    }

    private GenerationResult result(GenerationRequest r, String id, String body, JobContext context)
            throws ProviderException {
        JsonNode n = Json.parseOrNull(body);
        JsonNode images = n == null ? null : n.get("images");
        String url = images != null && images.isArray() && images.size() > 0 ? images.get(0).path("url").asText(null) : null;
        Long seed = n != null && n.hasNonNull("seed") && n.get("seed").canConvertToLong() ? n.get("seed").asLong() : null;
        return SyncImageAnswer.fromUrl(client.get(), url, r, NAME, new SyncImageAnswer.Details(id, seed, null), context);
    }

    private ProviderException failure(Calls.Answer a) {
        JsonNode n = Json.parseOrNull(a.body());
        String detail = null;
        String errorType = null;
        if (n != null) {
            JsonNode d = n.get("detail");
            if (d != null && d.isTextual()) {
                detail = d.asText();
            } else if (d != null && d.isArray() && d.size() > 0) {
                JsonNode first = d.get(0);
                errorType = first.path("type").asText(null);
                JsonNode loc = first.get("loc");
                String field = loc != null && loc.isArray() && loc.size() > 0 ? loc.get(loc.size() - 1).asText() + ": " : "";
                detail = field + first.path("msg").asText("");
            }
            if (errorType == null) {
                errorType = n.path("error_type").asText(null);
            }
        }
        String lower = detail == null ? "" : detail.toLowerCase(Locale.ROOT);
        if (a.code() == 403 && (lower.contains("exhausted balance") || lower.contains("locked"))) {
            return new ProviderException(FailureKind.CREDITS, NAME + " says the balance is exhausted: " + detail);
        }
        if (a.code() == 422 && (errorType != null && errorType.contains("content_policy") || lower.contains("nsfw"))) {
            return new ProviderException(FailureKind.MODERATED, NAME + " refused the content: " + detail);
        }
        return HttpStatus.failure(NAME, a.code(), detail, a.retryAfter(), clock);
    }

    private static Request.Builder authed(ApiKey token, Request.Builder b) {
        return b.header("Authorization", "Key " + token.reveal()).header("Accept", "application/json");
    }
}
