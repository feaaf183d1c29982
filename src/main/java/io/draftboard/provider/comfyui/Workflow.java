package io.draftboard.provider.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A ComfyUI workflow in API format ({@code {"<node id>": {"class_type": …, "inputs": {…}, "_meta": {"title": …}}}},
 * what ComfyUI's "Export (API)" writes), with the nodes Draftboard fills marked by title. The README documents
 * the convention; {@link #fill} applies it to a request without touching the template.
 *
 * <ul>
 *   <li>{@value #PROMPT}: {@code text}. {@value #SEED}: {@code noise_seed} (or {@code seed}).</li>
 *   <li>{@value #STEPS}: {@code steps}, and {@code width}/{@code height} where the node has them
 *       ({@code Flux2Scheduler}). {@value #SIZE}: {@code width}, {@code height}.</li>
 *   <li>{@value #GUIDANCE} (optional): {@code guidance} (or {@code cfg}); without it the request's guidance is
 *       not used (FLUX.2 [klein] is distilled and samples at cfg 1).</li>
 *   <li>{@value #OUTPUT}: the node whose image is the result; optional when the workflow has exactly one
 *       {@code SaveImage} or {@code PreviewImage}.</li>
 *   <li>References: each one is uploaded and wired {@code LoadImage → ImageScaleToTotalPixels → VAEEncode →
 *       ReferenceLatent}, chained after the node titled {@value #REFERENCES} (or, without one, after each
 *       {@value #PROMPT} node), with the VAE titled {@value #VAE} (or the workflow's only {@code VAELoader}).</li>
 * </ul>
 */
final class Workflow {
    static final String PROMPT = "Draftboard prompt";
    static final String SEED = "Draftboard seed";
    static final String STEPS = "Draftboard steps";
    static final String SIZE = "Draftboard size";
    static final String GUIDANCE = "Draftboard guidance";
    static final String VAE = "Draftboard vae";
    static final String REFERENCES = "Draftboard references";
    static final String OUTPUT = "Draftboard output";

    /** The classes {@link #fill} adds for references; a server without them cannot take references. */
    static final List<String> REFERENCE_CLASSES = List.of("LoadImage", "ImageScaleToTotalPixels", "VAEEncode",
            "ReferenceLatent");
    /** References are scaled to about this many megapixels before encoding (ComfyUI's FLUX.2 examples use 1). */
    static final double REFERENCE_MEGAPIXELS = 1.0;

    /** Model-file inputs of the loaders and the folder under ComfyUI/models they list. */
    private static final Map<String, String> MODEL_INPUTS = Map.of("unet_name", "diffusion_models", "ckpt_name",
            "checkpoints", "clip_name", "text_encoders", "clip_name1", "text_encoders", "clip_name2", "text_encoders",
            "clip_name3", "text_encoders", "vae_name", "vae", "lora_name", "loras");

    /** A model file the workflow loads: which node, which input, which file, in which models folder. */
    record ModelFile(String nodeId, String classType, String input, String file, String folder) {
    }

    private final String name;
    private final ObjectNode graph;
    private final String outputNode;

    private Workflow(String name, ObjectNode graph, String outputNode) {
        this.name = name;
        this.graph = graph;
        this.outputNode = outputNode;
    }

    /** The FLUX.2 [dev] and [klein] templates shipped with Draftboard: "dev" or "klein". */
    static Workflow builtIn(String which) {
        String resource = switch (which) {
            case "dev" -> "flux2-dev.json";
            case "klein" -> "flux2-klein.json";
            default -> throw new IllegalArgumentException("no built-in ComfyUI workflow \"" + which
                    + "\" (there are: dev, klein)");
        };
        try (InputStream in = Workflow.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return parse(which.equals("dev") ? "FLUX.2 [dev]" : "FLUX.2 [klein]",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + resource, e);
        }
    }

    /**
     * Reads an API-format workflow and checks that it marks what Draftboard fills.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong
     */
    static Workflow parse(String name, String json) {
        JsonNode root = Json.parseOrNull(json);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(name + " is not JSON (an API-format ComfyUI workflow is a JSON object)");
        }
        if (root.has("nodes") && root.has("links")) {
            throw new IllegalArgumentException(name + " is a workflow in ComfyUI's UI format; in ComfyUI use "
                    + "Workflow > Export (API) and point Draftboard at that file");
        }
        ObjectNode graph = (ObjectNode) root;
        if (graph.isEmpty()) {
            throw new IllegalArgumentException(name + " has no nodes");
        }
        for (Map.Entry<String, JsonNode> e : graph.properties()) {
            JsonNode node = e.getValue();
            if (!node.isObject() || !node.path("class_type").isTextual() || !node.path("inputs").isObject()) {
                throw new IllegalArgumentException(name + ": node " + e.getKey()
                        + " has no class_type and inputs (is this an API-format export?)");
            }
        }
        Workflow w = new Workflow(name, graph, null);
        w.require(PROMPT, "text");
        w.requireAny(SEED, "noise_seed", "seed");
        w.require(STEPS, "steps");
        if (w.titled(SIZE).isEmpty() && w.titled(STEPS).stream().noneMatch(id -> w.hasLiteral(id, "width"))) {
            throw new IllegalArgumentException(name + " has no node titled \"" + SIZE + "\" (the empty latent, with "
                    + "width and height)");
        }
        for (String id : w.titled(SIZE)) {
            if (!w.hasLiteral(id, "width") || !w.hasLiteral(id, "height")) {
                throw new IllegalArgumentException(name + ": node " + id + " is titled \"" + SIZE
                        + "\" but has no width and height values");
            }
        }
        for (String id : w.titled(GUIDANCE)) {
            if (!w.hasLiteral(id, "guidance") && !w.hasLiteral(id, "cfg")) {
                throw new IllegalArgumentException(name + ": node " + id + " is titled \"" + GUIDANCE
                        + "\" but has no guidance or cfg value");
            }
        }
        return new Workflow(name, graph, w.findOutput());
    }

    private void require(String title, String input) {
        requireAny(title, input);
    }

    private void requireAny(String title, String... inputs) {
        List<String> ids = titled(title);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException(name + " has no node titled \"" + title + "\"");
        }
        for (String id : ids) {
            boolean has = false;
            for (String input : inputs) {
                has |= hasLiteral(id, input);
            }
            if (!has) {
                throw new IllegalArgumentException(name + ": node " + id + " is titled \"" + title + "\" but has no "
                        + String.join(" or ", inputs) + " value to fill");
            }
        }
    }

    private String findOutput() {
        List<String> marked = titled(OUTPUT);
        if (marked.size() == 1) {
            return marked.get(0);
        }
        if (marked.size() > 1) {
            throw new IllegalArgumentException(name + " has " + marked.size() + " nodes titled \"" + OUTPUT
                    + "\"; mark exactly one");
        }
        List<String> savers = new ArrayList<>();
        graph.properties().forEach(e -> {
            String type = e.getValue().path("class_type").asText();
            if (type.equals("SaveImage") || type.equals("PreviewImage")) {
                savers.add(e.getKey());
            }
        });
        if (savers.size() != 1) {
            throw new IllegalArgumentException(name + (savers.isEmpty() ? " has no SaveImage or PreviewImage node"
                    : " has several image outputs") + "; title the one Draftboard should fetch \"" + OUTPUT + "\"");
        }
        return savers.get(0);
    }

    /** The node ids whose {@code _meta.title} is {@code title} (case and surrounding blanks ignored), in order. */
    List<String> titled(String title) {
        List<String> ids = new ArrayList<>();
        graph.properties().forEach(e -> {
            String t = e.getValue().path("_meta").path("title").asText("");
            if (t.strip().equalsIgnoreCase(title)) {
                ids.add(e.getKey());
            }
        });
        return ids;
    }

    private boolean hasLiteral(String id, String input) {
        JsonNode v = graph.path(id).path("inputs").get(input);
        return v != null && !v.isArray() && !v.isObject();
    }

    String name() {
        return name;
    }

    /** The node whose output image is the result. */
    String outputNode() {
        return outputNode;
    }

    /** Every node class the workflow uses (with references, {@link #REFERENCE_CLASSES} as well). */
    Set<String> nodeClasses() {
        Set<String> classes = new LinkedHashSet<>();
        graph.properties().forEach(e -> classes.add(e.getValue().path("class_type").asText()));
        return classes;
    }

    /** The model files the loaders name, in node order. */
    List<ModelFile> modelFiles() {
        List<ModelFile> files = new ArrayList<>();
        graph.properties().forEach(e -> {
            JsonNode node = e.getValue();
            node.path("inputs").properties().forEach(in -> {
                String folder = MODEL_INPUTS.get(in.getKey());
                if (folder != null && in.getValue().isTextual() && !in.getValue().asText().isBlank()) {
                    files.add(new ModelFile(e.getKey(), node.path("class_type").asText(), in.getKey(),
                            in.getValue().asText(), folder));
                }
            });
        });
        return files;
    }

    /** What history records as the model: the files the workflow loads, e.g. "flux2_dev_fp8mixed.safetensors + …". */
    String modelLabel() {
        Set<String> names = new LinkedHashSet<>();
        modelFiles().forEach(f -> names.add(f.file()));
        return names.isEmpty() ? name : String.join(" + ", names);
    }

    /** Whether the graph has somewhere to encode references with. */
    boolean takesReferences() {
        return vaeNode() != null;
    }

    private String vaeNode() {
        List<String> marked = titled(VAE);
        if (!marked.isEmpty()) {
            return marked.get(0);
        }
        List<String> loaders = new ArrayList<>();
        graph.properties().forEach(e -> {
            if (e.getValue().path("class_type").asText().equals("VAELoader")) {
                loaders.add(e.getKey());
            }
        });
        return loaders.size() == 1 ? loaders.get(0) : null;
    }

    /**
     * The graph to queue for {@code r}: a fresh copy of the template with the marked inputs set and, for each
     * uploaded reference (ComfyUI's input-folder names, in order), a reference latent wired in.
     */
    ObjectNode fill(GenerationRequest r, List<String> referenceImages) {
        ObjectNode g = graph.deepCopy();
        for (String id : titled(PROMPT)) {
            inputs(g, id).put("text", r.prompt());
        }
        for (String id : titled(SEED)) {
            ObjectNode in = inputs(g, id);
            // RandomNoise takes 0..2^64-1; Draftboard's seeds are non-negative, but never send a negative one.
            BigInteger seed = new BigInteger(Long.toUnsignedString(r.seed()));
            in.put(in.has("noise_seed") ? "noise_seed" : "seed", seed);
        }
        for (String id : titled(STEPS)) {
            ObjectNode in = inputs(g, id);
            in.put("steps", r.steps());
            if (hasLiteral(id, "width")) {
                in.put("width", r.width());
            }
            if (hasLiteral(id, "height")) {
                in.put("height", r.height());
            }
        }
        for (String id : titled(SIZE)) {
            inputs(g, id).put("width", r.width()).put("height", r.height());
        }
        for (String id : titled(GUIDANCE)) {
            ObjectNode in = inputs(g, id);
            in.put(in.has("guidance") ? "guidance" : "cfg", r.guidance());
        }
        if (!referenceImages.isEmpty()) {
            wireReferences(g, referenceImages);
        }
        return g;
    }

    private void wireReferences(ObjectNode g, List<String> images) {
        String vae = vaeNode();
        if (vae == null) {
            throw new IllegalArgumentException(name + " has no VAE to encode reference images with; title its "
                    + "VAELoader \"" + VAE + "\"");
        }
        int next = 1 + maxNumericId(g);
        List<String> latents = new ArrayList<>();
        for (String image : images) {
            String load = Integer.toString(next++);
            String scale = Integer.toString(next++);
            String encode = Integer.toString(next++);
            ObjectNode l = node(g, load, "LoadImage", "Reference image " + (latents.size() + 1));
            l.put("image", image);
            ObjectNode s = node(g, scale, "ImageScaleToTotalPixels", null);
            s.set("image", link(load, 0));
            s.put("upscale_method", "lanczos").put("megapixels", REFERENCE_MEGAPIXELS).put("resolution_steps", 1);
            ObjectNode e = node(g, encode, "VAEEncode", null);
            e.set("pixels", link(scale, 0));
            e.set("vae", link(vae, 0));
            latents.add(encode);
        }
        List<String> attach = titled(REFERENCES);
        if (attach.isEmpty()) {
            attach = titled(PROMPT);
        }
        for (String after : attach) {
            String previous = after;
            List<String> chain = new ArrayList<>();
            for (String latent : latents) {
                String ref = Integer.toString(next++);
                ObjectNode n = node(g, ref, "ReferenceLatent", null);
                n.set("conditioning", link(previous, 0));
                n.set("latent", link(latent, 0));
                chain.add(ref);
                previous = ref;
            }
            String end = previous;
            // Everything that read the conditioning now reads it with the references attached.
            g.properties().forEach(e -> {
                if (chain.contains(e.getKey())) {
                    return;
                }
                e.getValue().path("inputs").properties().forEach(in -> {
                    JsonNode v = in.getValue();
                    if (v.isArray() && v.size() == 2 && v.get(0).asText().equals(after) && v.get(1).asInt(-1) == 0) {
                        ((ObjectNode) e.getValue().get("inputs")).set(in.getKey(), link(end, 0));
                    }
                });
            });
        }
    }

    private static int maxNumericId(ObjectNode g) {
        int max = 0;
        for (Iterator<String> it = g.fieldNames(); it.hasNext(); ) {
            String id = it.next();
            if (id.matches("\\d{1,9}")) {
                max = Math.max(max, Integer.parseInt(id));
            }
        }
        return max;
    }

    private static ObjectNode inputs(ObjectNode g, String id) {
        return (ObjectNode) g.get(id).get("inputs");
    }

    /** Adds node {@code id} to {@code g} and returns its (empty) inputs to fill. */
    private static ObjectNode node(ObjectNode g, String id, String classType, String title) {
        ObjectNode n = g.putObject(id);
        ObjectNode inputs = n.putObject("inputs");
        n.put("class_type", classType);
        n.putObject("_meta").put("title", title != null ? title : classType);
        return inputs;
    }

    private static ArrayNode link(String nodeId, int output) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        a.add(nodeId);
        a.add(output);
        return a;
    }

    /** The class of node {@code id} in the template, or null. */
    String classOf(String id) {
        JsonNode n = graph.get(id);
        return n == null ? null : n.path("class_type").asText(null);
    }
}
