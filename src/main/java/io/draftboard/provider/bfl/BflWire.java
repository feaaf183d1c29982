package io.draftboard.provider.bfl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.Reference;
import io.draftboard.json.Json;
import io.draftboard.provider.HttpStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Everything Draftboard knows about BFL's FLUX.2 [flex] wire format (providers.md §1): paths, request
 * fields, the submit and result bodies, statuses, error bodies. Nothing else in the code base does.
 */
final class BflWire {
    static final String SUBMIT_PATH = "v1/flux-2-flex";
    static final String CREDITS_PATH = "v1/credits";
    static final String KEY_HEADER = "x-key";
    static final String PROVIDER = "Black Forest Labs";

    private BflWire() {
    }

    /** The submit body: references as raw base64 (no data: prefix) in input_image, input_image_2 … */
    static String submitBody(GenerationRequest r) {
        ObjectNode o = Json.object();
        o.put("prompt", r.prompt());
        o.put("seed", r.seed());
        o.put("width", r.width());
        o.put("height", r.height());
        o.put("steps", r.steps());
        o.put("guidance", r.guidance());
        // Sent explicitly: BFL defaults it to true, and a rewritten prompt breaks draft/final reproducibility.
        o.put("prompt_upsampling", r.promptUpsampling());
        o.put("safety_tolerance", r.safetyTolerance());
        o.put("output_format", r.outputFormat().wireName());
        int n = 1;
        for (Reference ref : r.references()) {
            o.put(n == 1 ? "input_image" : "input_image_" + n, Base64.getEncoder().encodeToString(ref.bytes()));
            n++;
        }
        return Json.write(o);
    }

    record Submitted(String id, String pollingUrl, Double costCredits) {
    }

    static Submitted submitted(String body) throws ProviderException {
        JsonNode n = Json.parseOrNull(body);
        if (n == null || !n.isObject()) {
            throw new ProviderException(FailureKind.PERMANENT, PROVIDER + " answered the submit with something that is not JSON");
        }
        String id = text(n, "id");
        String polling = text(n, "polling_url");
        if (id == null || polling == null) {
            throw new ProviderException(FailureKind.PERMANENT, PROVIDER + "'s submit answer has no "
                    + (id == null ? "task id" : "polling_url"));
        }
        return new Submitted(id, polling, n.hasNonNull("cost") && n.get("cost").isNumber() ? n.get("cost").asDouble() : null);
    }

    /** A poll answer, classified. Unknown statuses are kept with their raw text and treated as pending. */
    sealed interface Poll {
        record Pending(Double progress, String rawStatus) implements Poll {
        }

        record Ready(String sampleUrl, Long seed, String prompt) implements Poll {
        }

        record NotFound() implements Poll {
        }

        record Moderated(boolean input, List<String> reasons) implements Poll {
        }

        record Failed(String details) implements Poll {
        }
    }

    static Poll poll(int httpCode, String body) throws ProviderException {
        JsonNode n = Json.parseOrNull(body);
        String status = n == null ? null : text(n, "status");
        if (status == null) {
            if (httpCode == 404) {
                return new Poll.NotFound();
            }
            String said = detail(body);
            throw new ProviderException(FailureKind.TRANSIENT, PROVIDER + " answered a poll with HTTP " + httpCode
                    + (n == null ? " and no JSON" : said != null ? ": " + said : " and no status"));
        }
        switch (status) {
            case "Ready": {
                JsonNode result = n.get("result");
                String sample = result == null ? null : text(result, "sample");
                if (sample == null) {
                    throw new ProviderException(FailureKind.PERMANENT, PROVIDER + " said Ready but sent no image link");
                }
                Long seed = result.hasNonNull("seed") && result.get("seed").canConvertToLong() ? result.get("seed").asLong() : null;
                return new Poll.Ready(sample, seed, text(result, "prompt"));
            }
            case "Pending":
                return new Poll.Pending(progress(n), status);
            case "Task not found":
                return new Poll.NotFound();
            case "Request Moderated":
                return new Poll.Moderated(true, reasons(n));
            case "Content Moderated":
                return new Poll.Moderated(false, reasons(n));
            case "Error":
            case "Failed":
                return new Poll.Failed(details(n));
            default:
                // Undocumented statuses (Reasoning, Generating, …) have been seen; none is terminal.
                return new Poll.Pending(progress(n), status);
        }
    }

