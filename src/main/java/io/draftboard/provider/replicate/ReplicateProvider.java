package io.draftboard.provider.replicate;

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
import io.draftboard.generation.Provider;
import io.draftboard.generation.ProviderCapabilities;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.ProviderInfo;
import io.draftboard.generation.Resumption;
import io.draftboard.http.Timeouts;
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
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * FLUX.2 [flex] on Replicate (providers.md §4): one prediction with {@code Prefer: wait}, then polling
 * {@code urls.get}; a cancel calls {@code urls.cancel}. The only place that knows Replicate's fields.
 *
 * <p>The create call holds the answer up to {@link #PREFER_WAIT_SECONDS} and then returns the prediction as it
 * is, so its read timeout is twice that. If the create left whole and no answer came, Replicate may have made
 * the prediction (and will bill it): it is never created again. Instead Draftboard looks for it at once among
 * the account's recent predictions ({@code GET /v1/predictions}, newest first), matching its input (prompt,
 * seed, size, steps: the seed alone is a random 64-bit number) and a creation time no earlier than the send,
 * and polls it as if the create had answered.
 */
public final class ReplicateProvider implements Provider {
    public static final String ID = "replicate";
    public static final String DEFAULT_BASE_URL = "https://api.replicate.com/";
    static final String NAME = "Replicate";
    private static final String CREATE_PATH = "v1/models/black-forest-labs/flux-2-flex/predictions";
    private static final MediaType JSON = MediaType.get("application/json");
    private static final double USD_PER_MP = 0.06;
    private static final String LIST_PATH = "v1/predictions";
    /** How long Replicate holds the create call; the prediction is returned as it is after that. */
    static final int PREFER_WAIT_SECONDS = 30;
    /** Well above the wait, so a held create answers long before the read gives up. */
    static final Timeouts CREATE_TIMEOUTS = new Timeouts(Duration.ofSeconds(2L * PREFER_WAIT_SECONDS),
            Duration.ofMinutes(3));
    /** Replicate's clock against ours: how much earlier than our send a match may claim to be created. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** Pages of recent predictions to read (newest first) before giving up. */
    private static final int LOOKUP_PAGES = 3;
    /** Waits before each further look, when the list could not be read (the network that lost the answer). */
    private static final List<Duration> LOOKUP_RETRIES = List.of(Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10));

    private final Supplier<OkHttpClient> client;
    private final HttpUrl baseUrl;
    private final Supplier<ApiKey> key;
    private final PollLoop loop;
    private final Clock clock;
    private final ProviderInfo info = new ProviderInfo(ID, NAME, "black-forest-labs/flux-2-flex",
            new ProviderCapabilities(10, true, true, 256, 2048, 1, 8));

    public ReplicateProvider(ProviderEndpoint endpoint, PollLoop loop) {
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

    /** $0.06 per output MP and per input MP, each image rounded up (UNCONFIRMED list price, so an estimate). */
    @Override
    public Cost estimateCost(GenerationRequest r) {
        return MegapixelPricing.estimate(r, USD_PER_MP);
    }

    @Override
    public GenerationResult generate(GenerationRequest r, JobContext context) throws ProviderException {
        ApiKey token = Preflight.key(key, "No Replicate API token: set REPLICATE_API_TOKEN or add it in Settings");
        Preflight.limits(info, r);
        Calls calls = new Calls(client.get(), NAME, context);
        Instant sent = clock.instant();
        JsonNode prediction;
        try {
            Calls.Answer created = calls.send(authed(token, new Request.Builder().url(baseUrl.resolve(CREATE_PATH)))
                    .header("Prefer", "wait=" + PREFER_WAIT_SECONDS)
                    .post(RequestBody.create(Json.write(body(r)), JSON)).build(), CREATE_TIMEOUTS);
            if (!created.ok()) {
                throw failure(created);
            }
            prediction = parse(created.body());
        } catch (ProviderException unanswered) {
            if (unanswered.kind() != FailureKind.OUTCOME_UNKNOWN) {
                throw unanswered;
            }
            prediction = findLost(token, r, sent, calls, context, unanswered);
        }
        String id = prediction.path("id").asText(null);
        HttpUrl get = Preflight.sameHost(prediction.path("urls").path("get").asText(null), baseUrl, "API token");
        HttpUrl cancel = Preflight.sameHost(prediction.path("urls").path("cancel").asText(null), baseUrl, "API token");
        if (id == null || get == null) {
            throw new ProviderException(FailureKind.PERMANENT, NAME + "'s prediction has no id or urls.get");
        }
        context.submitted(id, get.toString());
        RemoteCancel remote = cancel == null ? null : new RemoteCancel(client.get(),
                authed(token, new Request.Builder().url(cancel)).post(RequestBody.create(new byte[0])).build());
        if (remote != null) {
            context.onCancel(remote::send);
        }
        try {
            return poll(r, token, id, get, sent, terminal(prediction) ? prediction : null, calls, context);
        } catch (JobCancelledException e) {
            throw remote == null ? e : remote.cancelled(ReplicateProvider::charge);
        }
    }

    /** Polls a prediction Replicate made before Draftboard stopped; never creates it again. */
    @Override
    public GenerationResult resume(GenerationRequest r, Resumption from, JobContext context) throws ProviderException {
        ApiKey token = Preflight.key(key, "No Replicate API token: set REPLICATE_API_TOKEN or add it in Settings");
        HttpUrl get = Preflight.sameHost(from.pollingUrl(), baseUrl, "API token");
        if (get == null) {
            throw new ProviderException(FailureKind.PERMANENT, NAME + " prediction " + from.remoteId()
                    + " has no address to poll");
        }
        return poll(r, token, from.remoteId(), get, null, null, new Calls(client.get(), NAME, context), context);
    }

    /**
     * Polls {@code get} until the prediction ends (unless it already has), then fetches its image. The polls are
     * planned, as BFL's, from Replicate's past renders in history, timed from {@code sent} (the create's send), so
     * however long the create held the answer (Prefer: wait) the plan and the remembered time mean the same thing:
     * from the prediction's creation to its end. A resumed prediction's start is not known: it is polled at the
     * cadence this process learned, and not remembered.
     */
    private GenerationResult poll(GenerationRequest r, ApiKey token, String id, HttpUrl get, Instant sent,
            JsonNode done, Calls calls, JobContext context) throws ProviderException {
        PollLoop.Step<JsonNode> step = () -> {
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
        };
        String what = NAME + " prediction " + id;
        try {
            JsonNode last = done != null ? done : sent != null ? loop.run(ID, r, sent, what, context, step)
                    : loop.run(PollSchedule.kindOf(r.steps(), r.width(), r.height()), what, context, step);
            return result(r, id, last, context);
        } catch (ProviderException e) {
            throw PollLoop.noResubmit(e, NAME, id);
        }
    }

    /**
     * The prediction a create without an answer may have made, found among the account's recent ones; or the
     * unknown outcome again, saying that it was looked for. A list that cannot be read is tried again a few
     * times (it is only a read), since the network that lost the answer may come back.
     */
    private JsonNode findLost(ApiKey token, GenerationRequest r, Instant sent, Calls calls, JobContext context,
            ProviderException unanswered) throws ProviderException {
        PollLoop.Session waits = loop.start("replicate-lookup", NAME + " lookup", context);
        for (int attempt = 0; ; attempt++) {
            try {
                Optional<JsonNode> found = lookUp(token, r, sent, calls);
                if (found.isPresent()) {
                    return found.get();
                }
                throw new ProviderException(FailureKind.OUTCOME_UNKNOWN, unanswered.getMessage() + " Draftboard "
                        + "looked for it among your recent " + NAME + " predictions and did not find it.", null,
                        unanswered.getCause());
            } catch (ProviderException e) {
                if (!e.kind().retryable() || attempt >= LOOKUP_RETRIES.size()) {
                    throw e.kind() == FailureKind.OUTCOME_UNKNOWN ? e : new ProviderException(
                            FailureKind.OUTCOME_UNKNOWN, unanswered.getMessage() + " Draftboard could not look for it "
                                    + "among your recent " + NAME + " predictions (" + e.getMessage() + ").", null,
                            unanswered.getCause());
                }
                waits.pause(LOOKUP_RETRIES.get(attempt));
            }
        }
    }

    /** Reads recent predictions, newest first, until one is ours or they are older than our send. */
    private Optional<JsonNode> lookUp(ApiKey token, GenerationRequest r, Instant sent, Calls calls)
            throws ProviderException {
        Instant earliest = sent.minus(CLOCK_SKEW);
        HttpUrl page = baseUrl.resolve(LIST_PATH);
        for (int n = 0; n < LOOKUP_PAGES && page != null; n++) {
            Calls.Answer a = calls.send(authed(token, new Request.Builder().url(page)).get().build());
            if (!a.ok()) {
                throw failure(a);
            }
            JsonNode list = parse(a.body());
            JsonNode results = list.path("results");
            boolean older = false;
            for (JsonNode p : results.isArray() ? results : Json.MAPPER.createArrayNode()) {
                Instant created = instant(p.path("created_at").asText(null));
                if (created != null && created.isBefore(earliest)) {
                    older = true; // newest first: the rest are older still
                    break;
                }
                String model = p.path("model").asText(null);
                if (model != null && !model.equals(info.model())) {
                    continue;
                }
                JsonNode input = p.get("input");
                if (input == null || !input.isObject()) { // lists may leave the input out: ask the prediction
                    HttpUrl get = Preflight.sameHost(p.path("urls").path("get").asText(null), baseUrl, "API token");
                    if (get == null) {
                        continue;
                    }
                    Calls.Answer one = calls.send(authed(token, new Request.Builder().url(get)).get().build());
                    if (!one.ok()) {
                        throw failure(one);
                    }
                    p = parse(one.body());
                    input = p.path("input");
                }
                if (sameInput(input, r)) {
                    return Optional.of(p);
                }
            }
            String next = list.path("next").asText(null);
            page = older || next == null ? null : Preflight.sameHost(next, baseUrl, "API token");
        }
        return Optional.empty();
    }

    /** The fields that make a request ours: the seed (random, 64-bit) with prompt, size and steps. */
    private static boolean sameInput(JsonNode in, GenerationRequest r) {
        return in.path("seed").canConvertToLong() && in.path("seed").asLong() == r.seed()
                && r.prompt().equals(in.path("prompt").asText(null))
                && in.path("width").asInt(-1) == r.width() && in.path("height").asInt(-1) == r.height()
                && in.path("steps").asInt(-1) == r.steps();
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
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
        return SyncImageAnswer.fromUrl(client.get(), url, r, NAME, new SyncImageAnswer.Details(id, null, null), context);
    }

    private ProviderException failure(Calls.Answer a) {
        JsonNode n = Json.parseOrNull(a.body());
        String detail = n == null ? null : n.hasNonNull("detail") ? clip(n.get("detail").asText())
                : n.hasNonNull("title") ? n.get("title").asText() : null;
        return HttpStatus.failure(NAME, a.code(), detail, a.retryAfter(), clock);
    }

    /**
     * What the cancel's answer (the prediction) says about billing. Replicate bills a public model's prediction
     * that was cancelled while running, and not one that never started (providers.md §4.1).
     */
    static CancelCharge charge(RemoteCancel.Answer answer) {
        JsonNode p = answer.code() >= 200 && answer.code() < 300 ? Json.parseOrNull(answer.body()) : null;
        if (p == null) {
            return CancelCharge.UNKNOWN;
        }
        String status = p.path("status").asText("");
        boolean started = p.hasNonNull("started_at");
        return switch (status) {
            case "aborted" -> new CancelCharge(CancelCharge.Billing.NOT_BILLED,
                    "cancelled; Replicate had not started it, so it is not billed");
            case "canceled", "starting" -> started
                    ? new CancelCharge(CancelCharge.Billing.BILLED,
                            "cancelled while rendering; Replicate bills a prediction it had started")
                    : new CancelCharge(CancelCharge.Billing.NOT_BILLED,
                            "cancelled; Replicate had not started it, so it is not billed");
            case "processing" -> new CancelCharge(CancelCharge.Billing.BILLED,
                    "cancelled while rendering; Replicate bills a prediction it had started");
            case "succeeded" -> new CancelCharge(CancelCharge.Billing.BILLED,
                    "cancelled too late; Replicate had already rendered it and bills it");
            default -> CancelCharge.UNKNOWN;
        };
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
