package io.draftboard.provider.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import io.draftboard.provider.DataUris;
import io.draftboard.provider.HttpStatus;
import io.draftboard.provider.MegapixelPricing;
import io.draftboard.provider.Preflight;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.SyncImageAnswer;
import io.draftboard.settings.ApiKey;
import java.time.Clock;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * FLUX.2 [flex] proxied through Cloudflare AI Gateway's {@code /ai/run} (providers.md §3.1): one synchronous
 * JSON call; the answer is the bare {@code {state, result}} body or the v4 envelope around it, so both are
 * read. Cloudflare's numeric error codes decide what is retryable (§3.3).
 */
public final class CloudflareProvider implements Provider {
    public static final String ID = "cloudflare";
    public static final String DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4/";
    static final String NAME = "Cloudflare";
    private static final String MODEL = "black-forest-labs/flux-2-flex";
    private static final MediaType JSON = MediaType.get("application/json");

    private final Supplier<OkHttpClient> client;
    private final HttpUrl baseUrl;
    private final Supplier<ApiKey> token;
    private final Supplier<String> accountId;
    private final Clock clock;
    private final ProviderInfo info = new ProviderInfo(ID, NAME, MODEL,
            new ProviderCapabilities(8, false, true, 256, 2048, 1, 4));

    public CloudflareProvider(ProviderEndpoint endpoint, Supplier<String> accountId) {
        this.client = endpoint::client;
        this.baseUrl = endpoint.baseUrl();
        this.token = endpoint.key();
        this.clock = endpoint.clock();
        this.accountId = accountId;
    }

    @Override
    public ProviderInfo info() {
        return info;
    }

    /** Cloudflare bills flex from Unified Billing at a dashboard price; BFL's list price is the estimate. */
    @Override
    public Cost estimateCost(GenerationRequest r) {
        return MegapixelPricing.estimate(r, 0.05);
    }

    @Override
    public GenerationResult generate(GenerationRequest r, JobContext context) throws ProviderException {
        ApiKey apiToken = Preflight.optionalKey(token);
        String account = accountId.get();
        if (apiToken == null || account == null || account.isBlank()) {
            throw new ProviderException(FailureKind.AUTH,
                    "Cloudflare needs CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID (or both in Settings)");
        }
        if (!account.matches("[0-9a-fA-F]{8,64}")) {
            throw new ProviderException(FailureKind.AUTH, "CLOUDFLARE_ACCOUNT_ID should be the account's hex id");
        }
        Preflight.limits(info, r);
        Request request = new Request.Builder().url(baseUrl.resolve("accounts/" + account + "/ai/run"))
                .header("Authorization", "Bearer " + apiToken.reveal())
                .header("Accept", "application/json")
                .header("cf-aig-skip-cache", "true") // a cached answer would repeat an image the user asked anew
                .post(RequestBody.create(Json.write(body(r)), JSON)).build();
        Calls.Answer a = new Calls(client.get(), NAME, context, SyncImageAnswer.maxInlineAnswerBytes(r))
                .send(request, Calls.SYNCHRONOUS_RENDER);
        JsonNode n = Json.parseOrNull(a.body());
        JsonNode inner = n != null && n.has("result") && n.get("result").has("state") ? n.get("result") : n;
        if (!a.ok() || inner == null || "Failed".equals(inner.path("state").asText()) || n.path("success").asText("").equals("false")) {
            throw failure(a.code(), n, inner, a.retryAfter());
        }
        JsonNode image = inner.path("result").path("image");
        if (!image.isTextual()) {
            throw new ProviderException(FailureKind.PERMANENT, NAME + " answered without result.image");
        }
        String value = image.asText();
        return value.startsWith("http") ? SyncImageAnswer.fromUrl(client.get(), value, r, NAME, SyncImageAnswer.Details.NONE, context)
                : SyncImageAnswer.fromBase64(value, r, NAME, SyncImageAnswer.Details.NONE);
    }

    private static ObjectNode body(GenerationRequest r) {
        ObjectNode root = Json.object();
        root.put("model", MODEL);
        ObjectNode in = root.putObject("input");
        in.put("prompt", r.prompt());
        in.put("steps", r.steps());
        in.put("guidance", r.guidance());
        in.put("width", r.width());
        in.put("height", r.height());
        in.put("seed", r.seed());
        in.put("prompt_upsampling", r.promptUpsampling());
        in.put("safety_tolerance", r.safetyTolerance());
        in.put("output_format", r.outputFormat().wireName());
        if (!r.references().isEmpty()) {
            ArrayNode images = in.putArray("input_images");
            r.references().forEach(ref -> images.add(DataUris.of(ref)));
        }
        return root;
    }

    private ProviderException failure(int http, JsonNode n, JsonNode inner, String retryAfter) {
        int code = 0;
        String message = null;
        JsonNode error = inner == null ? null : inner.get("error");
        if (error != null && error.isObject()) {
            message = error.path("message").asText(null);
            String c = error.path("code").asText("");
            if (c.equals("provider_unavailable")) {
                return new ProviderException(FailureKind.TRANSIENT, NAME + ": " + message);
            }
        }
        JsonNode errors = n == null ? null : n.get("errors");
        if (errors != null && errors.isArray() && errors.size() > 0) {
            code = errors.get(0).path("code").asInt(0);
            message = errors.get(0).path("message").asText(message);
        }
        String said = message == null ? "" : ": " + message;
        return switch (code) {
            case 3036 -> new ProviderException(FailureKind.CREDITS, NAME + "'s daily free allocation is used up" + said);
            case 3040 -> new ProviderException(FailureKind.TRANSIENT, NAME + " is out of capacity" + said);
            case 3007 -> new ProviderException(FailureKind.TRANSIENT, NAME + " timed out" + said);
            case 3023 -> new ProviderException(FailureKind.AUTH, NAME + " says the account is blocked" + said);
            case 5007 -> new ProviderException(FailureKind.PERMANENT, NAME + " has no such model" + said);
            case 3003, 5004, 3006 -> new ProviderException(FailureKind.INVALID_REQUEST, NAME + " refused the request" + said);
            default -> http >= 200 && http < 300
                    ? new ProviderException(FailureKind.PERMANENT, NAME + " could not render" + said)
                    : HttpStatus.failure(NAME, http, message, retryAfter, clock);
        };
    }
}
