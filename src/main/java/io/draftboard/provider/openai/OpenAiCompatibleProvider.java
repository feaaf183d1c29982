package io.draftboard.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.generation.Cost;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.Provider;
import io.draftboard.generation.ProviderCapabilities;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.ProviderInfo;
import io.draftboard.generation.Resumption;
import io.draftboard.json.Json;
import io.draftboard.provider.Calls;
import io.draftboard.provider.HttpStatus;
import io.draftboard.provider.MegapixelPricing;
import io.draftboard.provider.PollLoop;
import io.draftboard.provider.Preflight;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.SyncImageAnswer;
import io.draftboard.settings.ApiKey;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * One OpenAI-compatible images API (Vercel AI Gateway, AIgateway, Lumenfall, LiteLLM, local servers;
 * providers.md §2): {@code images/generations} as JSON, {@code images/edits} as multipart with the references.
 * FLUX fields OpenAI lacks (seed, steps, guidance …) travel as extra fields, which gateways pass on or ignore.
 * Several gateways run side by side, one instance each ({@link Gateway}: its id, name, model and key).
 *
 * <p>The call is synchronous, and cancelling drops the connection; except that a gateway may answer {@code 202}
 * with a job to poll (AIgateway's heaviest models), which {@link GatewayJob} follows on the shared
 * {@link PollLoop}. A cost the gateway reports is recorded instead of the estimate ({@link GatewayAnswer}).
 *
 * <p>The base URL includes the API version, as in OpenAI's SDKs: {@code https://api.lumenfall.ai/openai/v1/}.
 */
public final class OpenAiCompatibleProvider implements Provider {
    /** The single gateway slot of earlier versions, still the id of the {@code DRAFTBOARD_OPENAI_*} entry. */
    public static final String ID = "openai";
    private static final MediaType JSON = MediaType.get("application/json");

    private final Supplier<OkHttpClient> client;
    private final HttpUrl baseUrl;
    private final Gateway gateway;
    private final String name;
    private final String model;
    private final Supplier<ApiKey> key;
    private final Clock clock;
    private final ProviderInfo info;
    private final GatewayJob jobs;

    public OpenAiCompatibleProvider(ProviderEndpoint endpoint, Gateway gateway, PollLoop loop) {
        this.client = endpoint::client;
        this.baseUrl = endpoint.baseUrl();
        this.key = endpoint.key();
        this.clock = endpoint.clock();
        this.gateway = gateway;
        this.name = gateway.name();
        this.model = gateway.model();
        // No cancel: a synchronous answer cannot be called back, and dropping the connection may not stop the
        // billing (README: gateways' drafts are paid drafts, seen through). Whether a gateway passes the seed on
        // is unconfirmed (providers.md §7), so it is not promised.
        this.info = new ProviderInfo(gateway.id(), gateway.displayName(), model,
                new ProviderCapabilities(8, false, false, 256, 2048, 1, 4));
        this.jobs = new GatewayJob(client, baseUrl, name, loop, clock, this::failure);
    }

    @Override
    public ProviderInfo info() {
        return info;
    }

    /** Gateways publish no per-request price; BFL's flex list price per MP is the best estimate. */
    @Override
    public Cost estimateCost(GenerationRequest r) {
        return MegapixelPricing.estimate(r, 0.05);
    }

    @Override
    public GenerationResult generate(GenerationRequest r, JobContext context) throws ProviderException {
        ApiKey apiKey = key();
        Preflight.limits(info, r);
        Request.Builder b = new Request.Builder().header("Accept", "application/json");
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey.reveal());
        }
        Request request = r.references().isEmpty()
                ? b.url(baseUrl.resolve("images/generations")).post(RequestBody.create(Json.write(json(r)), JSON)).build()
                : b.url(baseUrl.resolve("images/edits")).post(multipart(r)).build();
        Calls calls = new Calls(client.get(), name, context, SyncImageAnswer.maxInlineAnswerBytes(r));
        Calls.Answer a = calls.send(request, Calls.SYNCHRONOUS_RENDER);
        if (a.code() == 202) {
            return jobs.follow(a, apiKey, r, calls, context);
        }
        if (!a.ok()) {
            throw failure(a);
        }
        return GatewayAnswer.image(Json.parseOrNull(a.body()), r, name, null, client.get(), context);
    }

    /** Polls a job the gateway answered with 202 before Draftboard stopped; a synchronous call has none. */
    @Override
    public GenerationResult resume(GenerationRequest r, Resumption from, JobContext context) throws ProviderException {
        if (from.remoteId() == null) {
            return Provider.super.resume(r, from, context);
        }
        return jobs.resume(from.remoteId(), from.pollingUrl(), key(), r,
                new Calls(client.get(), name, context, SyncImageAnswer.maxInlineAnswerBytes(r)), context);
    }

    /** The key; none is fine only for a server on this machine (a local OpenAI-compatible server). */
    private ApiKey key() throws ProviderException {
        ApiKey apiKey = Preflight.optionalKey(key);
        if (apiKey == null && !io.draftboard.http.Endpoints.isLoopback(baseUrl)) {
            throw new ProviderException(FailureKind.AUTH, "No key for " + name + ": " + gateway.keyHelp());
        }
        return apiKey;
    }

    private ObjectNode json(GenerationRequest r) {
        ObjectNode o = Json.object();
        o.put("model", model);
        o.put("prompt", r.prompt());
        o.put("n", 1);
        o.put("size", r.width() + "x" + r.height());
        o.put("response_format", "b64_json");
        o.put("output_format", r.outputFormat().wireName());
        o.put("width", r.width());
        o.put("height", r.height());
        o.put("seed", r.seed());
        o.put("steps", r.steps());
        o.put("guidance", r.guidance());
        o.put("prompt_upsampling", r.promptUpsampling());
        o.put("safety_tolerance", r.safetyTolerance());
        return o;
    }

    private RequestBody multipart(GenerationRequest r) {
        MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
        json(r).fields().forEachRemaining(e -> form.addFormDataPart(e.getKey(), e.getValue().asText()));
        // One image goes as "image", several as repeated "image[]" parts, as OpenAI's own SDK sends them,
        // each with its real type: gpt-image edits reject application/octet-stream.
        String part = r.references().size() == 1 ? "image" : "image[]";
        int n = 1;
        for (io.draftboard.generation.Reference ref : r.references()) {
            String ext = ref.mediaType().equals("image/jpeg") ? "jpg" : ref.mediaType().equals("image/webp") ? "webp" : "png";
            form.addFormDataPart(part, "image-" + n++ + "." + ext, RequestBody.create(ref.bytes(), MediaType.get(ref.mediaType())));
        }
        return form.build();
    }

    private ProviderException failure(Calls.Answer a) {
        JsonNode n = Json.parseOrNull(a.body());
        JsonNode error = n == null ? null : n.get("error");
        String message = error == null ? null : error.isTextual() ? error.asText() : error.path("message").asText(null);
        String code = error == null || error.isTextual() ? "" : error.path("code").asText("") + " " + error.path("type").asText("");
        String lower = (code + " " + (message == null ? "" : message)).toLowerCase(Locale.ROOT);
        if (lower.contains("insufficient_quota") || lower.contains("credit_balance") || lower.contains("billing")) {
            return new ProviderException(FailureKind.CREDITS, name + " says the account is out of quota: " + message);
        }
        if (lower.contains("content_policy") || lower.contains("moderation") || lower.contains("safety")) {
            return new ProviderException(FailureKind.MODERATED, name + " refused the content: " + message);
        }
        if (a.code() == 404) {
            return new ProviderException(FailureKind.PERMANENT, name + " does not know model \"" + model + "\""
                    + (message == null ? "" : ": " + message));
        }
        return HttpStatus.failure(name, a.code(), message, a.retryAfter(), clock);
    }
}
