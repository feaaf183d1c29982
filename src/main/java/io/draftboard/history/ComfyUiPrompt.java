package io.draftboard.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recall from ComfyUI's {@code prompt} chunk: the API-format graph that ran, {@code {"<id>": {"class_type",
 * "inputs"}}}, where an input is a literal or a link {@code [sourceId, outputIndex]} (peers.md §2).
 *
 * <p>There is no "prompt" field: the prompt is whatever text reaches a sampler's positive conditioning, so the
 * graph is walked from the sampler. Taking the first text node instead would as often give the negative prompt.
 * Graphs come from users and custom nodes, so every step tolerates missing nodes, odd types and cycles, and
 * returns what it found. The UI-format {@code workflow} chunk describes the same graph less directly and is
 * not read.
 */
final class ComfyUiPrompt {
    static final String KEY = "prompt";
    /** Bounds every walk: far deeper than any real chain, and what stops a cycle of links between primitives. */
    private static final int MAX_DEPTH = 64;
    /** Inputs that carry the prompt's text, most specific first: T5 holds the full FLUX prompt. */
    private static final List<String> TEXT_INPUTS = List.of("text", "t5xxl", "clip_l", "text_g", "text_l", "prompt");
    /** Inputs of literal-value nodes (PrimitiveStringMultiline, PrimitiveInt, rgthree Seed …) a link may point to. */
    private static final List<String> VALUE_INPUTS = List.of("value", "string", "text", "int", "seed", "number");
    /** Inputs a sampler's latent passes through on its way back to the node that sized it. */
    private static final List<String> LATENT_INPUTS = List.of("latent_image", "samples", "latent", "latents");

    private final JsonNode graph;

    private ComfyUiPrompt(JsonNode graph) {
        this.graph = graph;
    }

