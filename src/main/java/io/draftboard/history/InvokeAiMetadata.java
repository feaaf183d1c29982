package io.draftboard.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.json.Json;
import java.util.Optional;

/**
 * Recall from InvokeAI's {@code invokeai_metadata} chunk: the "core metadata" JSON of the generation
 * (peers.md §2; invocations/metadata.py). Its {@code invokeai_graph} and {@code invokeai_workflow} siblings
 * describe the same run less directly and are not needed.
 */
final class InvokeAiMetadata {
    static final String KEY = "invokeai_metadata";

    private InvokeAiMetadata() {
    }

    static Optional<RecalledParameters> read(String json) {
        JsonNode n = Json.parseOrNull(json);
        if (n == null || !n.isObject()) {
            return Optional.empty();
        }
        String prompt = RecallValues.text(n.get("positive_prompt"));
        if (prompt == null) {
            return Optional.empty();
        }
        // FLUX runs record distilled "guidance" (their cfg_scale, if any, stays at 1); SD runs only cfg_scale.
        Double guidance = RecallValues.first(RecallValues.toDouble(n.get("guidance")),
                RecallValues.toDouble(n.get("cfg_scale")));
        return Optional.of(new RecalledParameters("InvokeAI", prompt, RecallValues.toLong(n.get("seed")),
                RecallValues.toInt(n.get("steps")), guidance, RecallValues.toInt(n.get("width")),
                RecallValues.toInt(n.get("height"))));
    }
}
