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
import io.draftboard.json.Json;
import io.draftboard.provider.Calls;
import io.draftboard.provider.HttpStatus;
import io.draftboard.provider.MegapixelPricing;
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
 * Any OpenAI-compatible images API (AIGateway, Lumenfall, LiteLLM, local servers; providers.md §2):
 * {@code images/generations} as JSON, {@code images/edits} as multipart with the references. FLUX fields
 * OpenAI lacks (seed, steps, guidance …) travel as extra fields, which gateways pass on or ignore. The call
 * is synchronous; cancelling drops the connection.
 *
 * <p>The base URL includes the API version, as in OpenAI's SDKs: {@code https://api.lumenfall.ai/openai/v1/}.
 */
public final class OpenAiCompatibleProvider implements Provider {
    public static final String ID = "openai";
    static final String NAME = "OpenAI-compatible gateway";
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient client;
    private final HttpUrl baseUrl;
    private final String model;
    private final Supplier<ApiKey> key;
    private final Clock clock;
    private final ProviderInfo info;

    public OpenAiCompatibleProvider(ProviderEndpoint endpoint, String model) {
        this.client = endpoint.client();
        this.baseUrl = endpoint.baseUrl();
        this.key = endpoint.key();
        this.clock = endpoint.clock();
        this.model = model;
        this.info = new ProviderInfo(ID, NAME + " (" + baseUrl.host() + ")", model,
                new ProviderCapabilities(8, true, false, 256, 2048, 1, 4));
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
        ApiKey apiKey = Preflight.optionalKey(key);
        if (apiKey == null && !io.draftboard.http.Endpoints.isLoopback(baseUrl)) {
            throw new ProviderException(FailureKind.AUTH,
                    "No key for the OpenAI-compatible gateway: set DRAFTBOARD_OPENAI_API_KEY or add it in Settings");
        }
        Preflight.limits(info, r);
        Request.Builder b = new Request.Builder().header("Accept", "application/json");
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey.reveal());
        }
        Request request = r.references().isEmpty()
                ? b.url(baseUrl.resolve("images/generations")).post(RequestBody.create(Json.write(json(r)), JSON)).build()
                : b.url(baseUrl.resolve("images/edits")).post(multipart(r)).build();
        Calls.Answer a = new Calls(client, NAME, context, SyncImageAnswer.maxInlineAnswerBytes(r))
                .send(request, Calls.SYNCHRONOUS_RENDER);
        if (!a.ok()) {
            throw failure(a);
        }
        JsonNode n = Json.parseOrNull(a.body());
        JsonNode first = n == null ? null : n.path("data").path(0);
        if (first == null || first.isMissingNode()) {
            throw new ProviderException(FailureKind.PERMANENT, NAME + " answered without data[0]");
        }
        String revised = first.hasNonNull("revised_prompt") && !first.get("revised_prompt").asText().equals(r.prompt())
                ? first.get("revised_prompt").asText() : null;
        if (first.hasNonNull("b64_json")) {
            return SyncImageAnswer.fromBase64(first.get("b64_json").asText(), r, NAME,
                    new SyncImageAnswer.Details(null, null, revised));
        }
        if (first.hasNonNull("url")) {
            return SyncImageAnswer.fromUrl(client, first.get("url").asText(), r, NAME,
                    new SyncImageAnswer.Details(null, null, revised), context);
        }
        throw new ProviderException(FailureKind.PERMANENT, NAME + "'s data[0] has neither b64_json nor url");
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
            return new ProviderException(FailureKind.CREDITS, NAME + " says the account is out of quota: " + message);
        }
        if (lower.contains("content_policy") || lower.contains("moderation") || lower.contains("safety")) {
            return new ProviderException(FailureKind.MODERATED, NAME + " refused the content: " + message);
        }
        if (a.code() == 404) {
            return new ProviderException(FailureKind.PERMANENT, NAME + " does not know model \"" + model + "\""
                    + (message == null ? "" : ": " + message));
        }
        return HttpStatus.failure(NAME, a.code(), message, a.retryAfter(), clock);
    }
}
