package io.draftboard.provider.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.ProviderException;
import io.draftboard.json.Json;
import io.draftboard.provider.HttpStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How ComfyUI answers (its {@code server.py} and {@code execution.py}), read into Draftboard's failures: the
 * 400 of {@code POST /prompt} with {@code error} and {@code node_errors}, {@code execution_error} and
 * {@code execution_interrupted} (on the websocket and in a history entry's status messages), queue listings.
 */
final class ComfyWire {
    static final String NAME = "ComfyUI";

    /** Folders under ComfyUI/models, by the loader input that names a file in it. */
    private static final Map<String, String> FOLDERS = Map.of("unet_name", "diffusion_models", "ckpt_name",
            "checkpoints", "clip_name", "text_encoders", "vae_name", "vae", "lora_name", "loras");

    private ComfyWire() {
    }

    /** {@code POST /prompt} refused the workflow (or anything else went wrong with it). */
    static ProviderException promptRefused(int code, String body, Clock clock) {
        JsonNode n = Json.parseOrNull(body);
        if (code != 400 || n == null || !n.isObject()) {
            return HttpStatus.failure(NAME, code, n == null ? null : clip(text(n.path("error"))), null, clock);
        }
        JsonNode error = n.path("error");
        String type = error.path("type").asText("");
        if (type.equals("missing_node_type")) {
            String cls = error.path("extra_info").path("class_type").asText(null);
            return new ProviderException(FailureKind.PERMANENT, cls == null
                    ? NAME + " refused the workflow: " + clip(error.path("message").asText("a node has no class_type"))
                    : NAME + " has no node \"" + cls + "\"; update ComfyUI, or install the custom node that provides it");
        }
        List<String> missingModels = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        n.path("node_errors").properties().forEach(e -> {
            String cls = e.getValue().path("class_type").asText("?");
            for (JsonNode err : e.getValue().path("errors")) {
                String input = err.path("extra_info").path("input_name").asText("");
                String errType = err.path("type").asText("");
                if (errType.equals("value_not_in_list") && folderOf(input) != null) {
                    missingModels.add(err.path("extra_info").path("received_value").asText("?") + " (put it in "
                            + "ComfyUI/models/" + folderOf(input) + ")");
                } else if (cls.equals("LoadImage") && input.equals("image")) {
                    problems.add("an uploaded reference image is gone from ComfyUI's input folder");
                } else {
                    problems.add("node " + e.getKey() + " (" + cls + "): " + err.path("message").asText(errType)
                            + (err.path("details").asText("").isBlank() ? "" : " (" + err.path("details").asText() + ")"));
                }
            }
        });
        if (!missingModels.isEmpty()) {
            return new ProviderException(FailureKind.PERMANENT, NAME + " does not have the model file"
                    + (missingModels.size() > 1 ? "s " : " ") + String.join(", ", missingModels));
        }
        if (!problems.isEmpty()) {
            return new ProviderException(FailureKind.INVALID_REQUEST, NAME + " refused the workflow: "
                    + clip(String.join("; ", problems)));
        }
        String message = error.isTextual() ? error.asText() : error.path("message").asText("no reason given");
        return new ProviderException(FailureKind.INVALID_REQUEST, NAME + " refused the workflow: " + clip(message));
    }

    /** The failure an {@code execution_error} describes: out of memory, or a node that failed. */
    static ProviderException executionError(JsonNode data) {
        String nodeId = data.path("node_id").asText("?");
        String nodeType = data.path("node_type").asText("?");
        String exceptionType = data.path("exception_type").asText("");
        String message = data.path("exception_message").asText("").strip();
        String lower = (exceptionType + " " + message).toLowerCase(Locale.ROOT);
        if (lower.contains("outofmemory") || lower.contains("out of memory") || lower.contains("allocation on device")) {
            return new ProviderException(FailureKind.PERMANENT, NAME + " ran out of GPU memory in node " + nodeId + " ("
                    + nodeType + "); try a smaller size or fewer references, or close other programs using the GPU");
        }
        String firstLine = message.isEmpty() ? exceptionType : message.lines().findFirst().orElse(message);
        return new ProviderException(FailureKind.PERMANENT, NAME + " failed in node " + nodeId + " (" + nodeType + "): "
                + clip(firstLine.isBlank() ? "no reason given" : firstLine));
    }

    /** A finished history entry that did not succeed: its error message, or an interruption. */
    static ProviderException failedEntry(String promptId, JsonNode entry) {
        for (JsonNode m : entry.path("status").path("messages")) {
            if (m.isArray() && m.size() >= 2 && m.get(0).asText().equals("execution_error")) {
                return executionError(m.get(1));
            }
        }
        for (JsonNode m : entry.path("status").path("messages")) {
            if (m.isArray() && m.size() >= 1 && m.get(0).asText().equals("execution_interrupted")) {
                return interrupted(promptId);
            }
        }
        return new ProviderException(FailureKind.PERMANENT, NAME + " ended prompt " + promptId + " with status "
                + entry.path("status").path("status_str").asText("unknown"));
    }

    static ProviderException interrupted(String promptId) {
        return new ProviderException(FailureKind.PERMANENT, NAME + " interrupted prompt " + promptId
                + " (was it cancelled in ComfyUI itself?)");
    }

    /** Whether a history entry's status says it finished (success or error). Old servers have no status: done. */
    static boolean succeeded(JsonNode entry) {
        JsonNode status = entry.path("status");
        return status.isMissingNode() || status.isNull() || status.path("status_str").asText("success").equals("success");
    }

    /** Where {@code promptId} is in a {@code GET /queue} answer. */
    enum Place { RUNNING, PENDING, ABSENT }

    static Place placeIn(JsonNode queue, String promptId) {
        if (contains(queue.path("queue_running"), promptId)) {
            return Place.RUNNING;
        }
        return contains(queue.path("queue_pending"), promptId) ? Place.PENDING : Place.ABSENT;
    }

    private static boolean contains(JsonNode items, String promptId) {
        for (JsonNode item : items) {
            if (item.isArray() && item.size() > 1 && item.get(1).asText().equals(promptId)) {
                return true;
            }
        }
        return false;
    }

    /** The folder under ComfyUI/models a loader input lists ("clip_name2" → text_encoders), or null. */
    static String folderOf(String input) {
        return FOLDERS.get(input.replaceAll("\\d+$", ""));
    }

    private static String text(JsonNode error) {
        if (error == null || error.isMissingNode() || error.isNull()) {
            return null;
        }
        return error.isTextual() ? error.asText() : error.path("message").asText(null);
    }

    static String clip(String s) {
        if (s == null) {
            return null;
        }
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 300 ? one.substring(0, 300) + "\u2026" : one;
    }
}
