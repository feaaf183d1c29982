package io.draftboard.simulator.comfyui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.json.Json;
import java.util.Comparator;
import java.util.List;

/**
 * One queued prompt, as ComfyUI's queue holds it: {@code (number, prompt_id, prompt, extra_data, outputs)}; lower
 * numbers run first ({@code front} gives negative ones), then the order of submission.
 */
record QueueItem(double number, long seq, String promptId, ObjectNode prompt, ObjectNode extraData,
        List<String> outputs) {
    static final Comparator<QueueItem> ORDER = Comparator.comparingDouble(QueueItem::number)
            .thenComparingLong(QueueItem::seq);

    /** The client that sent it ({@code extra_data.client_id}), or null. */
    String clientId() {
        return extraData.path("client_id").asText(null);
    }

    /** The class of node {@code nodeId} in its graph ("" if none). */
    String classOf(String nodeId) {
        return prompt.path(nodeId).path("class_type").asText();
    }

    /** The five-element list /queue and /history show. */
    ArrayNode asJson() {
        ArrayNode a = Json.MAPPER.createArrayNode();
        if (number == Math.rint(number)) {
            a.add((long) number);
        } else {
            a.add(number);
        }
        a.add(promptId);
        a.add(prompt);
        a.add(extraData);
        ArrayNode outs = a.addArray();
        outputs.forEach(outs::add);
        return a;
    }
}
