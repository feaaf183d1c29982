package io.draftboard.simulator.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.json.Json;

/** ComfyUI's error object: {@code {type, message, details, extra_info}}, as /prompt answers and node_errors hold. */
final class ComfyErrors {
    private ComfyErrors() {
    }

    static ObjectNode error(String type, String message, String details) {
        ObjectNode e = Json.object();
        e.put("type", type);
        e.put("message", message);
        e.put("details", details);
        e.putObject("extra_info");
        return e;
    }

    static ObjectNode inputError(String type, String message, String details, String input, JsonNode received) {
        ObjectNode e = error(type, message, details);
        ObjectNode extra = (ObjectNode) e.get("extra_info");
        extra.put("input_name", input);
        if (received != null) {
            extra.set("received_value", received);
        }
        return e;
    }
}
