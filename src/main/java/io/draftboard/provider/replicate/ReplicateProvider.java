package io.draftboard.provider.replicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.generation.Cost;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobCancelledException;
import io.draftboard.generation.JobContext;
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
import io.draftboard.provider.PollSchedule;
import io.draftboard.provider.Preflight;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.RemoteCancel;
import io.draftboard.provider.SyncImageAnswer;
import io.draftboard.settings.ApiKey;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * FLUX.2 [flex] on Replicate (providers.md §4): one prediction with {@code Prefer: wait}, then polling
 * {@code urls.get}; a cancel calls {@code urls.cancel}. The only place that knows Replicate's fields.
 */
public final class ReplicateProvider implements Provider {
    public static final String ID = "replicate";
    public static final String DEFAULT_BASE_URL = "https://api.replicate.com/";
    static final String NAME = "Replicate";
    private static final String CREATE_PATH = "v1/models/black-forest-labs/flux-2-flex/predictions";
    private static final MediaType JSON = MediaType.get("application/json");
    private static final double USD_PER_MP = 0.06;

    private final OkHttpClient client;
    private final HttpUrl baseUrl;
    private final Supplier<ApiKey> key;
    private final PollLoop loop;
    private final Clock clock;
    private final ProviderInfo info = new ProviderInfo(ID, NAME, "black-forest-labs/flux-2-flex",
            new ProviderCapabilities(10, true, true, 256, 2048, 1, 8));

    public ReplicateProvider(ProviderEndpoint endpoint, PollLoop loop) {
        this.client = endpoint.client();
        this.baseUrl = endpoint.baseUrl();
        this.key = endpoint.key();
        this.clock = endpoint.clock();
        this.loop = loop;
    }

    @Override
    public ProviderInfo info() {
        return info;
    }

    /** $0.06 per output MP and per input MP, each image rounded up (UNCONFIRMED list price, so an estimate). */
    @Override
    public Cost estimateCost(GenerationRequest r) {
        return MegapixelPricing.estimate(r, USD_PER_MP);
    }

    @Override
    public GenerationResult generate(GenerationRequest r, JobContext context) throws ProviderException {
        ApiKey token = Preflight.key(key, "No Replicate API token: set REPLICATE_API_TOKEN or add it in Settings");
        Preflight.limits(info, r);
        Calls calls = new Calls(client, NAME, context);
        Calls.Answer created = calls.send(authed(token, new Request.Builder().url(baseUrl.resolve(CREATE_PATH)))
                .header("Prefer", "wait=60")
                .post(RequestBody.create(Json.write(body(r)), JSON)).build());
        if (!created.ok()) {
            throw failure(created);
        }
        JsonNode prediction = parse(created.body());
        String id = prediction.path("id").asText(null);
        HttpUrl get = Preflight.sameHost(prediction.path("urls").path("get").asText(null), baseUrl, "API token");
        HttpUrl cancel = Preflight.sameHost(prediction.path("urls").path("cancel").asText(null), baseUrl, "API token");
        if (id == null || get == null) {
            throw new ProviderException(FailureKind.PERMANENT, NAME + "'s prediction has no id or urls.get");
        }
        context.submitted(id, get.toString());
        if (cancel != null) {
            context.onCancel(() -> cancelQuietly(token, cancel));
        }
        try {
            JsonNode done = terminal(prediction) ? prediction : loop.run(PollSchedule.kindOf(r.steps(), r.width(),
                    r.height()), NAME + " prediction " + id, context, () -> {
                        Calls.Answer a = calls.send(authed(token, new Request.Builder().url(get)).get().build());
                        if (!a.ok()) {
                            ProviderException e = failure(a);
                            if (e.kind().retryable()) {
                                return null; // still running over there: keep polling
                            }
                            throw e;
                        }
                        JsonNode p = parse(a.body());
                        return terminal(p) ? p : null;
                    });
            return result(r, id, done, context);
        } catch (ProviderException e) {
            throw PollLoop.noResubmit(e, NAME, id);
        }
    }

    private ObjectNode body(GenerationRequest r) {
        ObjectNode root = Json.object();
        ObjectNode in = root.putObject("input");
        in.put("prompt", r.prompt());
        in.put("aspect_ratio", "custom");
        in.put("width", r.width());
        in.put("height", r.height());
        in.put("steps", r.steps());
        in.put("guidance", r.guidance());
        in.put("seed", r.seed());
        in.put("prompt_upsampling", r.promptUpsampling());
        // Replicate's safety range is 1-5 where BFL's is 0-5: the strictest BFL setting maps to its strictest.
        in.put("safety_tolerance", Math.max(1, r.safetyTolerance()));
        in.put("output_format", switch (r.outputFormat()) {
            case JPEG -> "jpg";
            case PNG -> "png";
            case WEBP -> "webp";
        });
        if (!r.references().isEmpty()) {
            ArrayNode images = in.putArray("input_images");
            r.references().forEach(ref -> images.add(DataUris.of(ref)));
        }
        return root;
    }

    private static boolean terminal(JsonNode p) {
        String s = p.path("status").asText("");
        return s.equals("succeeded") || s.equals("failed") || s.equals("canceled") || s.equals("aborted");
    }

    private GenerationResult result(GenerationRequest r, String id, JsonNode p, JobContext context)
            throws ProviderException {
        String status = p.path("status").asText();
        if (status.equals("canceled") || status.equals("aborted")) {
            if (context.isCancelled()) {
                throw new JobCancelledException();
            }
            throw new ProviderException(FailureKind.PERMANENT, NAME + " " + status + " the prediction");
        }
        if (status.equals("failed")) {
            String error = p.path("error").asText("no reason given");
            String lower = error.toLowerCase(Locale.ROOT);
            boolean moderated = lower.contains("nsfw") || lower.contains("safety") || lower.contains("moderat")
                    || lower.contains("flagged");
            throw new ProviderException(moderated ? FailureKind.MODERATED : FailureKind.PERMANENT,
                    NAME + " failed the prediction: " + clip(error));
        }
        JsonNode output = p.get("output");
        String url = output == null ? null : output.isArray() && output.size() > 0 ? output.get(0).asText()
                : output.isTextual() ? output.asText() : null;
        return SyncImageAnswer.fromUrl(client, url, r, NAME, new SyncImageAnswer.Details(id, null, null), context);
    }

    private ProviderException failure(Calls.Answer a) {
        JsonNode n = Json.parseOrNull(a.body());
        String detail = n == null ? null : n.hasNonNull("detail") ? clip(n.get("detail").asText())
                : n.hasNonNull("title") ? n.get("title").asText() : null;
        return HttpStatus.failure(NAME, a.code(), detail, a.retryAfter(), clock);
    }

    /** Fire and forget: cancel hooks may run on the UI thread, which must never wait on the network. */
    private void cancelQuietly(ApiKey token, HttpUrl cancel) {
        client.newCall(authed(token, new Request.Builder().url(cancel)).post(RequestBody.create(new byte[0])).build())
                .enqueue(RemoteCancel.IGNORE_ANSWER);
    }

    private static Request.Builder authed(ApiKey token, Request.Builder b) {
        return b.header("Authorization", "Bearer " + token.reveal()).header("Accept", "application/json");
    }

    private static JsonNode parse(String body) throws ProviderException {
        JsonNode n = Json.parseOrNull(body);
        if (n == null || !n.isObject()) {
            throw new ProviderException(FailureKind.PERMANENT, NAME + " answered with something that is not JSON");
        }
        return n;
    }

    private static String clip(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "\u2026" : s;
    }
}
