package io.draftboard.provider.runflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.generation.Cost;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.ProviderException;
import io.draftboard.json.Json;
import io.draftboard.provider.DataUris;
import io.draftboard.provider.HttpStatus;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;

/**
 * Runflow's fields, from docs.runflow.io ("Runs", "Errors", "Callbacks") and the flex model page; what those do not
 * settle is listed in docs/providers-unconfirmed.md and read defensively here.
 *
 * <ul>
 * <li>Create: {@code {"input": {...}}}; the flex page names {@code prompt} and {@code image_size} (a preset or an
 * object). Steps, guidance and references are sent as Runflow's FLUX.2 [klein] pages name them
 * ({@code num_inference_steps}, {@code guidance_scale}, {@code image_urls}): unconfirmed for flex.
 * <li>A run: {@code id}, {@code status_code} ({@code queued}, {@code dispatching}, {@code running},
 * {@code succeeded}, {@code failed}, {@code canceled}; also {@code partial_succeeded}), {@code output} (normalised),
 * {@code cost} (a string), {@code failure_code}, {@code failure_message}.
 * <li>Errors: {@code {code, message, errors[]}}; 402 and {@code INSUFFICIENT_CREDIT} for an empty balance; 429
 * carries no Retry-After.
 * </ul>
 */
final class RunflowWire {
    static final String NAME = "Runflow";
    static final Set<String> PENDING = Set.of("queued", "dispatching", "running");
    static final Set<String> DONE = Set.of("succeeded", "partial_succeeded", "failed", "canceled", "cancelled");

    private RunflowWire() {
    }

    static ObjectNode body(GenerationRequest r) {
        ObjectNode root = Json.object();
        ObjectNode in = root.putObject("input");
        in.put("prompt", r.prompt());
        in.putObject("image_size").put("width", r.width()).put("height", r.height());
        in.put("num_inference_steps", r.steps());
        in.put("guidance_scale", r.guidance());
        in.put("seed", r.seed());
        in.put("output_format", switch (r.outputFormat()) {
            case JPEG -> "jpeg";
            case PNG -> "png";
            case WEBP -> throw new IllegalStateException("Runflow is not sent WebP; Preflight.limits refuses it");
        });
        if (!r.references().isEmpty()) {
            ArrayNode urls = in.putArray("image_urls");
            r.references().forEach(ref -> urls.add(DataUris.of(ref)));
        }
        return root;
    }

    /** The run's status, lower case ("" when it has none). */
    static String status(JsonNode run) {
        return run.path("status_code").asText(run.path("status").asText("")).toLowerCase(Locale.ROOT);
    }

    /**
     * The first image of a normalised output. The docs say "normalised" without one example for images, so the
     * shapes Runflow's pages show are each read: {@code outputs[]} entries ({@code type} image, {@code url}),
     * {@code images[].url} (the klein page), {@code image_urls[]} (the callback example), a lone {@code url}.
     */
    static String imageUrl(JsonNode output) {
        for (JsonNode o : output.path("outputs")) {
            String type = o.path("type").asText("image");
            if (type.equals("image") && o.hasNonNull("url")) {
                return o.get("url").asText();
            }
        }
        JsonNode first = output.path("images").path(0);
        if (first.isTextual()) {
            return first.asText();
        }
        if (first.hasNonNull("url")) {
            return first.get("url").asText();
        }
        if (output.path("image_urls").path(0).isTextual()) {
            return output.path("image_urls").path(0).asText();
        }
        for (String field : new String[] {"image_url", "url"}) {
            if (output.path(field).isTextual()) {
                return output.get(field).asText();
            }
        }
        return null;
    }

    static Long seed(JsonNode output) {
        JsonNode s = output.path("seed");
        return s.isIntegralNumber() && s.canConvertToLong() ? s.asLong() : null;
    }

    /** The run's {@code cost}, a string of US dollars ("0.05"), or null when absent or not a plain amount. */
    static Cost cost(JsonNode run) {
        JsonNode c = run.path("cost");
        String text = c.isNumber() ? c.asText() : c.isTextual() ? c.asText().strip() : "";
        if (!text.matches("\\d{1,6}(\\.\\d{1,12})?")) {
            return null;
        }
        return new Cost(Double.parseDouble(text), false);
    }

    /** A run that ended {@code failed}: moderation when its code or message says so, else permanent. */
    static ProviderException failed(String id, JsonNode run) {
        String code = run.path("failure_code").asText("");
        String message = run.path("failure_message").asText(run.path("output").path("error").path("message")
                .asText("no reason given"));
        String lower = (code + " " + message).toLowerCase(Locale.ROOT);
        boolean moderated = lower.contains("nsfw") || lower.contains("safety") || lower.contains("moderat")
                || lower.contains("content_policy");
        boolean invalid = code.equals("INPUT_VALIDATION_FAILED");
        return new ProviderException(moderated ? FailureKind.MODERATED : invalid ? FailureKind.INVALID_REQUEST
                : FailureKind.PERMANENT, NAME + " failed run " + id + ": " + clip(message)
                        + (code.isEmpty() ? "" : " (" + code + ")"));
    }

    /** An HTTP error: Runflow's envelope, with the field details of a 422. */
    static ProviderException failure(int code, String body, String retryAfter, Clock clock) {
        JsonNode n = Json.parseOrNull(body);
        String errorCode = n == null ? "" : n.path("code").asText("");
        StringBuilder detail = new StringBuilder(n == null ? "" : clip(n.path("message").asText("")));
        if (n != null) {
            for (JsonNode e : n.path("errors")) {
                String field = e.path("field").asText(e.path("loc").toString());
                detail.append(detail.length() == 0 ? "" : "; ").append(field).append(": ")
                        .append(clip(e.path("message").asText(e.path("msg").asText(""))));
            }
        }
        String said = detail.length() == 0 ? null : detail.toString();
        if (errorCode.equals("INSUFFICIENT_CREDIT")) {
            return new ProviderException(FailureKind.CREDITS, NAME + " says the account is out of credits (HTTP "
                    + code + ")" + (said == null ? "" : ": " + said));
        }
        if (code == 404 && !errorCode.equals("RUN_NOT_FOUND")) {
            return new ProviderException(FailureKind.PERMANENT, NAME + " does not know the model (HTTP 404)"
                    + (said == null ? "" : ": " + said));
        }
        return HttpStatus.failure(NAME, code, said, retryAfter, clock);
    }

    static String clip(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "\u2026" : s;
    }
}
