package io.draftboard.simulator.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.json.Json;
import io.draftboard.simulator.socket.Request;
import io.draftboard.simulator.socket.Response;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * ComfyUI's routes over the queue ({@code server.py}): {@code /prompt} (status; submit, validated first),
 * {@code /queue} (list; delete, clear), {@code /interrupt} (global or by prompt id) and {@code /history}.
 */
final class PromptRoutes {
    private static final String UUID_FORM = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final PromptQueue queue;
    private final ClientSockets sockets;
    private final PromptExecutor executor;
    /** A validator over the node catalogue as it is now (LoadImage's list changes with each upload). */
    private final Supplier<WorkflowValidator> validator;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger deleted = new AtomicInteger();
    private volatile ObjectNode lastPrompt;

    PromptRoutes(PromptQueue queue, ClientSockets sockets, PromptExecutor executor,
            Supplier<WorkflowValidator> validator) {
        this.queue = queue;
        this.sockets = sockets;
        this.executor = executor;
        this.validator = validator;
    }

    int accepted() {
        return accepted.get();
    }

    int refused() {
        return refused.get();
    }

    int deleted() {
        return deleted.get();
    }

    /** A copy of the graph of the last {@code POST /prompt}, accepted or not; null before any. */
    ObjectNode lastPrompt() {
        ObjectNode p = lastPrompt;
        return p == null ? null : p.deepCopy();
    }

    Response status() {
        return ComfyRoutes.json(200, queue.status());
    }

    Response submit(Request r) {
        JsonNode body = body(r);
        if (body == null || !body.isObject()) {
            return Response.json(400, "{\"error\":\"invalid JSON\"}");
        }
        if (!body.path("prompt").isObject()) {
            return refuse(ComfyErrors.error("no_prompt", "No prompt provided", "No prompt provided"), Json.object());
        }
        String promptId = UUID.randomUUID().toString();
        JsonNode chosen = body.get("prompt_id");
        if (chosen != null && !chosen.isNull()) {
            if (!chosen.asText().matches(UUID_FORM)) {
                return refuse(ComfyErrors.error("invalid_prompt_id", "prompt_id must be a valid UUID", "prompt_id must "
                        + "be a UUID string in canonical lowercase hyphenated form; omit it to let the server generate "
                        + "one"), Json.object());
            }
            promptId = chosen.asText();
        }
        ObjectNode graph = ((ObjectNode) body.get("prompt")).deepCopy();
        lastPrompt = graph.deepCopy();
        Validation v = validator.get().validate(graph);
        if (!v.ok()) {
            return refuse(v.error(), v.nodeErrors());
        }
        ObjectNode extra = body.path("extra_data").isObject() ? ((ObjectNode) body.get("extra_data")).deepCopy()
                : Json.object();
        if (body.hasNonNull("client_id")) {
            extra.put("client_id", body.get("client_id").asText());
        }
        extra.put("create_time", System.currentTimeMillis());
        double n = queue.put(body.has("number") ? body.get("number").asDouble() : null,
                body.path("front").asBoolean(false), promptId, graph, extra, v.outputs());
        accepted.incrementAndGet();
        sockets.queueUpdated();
        ObjectNode out = Json.object();
        out.put("prompt_id", promptId);
        out.put("number", n == Math.rint(n) ? (long) n : n);
        out.set("node_errors", v.nodeErrors());
        return ComfyRoutes.json(200, out);
    }

    /** HTTP 400 with ComfyUI's {@code {error, node_errors}}. */
    private Response refuse(ObjectNode error, ObjectNode nodeErrors) {
        refused.incrementAndGet();
        ObjectNode out = Json.object();
        out.set("error", error);
        out.set("node_errors", nodeErrors);
        return ComfyRoutes.json(400, out);
    }

    Response listing() {
        return ComfyRoutes.json(200, queue.listing());
    }

    Response changeQueue(Request r) {
        JsonNode body = body(r);
        if (body == null || !body.isObject()) {
            return Response.json(500, "{\"error\":\"invalid JSON\"}");
        }
        int removed = queue.delete(body.path("clear").asBoolean(false), body.path("delete"));
        deleted.addAndGet(removed);
        if (removed > 0) {
            sockets.queueUpdated();
        }
        return Response.empty(200);
    }

    Response interrupt(Request r) {
        JsonNode body = body(r);
        String promptId = body == null ? null : body.path("prompt_id").asText(null);
        if (promptId == null || promptId.isEmpty() || queue.isRunning(promptId)) {
            executor.interrupt();
        }
        return Response.empty(200);
    }

    /** {@code GET /history} ({@code promptId} null, with {@code max_items}) or {@code GET /history/{id}}. */
    Response history(Request r, String promptId) {
        if (promptId != null) {
            ObjectNode out = Json.object();
            ObjectNode e = queue.historyEntry(promptId);
            if (e != null) {
                out.set(promptId, e);
            }
            return ComfyRoutes.json(200, out);
        }
        String max = r.query().get("max_items");
        return ComfyRoutes.json(200, queue.history(max == null ? null : Integer.parseInt(max)));
    }

    Response changeHistory(Request r) {
        JsonNode body = body(r);
        if (body != null) {
            queue.deleteHistory(body.path("clear").asBoolean(false), body.path("delete"));
        }
        return Response.empty(200);
    }

    private static JsonNode body(Request r) {
        return Json.parseOrNull(new String(r.body(), StandardCharsets.UTF_8));
    }
}