    static double credits(String body) throws ProviderException {
        JsonNode n = Json.parseOrNull(body);
        if (n == null || !n.has("credits") || !n.get("credits").isNumber()) {
            throw new ProviderException(FailureKind.PERMANENT, PROVIDER + "'s credits answer has no credits figure");
        }
        return n.get("credits").asDouble();
    }

    /** BFL's own error quirks first (a malformed key is a 422), then the generic reading. */
    static ProviderException failure(int code, String body, String retryAfter, Clock clock) {
        String detail = detail(body);
        if (code == 422 && detail != null && detail.toLowerCase(Locale.ROOT).contains("api key")) {
            return new ProviderException(FailureKind.AUTH, PROVIDER + " rejected the API key: " + detail);
        }
        if (code == 402) {
            return new ProviderException(FailureKind.CREDITS, PROVIDER + " says the account is out of credits"
                    + (detail == null ? "" : " (" + detail + ")") + "; top up at dashboard.bfl.ai");
        }
        return HttpStatus.failure(PROVIDER, code, detail, retryAfter, clock);
    }

    /**
     * What BFL said, as one short sentence: {@code {"detail": "text"}}, FastAPI's {@code {"detail": [{"loc": [...],
     * "msg": ...}]}}, or the top-level {@code error} string BFL's own examples show, with the {@code message}
     * beside it when there is one.
     */
    static String detail(String body) {
        JsonNode n = Json.parseOrNull(body);
        if (n == null || !n.isObject()) {
            return null;
        }
        JsonNode d = n.get("detail");
        if (d == null || d.isNull()) {
            String message = text(n, "message");
            String error = error(n);
            if (message == null || message.isBlank()) {
                return error;
            }
            return clip(error == null || error.equals(message) ? message : message + " (" + error + ")");
        }
        if (d.isTextual()) {
            return clip(d.asText());
        }
        if (d.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode item : d) {
                JsonNode loc = item.get("loc");
                String field = loc != null && loc.isArray() && loc.size() > 0 ? loc.get(loc.size() - 1).asText() : null;
                String msg = text(item, "msg");
                parts.add((field != null ? field + ": " : "") + (msg != null ? msg : item.toString()));
            }
            return clip(String.join("; ", parts));
        }
        return clip(d.toString());
    }

    /** A top-level {@code error}: a string, as BFL's examples show it, or an object with a message. */
    private static String error(JsonNode n) {
        JsonNode e = n.get("error");
        if (e == null || e.isNull()) {
            return null;
        }
        if (e.isTextual()) {
            return e.asText().isBlank() ? null : clip(e.asText());
        }
        return clip(e.isObject() && e.hasNonNull("message") ? e.get("message").asText() : e.toString());
    }

    private static Double progress(JsonNode n) {
        JsonNode p = n.get("progress");
        return p != null && p.isNumber() ? Math.max(0, Math.min(1, p.asDouble())) : null;
    }

    private static List<String> reasons(JsonNode n) {
        List<String> out = new ArrayList<>();
        JsonNode details = n.get("details");
        JsonNode r = details == null ? null : details.get("Moderation Reasons");
        if (r != null && r.isArray()) {
            r.forEach(x -> out.add(x.asText()));
        }
        return out;
    }

    /** Why a task failed: {@code details} (or its {@code error}), else a top-level {@code error} or {@code message}. */
    private static String details(JsonNode n) {
        JsonNode d = n.get("details");
        if (d == null || d.isNull()) {
            String error = error(n);
            String message = text(n, "message");
            return error != null ? error : message == null || message.isBlank() ? null : clip(message);
        }
        if (d.isObject() && d.hasNonNull("error")) {
            return clip(d.get("error").asText());
        }
        return clip(d.isTextual() ? d.asText() : d.toString());
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String clip(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "\u2026" : s;
    }
}
