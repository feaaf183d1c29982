package io.draftboard.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.generation.Cost;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import io.draftboard.provider.SyncImageAnswer;
import okhttp3.OkHttpClient;

/**
 * Reads what an OpenAI-compatible gateway sends back with an image: {@code data[0]} (inline {@code b64_json} or
 * a {@code url}), a revised prompt, and the cost the gateway says it charged, where it says one.
 *
 * <p>Where the cost is (docs/providers-unconfirmed.md): Lumenfall reports {@code metadata.cost} in US dollars
 * (providers.md); OpenRouter-style gateways put {@code usage.cost}; Lumenfall's dry runs count
 * {@code total_cost_micros}. None of these is confirmed for every gateway, so a figure is taken only when it is a
 * plain non-negative number, and the estimate stands otherwise.
 */
final class GatewayAnswer {
    private GatewayAnswer() {
    }

    /** The image of an answer shaped like {@code images/generations}' ({@code {data: [...]}}). */
    static GenerationResult image(JsonNode answer, GenerationRequest r, String name, String remoteId,
            OkHttpClient client, JobContext context) throws ProviderException {
        JsonNode first = answer == null ? null : answer.path("data").path(0);
        if (first == null || first.isMissingNode()) {
            throw new ProviderException(FailureKind.PERMANENT, name + " answered without data[0]");
        }
        String revised = first.hasNonNull("revised_prompt") && !first.get("revised_prompt").asText().equals(r.prompt())
                ? first.get("revised_prompt").asText() : null;
        SyncImageAnswer.Details details = new SyncImageAnswer.Details(remoteId, null, revised, reportedCost(answer));
        if (first.hasNonNull("b64_json")) {
            return SyncImageAnswer.fromBase64(first.get("b64_json").asText(), r, name, details);
        }
        if (first.hasNonNull("url")) {
            return SyncImageAnswer.fromUrl(client, first.get("url").asText(), r, name, details, context);
        }
        throw new ProviderException(FailureKind.PERMANENT, name + "'s data[0] has neither b64_json nor url");
    }

    /** What the gateway says it charged, in US dollars, or null when it did not say (the estimate stands). */
    static Cost reportedCost(JsonNode answer) {
        if (answer == null) {
            return null;
        }
        Double usd = dollars(answer.path("metadata").path("cost"));
        if (usd == null) {
            usd = dollars(answer.path("usage").path("cost"));
        }
        if (usd == null) {
            JsonNode micros = answer.path("metadata").has("total_cost_micros")
                    ? answer.path("metadata").path("total_cost_micros") : answer.path("total_cost_micros");
            Double m = dollars(micros);
            usd = m == null ? null : m / 1_000_000.0;
        }
        return usd == null ? null : new Cost(usd, false);
    }

    /** A plain amount: a JSON number, or a string holding only one ("0.05"); anything else is not a cost. */
    private static Double dollars(JsonNode n) {
        double v;
        if (n.isNumber()) {
            v = n.asDouble();
        } else if (n.isTextual() && n.asText().strip().matches("\\d{1,9}(\\.\\d{1,12})?")) {
            v = Double.parseDouble(n.asText().strip());
        } else {
            return null;
        }
        return Double.isFinite(v) && v >= 0 && v < 1_000 ? v : null;
    }
}
