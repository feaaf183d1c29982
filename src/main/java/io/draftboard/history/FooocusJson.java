package io.draftboard.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.json.Json;
import java.util.Optional;

/**
 * Recall from Fooocus's own metadata scheme: the {@code parameters} chunk holding sorted JSON instead of
 * infotext (peers.md §2; modules/meta_parser.py). Keys are Fooocus's internal names: {@code prompt} is what
 * the user typed ({@code full_prompt} is the style-expanded list), {@code seed} is a string,
 * {@code resolution} a Python tuple such as "(1152, 896)".
 */
final class FooocusJson {
    private FooocusJson() {
    }

    /** Empty unless {@code parameters} is a JSON object with a prompt: Fooocus itself decides by "is it JSON". */
    static Optional<RecalledParameters> read(String parameters) {
        if (!parameters.stripLeading().startsWith("{")) {
            return Optional.empty();
        }
        JsonNode n = Json.parseOrNull(parameters);
        if (n == null || !n.isObject()) {
            return Optional.empty();
        }
        String prompt = RecallValues.text(n.get("prompt"));
        if (prompt == null) {
            return Optional.empty();
        }
        RecallValues.Size size = RecallValues.size(RecallValues.text(n.get("resolution")));
        return Optional.of(new RecalledParameters("Fooocus", prompt, RecallValues.toLong(n.get("seed")),
                RecallValues.toInt(n.get("steps")), RecallValues.toDouble(n.get("guidance_scale")), size.width(),
                size.height()));
    }
}