    static Optional<RecalledParameters> read(String json) {
        JsonNode graph = Json.parseOrNull(json);
        if (graph == null || !graph.isObject()) {
            return Optional.empty();
        }
        ComfyUiPrompt p = new ComfyUiPrompt(graph);
        // The frontend serialises nodes in execution order, so with a hires-fix or refiner pass the first sampler
        // is the base pass, whose settings are the ones to recall.
        for (Iterator<JsonNode> it = graph.elements(); it.hasNext(); ) {
            JsonNode node = it.next();
            if (isSampler(node)) {
                Optional<RecalledParameters> r = p.recall(node);
                if (r.isPresent()) {
                    return r;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * KSampler*, SamplerCustom*, or any custom node with a seed and a step count; in every case one with a
     * positive conditioning or a guider to follow (KSamplerSelect, which only names an algorithm, has neither).
     */
    private static boolean isSampler(JsonNode node) {
        JsonNode in = node.path("inputs");
        if (!isLink(in.get("positive")) && !isLink(in.get("guider"))) {
            return false;
        }
        String type = node.path("class_type").asText("");
        return type.startsWith("KSampler") || type.startsWith("SamplerCustom")
                || ((in.has("seed") || in.has("noise_seed")) && in.has("steps"));
    }

    private Optional<RecalledParameters> recall(JsonNode sampler) {
        JsonNode in = sampler.path("inputs");
        JsonNode positive = isLink(in.get("positive")) ? in.get("positive") : in.get("guider");
        Conditioning c = conditioning(positive, new HashSet<>(), 0);
        if (c == null) {
            return Optional.empty();
        }
        // SamplerCustomAdvanced takes its seed from the noise node and, like SamplerCustom, its step count
        // from the scheduler node that makes the sigmas.
        Long seed = RecallValues.first(RecallValues.toLong(value(in.get("seed"))),
                RecallValues.toLong(value(in.get("noise_seed"))),
                RecallValues.toLong(input(in.get("noise"), "noise_seed", "seed")));
        Integer steps = RecallValues.first(RecallValues.toInt(value(in.get("steps"))),
                RecallValues.toInt(input(in.get("sigmas"), "steps")));
        // FLUX's distilled guidance is the number that matters when present; KSampler's cfg is then usually 1.
        Double guidance = RecallValues.first(c.guidance(), RecallValues.toDouble(value(in.get("cfg"))), c.cfg());
        JsonNode sized = sizedLatent(in, new HashSet<>(), 0);
        Integer width = RecallValues.toInt(input(sized, "width"));
        Integer height = RecallValues.toInt(input(sized, "height"));
        return Optional.of(new RecalledParameters("ComfyUI", c.text(), seed, steps, guidance, width, height));
    }

    /** The prompt found up a conditioning chain, with the guidance and cfg seen on the way to it. */
    private record Conditioning(String text, Double guidance, Double cfg) {
    }

    /**
     * Walks up from the node behind {@code link} through conditioning inputs only ({@code positive},
     * {@code conditioning*}, {@code cond*}), never through {@code negative}, until a node with prompt text. A
     * guidance or cfg set nearer the sampler overrides one set further up, as it does when the graph runs.
     */
    private Conditioning conditioning(JsonNode link, Set<String> visited, int depth) {
        JsonNode node = target(link);
        if (node == null || depth > MAX_DEPTH || !visited.add(link.get(0).asText())) {
            return null;
        }
        // Zeroed-out conditioning carries no prompt, whatever text fed it (FLUX graphs use it as the negative).
        if ("ConditioningZeroOut".equals(node.path("class_type").asText())) {
            return null;
        }
        JsonNode in = node.path("inputs");
        Double guidance = RecallValues.toDouble(value(in.get("guidance")));
        Double cfg = RecallValues.toDouble(value(in.get("cfg")));
        for (String name : TEXT_INPUTS) {
            String text = RecallValues.text(value(in.get(name)));
            if (text != null && !text.isBlank()) {
                return new Conditioning(text, guidance, cfg);
            }
        }
        for (JsonNode up : conditioningLinks(in)) {
            Conditioning found = conditioning(up, visited, depth + 1);
            if (found != null) {
                return new Conditioning(found.text(), RecallValues.first(guidance, found.guidance()),
                        RecallValues.first(cfg, found.cfg()));
            }
        }
        return null;
    }

    /** The node's conditioning links, {@code positive} first (ControlNetApplyAdvanced, CFGGuider have both). */
    private static List<JsonNode> conditioningLinks(JsonNode inputs) {
        List<JsonNode> links = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : inputs.properties()) {
            String name = e.getKey();
            if ((name.equals("positive") || name.startsWith("cond")) && !name.contains("negative")
                    && isLink(e.getValue())) {
                links.add(name.equals("positive") ? 0 : links.size(), e.getValue());
            }
        }
        return links;
    }

    /** The node that gave the sampler's latent its size: the first up the latent chain with width and height. */
    private JsonNode sizedLatent(JsonNode inputs, Set<String> visited, int depth) {
        if (depth > MAX_DEPTH) {
            return null;
        }
        for (String name : LATENT_INPUTS) {
            JsonNode link = inputs.get(name);
            JsonNode node = target(link);
            if (node == null || !visited.add(link.get(0).asText())) {
                continue;
            }
            JsonNode in = node.path("inputs");
            if (in.has("width") && in.has("height")) {
                return node;
            }
            JsonNode found = sizedLatent(in, visited, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The value of the first of {@code names} that {@code node} (or the node behind a link) has. */
    private JsonNode input(JsonNode nodeOrLink, String... names) {
        JsonNode node = isLink(nodeOrLink) ? target(nodeOrLink) : nodeOrLink;
        if (node == null) {
            return null;
        }
        for (String name : names) {
            JsonNode v = value(node.path("inputs").get(name));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** A literal input as is, or the literal a primitive node behind a link holds. */
    private JsonNode value(JsonNode input) {
        return value(input, 0);
    }

    private JsonNode value(JsonNode input, int depth) {
        if (!isLink(input)) {
            return input;
        }
        JsonNode node = target(input);
        if (node == null || depth > MAX_DEPTH) {
            return null;
        }
        JsonNode in = node.path("inputs");
        for (String name : VALUE_INPUTS) {
            if (in.has(name)) {
                return value(in.get(name), depth + 1);
            }
        }
        return null;
    }

    private JsonNode target(JsonNode link) {
        if (!isLink(link)) {
            return null;
        }
        JsonNode node = graph.get(link.get(0).asText());
        return node != null && node.isObject() ? node : null;
    }

    private static boolean isLink(JsonNode n) {
        return n != null && n.isArray() && n.size() == 2 && (n.get(0).isTextual() || n.get(0).isIntegralNumber())
                && n.get(1).isIntegralNumber();
    }
}
