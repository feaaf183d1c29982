package io.draftboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The nodes the ComfyUI stand-in knows, described as ComfyUI describes them ({@code /object_info}), and the
 * validation {@code POST /prompt} runs before queueing, ported from ComfyUI's {@code execution.py}
 * ({@code validate_prompt}, {@code validate_inputs}): node classes, required inputs, links (shape, target,
 * output type), literal conversion, min/max, combo values (model files among them), dependency cycles, and
 * LoadImage's check that the file was uploaded. Error types, messages and details follow ComfyUI's.
 */
final class ComfyNodes {
    static final BigInteger MAX_SEED = new BigInteger("18446744073709551615");
    static final int MAX_RESOLUTION = 16384;

    /** One input: an IO type ("INT", "MODEL"…) or a combo with its options; bounds for numbers. */
    record Input(String name, String type, List<String> options, BigDecimal min, BigDecimal max, Object defaultValue,
            boolean required) {
        boolean combo() {
            return options != null;
        }
    }

    record Node(String name, String displayName, String category, List<Input> inputs, List<String> outputs,
            List<String> outputNames, boolean outputNode, boolean checksImage) {
    }

    /** The result of validating a prompt: accepted (with its outputs) or not, and ComfyUI's error shapes. */
    record Validation(boolean ok, ObjectNode error, List<String> outputs, ObjectNode nodeErrors) {
    }

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Predicate<String> inputFileExists;

    /**
     * @param models          installed model files by folder ("diffusion_models", "text_encoders", "vae")
     * @param missing         node classes this server lacks (an older ComfyUI, a custom node not installed)
     * @param inputFiles      the input folder's files, as LoadImage lists them ("draftboard/a.png")
     * @param inputFileExists whether LoadImage would find a file
     */
    ComfyNodes(Map<String, List<String>> models, Set<String> missing, List<String> inputFiles,
            Predicate<String> inputFileExists) {
        this.inputFileExists = inputFileExists;
        List<String> samplers = List.of("euler", "euler_cfg_pp", "euler_ancestral", "heun", "dpm_2", "dpm_2_ancestral",
                "lms", "dpmpp_2s_ancestral", "dpmpp_sde", "dpmpp_2m", "dpmpp_2m_sde", "dpmpp_3m_sde", "ddpm", "lcm",
                "ipndm", "deis", "res_multistep", "gradient_estimation", "uni_pc", "ddim");
        List<String> schedulers = List.of("simple", "sgm_uniform", "karras", "exponential", "ddim_uniform", "beta",
                "normal", "linear_quadratic", "kl_optimal");
        add(node("UNETLoader", "Load Diffusion Model", "advanced/loaders", false,
                combo("unet_name", models.getOrDefault("diffusion_models", List.of())),
                combo("weight_dtype", List.of("default", "fp8_e4m3fn", "fp8_e4m3fn_fast", "fp8_e5m2"))).outputs("MODEL"));
        add(node("CLIPLoader", "Load CLIP", "advanced/loaders", false,
                combo("clip_name", models.getOrDefault("text_encoders", List.of())),
                combo("type", List.of("stable_diffusion", "stable_cascade", "sd3", "stable_audio", "mochi", "ltxv",
                        "pixart", "cosmos", "lumina2", "wan", "hidream", "chroma", "ace", "omnigen2", "qwen_image",
                        "hunyuan_image", "flux2")),
                optional(combo("device", List.of("default", "cpu")))).outputs("CLIP"));
        add(node("VAELoader", "Load VAE", "loaders", false,
                combo("vae_name", models.getOrDefault("vae", List.of()))).outputs("VAE"));
        add(node("CLIPTextEncode", "CLIP Text Encode (Prompt)", "conditioning", false,
                io("text", "STRING"), io("clip", "CLIP")).outputs("CONDITIONING"));
        add(node("FluxGuidance", "FluxGuidance", "advanced/conditioning/flux", false,
                io("conditioning", "CONDITIONING"), number("guidance", "FLOAT", 3.5, 0, 100)).outputs("CONDITIONING"));
        add(node("ConditioningZeroOut", "ConditioningZeroOut", "advanced/conditioning", false,
                io("conditioning", "CONDITIONING")).outputs("CONDITIONING"));
        add(node("ReferenceLatent", "ReferenceLatent", "advanced/conditioning/edit_models", false,
                io("conditioning", "CONDITIONING"), optional(io("latent", "LATENT"))).outputs("CONDITIONING"));
        add(node("EmptyFlux2LatentImage", "Empty Flux 2 Latent", "latent", false,
                number("width", "INT", 1024, 16, MAX_RESOLUTION), number("height", "INT", 1024, 16, MAX_RESOLUTION),
                number("batch_size", "INT", 1, 1, 4096)).outputs("LATENT"));
        add(node("Flux2Scheduler", "Flux2Scheduler", "sampling/custom_sampling/schedulers", false,
                number("steps", "INT", 20, 1, 4096), number("width", "INT", 1024, 16, MAX_RESOLUTION),
                number("height", "INT", 1024, 16, MAX_RESOLUTION)).outputs("SIGMAS"));
        add(node("KSamplerSelect", "KSamplerSelect", "sampling/custom_sampling/samplers", false,
                combo("sampler_name", samplers)).outputs("SAMPLER"));
        add(node("RandomNoise", "RandomNoise", "sampling/custom_sampling/noise", false,
                new Input("noise_seed", "INT", null, BigDecimal.ZERO, new BigDecimal(MAX_SEED), 0, true))
                .outputs("NOISE"));
        add(node("BasicGuider", "BasicGuider", "sampling/custom_sampling/guiders", false,
                io("model", "MODEL"), io("conditioning", "CONDITIONING")).outputs("GUIDER"));
        add(node("CFGGuider", "CFGGuider", "sampling/custom_sampling/guiders", false,
                io("model", "MODEL"), io("positive", "CONDITIONING"), io("negative", "CONDITIONING"),
                number("cfg", "FLOAT", 8.0, 0, 100)).outputs("GUIDER"));
        Node advanced = node("SamplerCustomAdvanced", "SamplerCustomAdvanced", "sampling/custom_sampling", false,
                io("noise", "NOISE"), io("guider", "GUIDER"), io("sampler", "SAMPLER"), io("sigmas", "SIGMAS"),
                io("latent_image", "LATENT")).outputs("LATENT", "LATENT");
        add(new Node(advanced.name, advanced.displayName, advanced.category, advanced.inputs, advanced.outputs,
                List.of("output", "denoised_output"), false, false));
        add(node("KSampler", "KSampler", "sampling", false, io("model", "MODEL"),
                new Input("seed", "INT", null, BigDecimal.ZERO, new BigDecimal(MAX_SEED), 0, true),
                number("steps", "INT", 20, 1, 10000), number("cfg", "FLOAT", 8.0, 0, 100),
                combo("sampler_name", samplers), combo("scheduler", schedulers), io("positive", "CONDITIONING"),
                io("negative", "CONDITIONING"), io("latent_image", "LATENT"), number("denoise", "FLOAT", 1.0, 0, 1))
                .outputs("LATENT"));
        add(node("VAEDecode", "VAE Decode", "latent", false, io("samples", "LATENT"), io("vae", "VAE")).outputs("IMAGE"));
        add(node("VAEEncode", "VAE Encode", "latent", false, io("pixels", "IMAGE"), io("vae", "VAE")).outputs("LATENT"));
        Node load = node("LoadImage", "Load Image", "image", false, combo("image", inputFiles)).outputs("IMAGE", "MASK");
        add(new Node(load.name, load.displayName, load.category, load.inputs, load.outputs, load.outputs, false, true));
        add(node("ImageScaleToTotalPixels", "Scale Image to Total Pixels", "image/upscaling", false,
                io("image", "IMAGE"), combo("upscale_method", List.of("nearest-exact", "bilinear", "area", "bicubic",
                        "lanczos")), number("megapixels", "FLOAT", 1.0, 0.01, 16.0),
                number("resolution_steps", "INT", 1, 1, 256)).outputs("IMAGE"));
        add(node("SaveImage", "Save Image", "image", true, io("images", "IMAGE"),
                new Input("filename_prefix", "STRING", null, null, null, "ComfyUI", true)).outputs());
        add(node("PreviewImage", "Preview Image", "image", true, io("images", "IMAGE")).outputs());
        missing.forEach(nodes::remove);
    }

    // ---- catalogue construction ----

    private static final class Builder {
        final String name;
        final String display;
        final String category;
        final boolean output;
        final List<Input> inputs;

        Builder(String name, String display, String category, boolean output, List<Input> inputs) {
            this.name = name;
            this.display = display;
            this.category = category;
            this.output = output;
            this.inputs = inputs;
        }

        Node outputs(String... types) {
            return new Node(name, display, category, inputs, List.of(types), List.of(types), output, false);
        }
    }

    private static Builder node(String name, String display, String category, boolean output, Input... inputs) {
        return new Builder(name, display, category, output, Arrays.asList(inputs));
    }

    private void add(Node n) {
        nodes.put(n.name, n);
    }

    private static Input io(String name, String type) {
        return new Input(name, type, null, null, null, null, true);
    }

    private static Input combo(String name, List<String> options) {
        return new Input(name, "COMBO", List.copyOf(options), null, null, options.isEmpty() ? null : options.get(0), true);
    }

    private static Input number(String name, String type, double def, double min, double max) {
        return new Input(name, type, null, BigDecimal.valueOf(min), BigDecimal.valueOf(max),
                type.equals("INT") ? (Object) (long) def : (Object) def, true);
    }

    private static Input optional(Input in) {
        return new Input(in.name, in.type, in.options, in.min, in.max, in.defaultValue, false);
    }

    Node get(String classType) {
        return nodes.get(classType);
    }

    // ---- /object_info ----

    ObjectNode objectInfo() {
        ObjectNode out = Json.object();
        nodes.keySet().forEach(name -> out.set(name, info(nodes.get(name))));
        return out;
    }

    /** {@code {class: info}} for one class, or {} when this server has no such node (as ComfyUI answers). */
    ObjectNode objectInfo(String classType) {
        ObjectNode out = Json.object();
        Node n = nodes.get(classType);
        if (n != null) {
            out.set(classType, info(n));
        }
        return out;
    }

    private static ObjectNode info(Node n) {
        ObjectNode info = Json.object();
        ObjectNode input = info.putObject("input");
        ObjectNode order = info.putObject("input_order");
        for (Input in : n.inputs) {
            ObjectNode section = input.has(in.required ? "required" : "optional")
                    ? (ObjectNode) input.get(in.required ? "required" : "optional")
                    : input.putObject(in.required ? "required" : "optional");
            ArrayNode spec = section.putArray(in.name);
            ObjectNode opts = Json.object();
            if (in.combo()) {
                ArrayNode list = spec.addArray();
                in.options.forEach(list::add);
            } else {
                spec.add(in.type);
            }
            if (in.defaultValue instanceof Long l) {
                opts.put("default", l);
            } else if (in.defaultValue instanceof Double d) {
                opts.put("default", d);
            } else if (in.defaultValue instanceof String s) {
                opts.put("default", s);
            }
            if (in.min != null) {
                opts.put("min", in.min);
            }
            if (in.max != null) {
                opts.put("max", in.max);
            }
            if (!opts.isEmpty()) {
                spec.add(opts);
            }
            (order.has(in.required ? "required" : "optional") ? (ArrayNode) order.get(in.required ? "required" : "optional")
                    : order.putArray(in.required ? "required" : "optional")).add(in.name);
        }
        ArrayNode outputs = info.putArray("output");
        n.outputs.forEach(outputs::add);
        ArrayNode isList = info.putArray("output_is_list");
        n.outputs.forEach(o -> isList.add(false));
        ArrayNode names = info.putArray("output_name");
        n.outputNames.forEach(names::add);
        info.put("name", n.name);
        info.put("display_name", n.displayName);
        info.put("description", "");
        info.put("python_module", "nodes");
        info.put("category", n.category);
        info.put("output_node", n.outputNode);
        return info;
    }

    // ---- validation (execution.py: validate_prompt / validate_inputs) ----

    /** Raised where ComfyUI's validation would raise outside its own error handling (a link to no node). */
    private static final class ValidationCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String exceptionType;

        ValidationCrash(String exceptionType, String message) {
            super(message, null, false, false);
            this.exceptionType = exceptionType;
        }
    }

    private record Result(boolean valid, List<ObjectNode> errors) {
    }

    Validation validate(ObjectNode prompt) {
        List<String> outputs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : iterable(prompt)) {
            String id = e.getKey();
            JsonNode node = e.getValue();
            String title = node.path("_meta").path("title").asText(null);
            if (!node.isObject() || !node.path("class_type").isTextual()) {
                ObjectNode error = error("missing_node_type", "Node '" + (title != null ? title : "ID #" + id)
                        + "' has no class_type. The workflow may be corrupted or a custom node is missing.",
                        "Node ID '#" + id + "'");
                ((ObjectNode) error.get("extra_info")).put("node_id", id).putNull("class_type").put("node_title", title);
                return new Validation(false, error, List.of(), Json.object());
            }
            String classType = node.get("class_type").asText();
            Node def = nodes.get(classType);
            if (def == null) {
                String shown = title != null ? title : classType;
                ObjectNode error = error("missing_node_type", "Node '" + shown
                        + "' not found. The custom node may not be installed.", "Node ID '#" + id + "'");
                ((ObjectNode) error.get("extra_info")).put("node_id", id).put("class_type", classType)
                        .put("node_title", shown);
                return new Validation(false, error, List.of(), Json.object());
            }
            if (def.outputNode) {
                outputs.add(id);
            }
        }
        if (outputs.isEmpty()) {
            return new Validation(false, error("prompt_no_outputs", "Prompt has no outputs", ""), List.of(), Json.object());
        }
        Map<String, Result> validated = new LinkedHashMap<>();
        ObjectNode nodeErrors = Json.object();
        List<String> good = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String o : outputs) {
            Result r;
            try {
                r = validateInputs(prompt, o, validated, new ArrayList<>());
            } catch (ValidationCrash crash) {
                ObjectNode reason = error("exception_during_validation", "Exception when validating node",
                        crash.getMessage());
                ((ObjectNode) reason.get("extra_info")).put("exception_type", crash.exceptionType).putArray("traceback");
                r = new Result(false, List.of(reason));
                validated.put(o, r);
            }
            if (r.valid) {
                good.add(o);
                continue;
            }
            r.errors.forEach(err -> failures.add(err.get("message").asText() + ": " + err.get("details").asText()));
            for (Map.Entry<String, Result> v : validated.entrySet()) {
                if (v.getValue().valid || v.getValue().errors.isEmpty()) {
                    continue;
                }
                ObjectNode entry = (ObjectNode) nodeErrors.get(v.getKey());
                if (entry == null) {
                    entry = nodeErrors.putObject(v.getKey());
                    ArrayNode errs = entry.putArray("errors");
                    v.getValue().errors.forEach(errs::add);
                    entry.putArray("dependent_outputs");
                    entry.put("class_type", prompt.path(v.getKey()).path("class_type").asText());
                }
                ((ArrayNode) entry.get("dependent_outputs")).add(o);
            }
        }
        if (good.isEmpty()) {
            return new Validation(false, error("prompt_outputs_failed_validation", "Prompt outputs failed validation",
                    String.join("\n", failures)), List.of(), nodeErrors);
        }
        return new Validation(true, null, good, nodeErrors);
    }

    private Result validateInputs(ObjectNode prompt, String id, Map<String, Result> validated, List<String> visiting) {
        if (validated.containsKey(id)) {
            return validated.get(id);
        }
        if (visiting.contains(id)) {
            List<String> cycle = new ArrayList<>(visiting.subList(visiting.indexOf(id), visiting.size()));
            cycle.add(id);
            StringBuilder path = new StringBuilder();
            for (String c : cycle) {
                path.append(path.length() == 0 ? "" : " -> ").append(c).append(" (")
                        .append(prompt.path(c).path("class_type").asText()).append(')');
            }
            for (String c : new LinkedHashSet<>(cycle)) {
                ObjectNode err = error("dependency_cycle", "Dependency cycle detected", path.toString());
                ((ObjectNode) err.get("extra_info")).put("node_id", c);
                validated.put(c, new Result(false, List.of(err)));
            }
            return validated.get(id);
        }
        JsonNode node = prompt.get(id);
        Node def = nodes.get(node.get("class_type").asText());
        JsonNode inputs = node.path("inputs");
        List<ObjectNode> errors = new ArrayList<>();
        boolean valid = true;
        Set<String> declared = new HashSet<>();
        for (Input in : def.inputs) {
            declared.add(in.name);
            JsonNode val = inputs.get(in.name);
            if (val == null) {
                if (in.required) {
                    errors.add(inputError("required_input_missing", "Required input is missing", in.name, in.name, null));
                }
                continue;
            }
            if (val.isArray()) {
                if (val.size() != 2) {
                    errors.add(inputError("bad_linked_input", "Bad linked input, must be a length-2 list of [node_id, "
                            + "slot_index]", in.name, in.name, val));
                    continue;
                }
                String from = val.get(0).asText();
                JsonNode source = prompt.get(from);
                if (source == null || !source.isObject()) {
                    throw new ValidationCrash("KeyError", "'" + from + "'");
                }
                Node sourceDef = nodes.get(source.path("class_type").asText());
                int slot = val.get(1).asInt(-1);
                if (sourceDef == null || slot < 0 || slot >= sourceDef.outputs.size()) {
                    throw new ValidationCrash("IndexError", "tuple index out of range");
                }
                String received = sourceDef.outputs.get(slot);
                if (!typesMatch(received, in.type)) {
                    ObjectNode err = inputError("return_type_mismatch", "Return type mismatch between linked nodes",
                            in.name + ", received_type(" + received + ") mismatch input_type(" + in.type + ")",
                            in.name, null);
                    ((ObjectNode) err.get("extra_info")).put("received_type", received).set("linked_node", val);
                    errors.add(err);
                    continue;
                }
                visiting.add(id);
                Result r = validateInputs(prompt, from, validated, visiting);
                visiting.remove(visiting.size() - 1);
                if (!r.valid) {
                    valid = false;
                }
                continue;
            }
            JsonNode v = val.isObject() && val.has("__value__") ? val.get("__value__") : val;
            Object value;
            try {
                value = convert(v, in.type);
            } catch (IllegalArgumentException ex) {
                errors.add(inputError("invalid_input_type", "Failed to convert an input value to a " + in.type + " value",
                        in.name + ", " + text(v) + ", " + ex.getMessage(), in.name, v));
                continue;
            }
            if (value instanceof BigDecimal number) {
                if (in.min != null && number.compareTo(in.min) < 0) {
                    errors.add(inputError("value_smaller_than_min", "Value " + plain(number) + " smaller than min of "
                            + plain(in.min), in.name, in.name, v));
                    continue;
                }
                if (in.max != null && number.compareTo(in.max) > 0) {
                    errors.add(inputError("value_bigger_than_max", "Value " + plain(number) + " bigger than max of "
                            + plain(in.max), in.name, in.name, v));
                    continue;
                }
            }
            if (in.combo() && !(def.checksImage && in.name.equals("image"))) {
                String s = v.isTextual() ? v.asText() : v.toString();
                if (!in.options.contains(s)) {
                    String list = in.options.size() > 20 ? "(list of length " + in.options.size() + ")"
                            : pythonList(in.options);
                    errors.add(inputError("value_not_in_list", "Value not in list", in.name + ": '" + s + "' not in "
                            + list, in.name, v));
                }
            }
        }
        if (def.checksImage) {
            JsonNode image = inputs.get("image");
            if (image != null && !image.isArray() && !inputFileExists.test(image.asText())) {
                ObjectNode err = error("custom_validation_failed", "Custom validation failed for node",
                        "image - Invalid image file: " + image.asText());
                ((ObjectNode) err.get("extra_info")).put("input_name", "image");
                errors.add(err);
            }
        }
        Result previous = validated.get(id);
        List<ObjectNode> all = new ArrayList<>(previous == null ? List.of() : previous.errors);
        errors.stream().filter(e -> !all.contains(e)).forEach(all::add);
        Result r = new Result((previous == null || previous.valid) && valid && errors.isEmpty(), all);
        validated.put(id, r);
        return r;
    }

    /** {@code validate_node_input}: equal types, "*" on either side, or a comma-separated union containing it. */
    private static boolean typesMatch(String received, String expected) {
        if (expected.equals("COMBO")) {
            return received.equals("COMBO") || received.equals("*");
        }
        if (received.equals(expected) || received.equals("*") || expected.equals("*")) {
            return true;
        }
        Set<String> r = new HashSet<>(Arrays.asList(received.split(",")));
        Set<String> e = new HashSet<>(Arrays.asList(expected.split(",")));
        return e.containsAll(r);
    }

    /** Python's int()/float()/str()/bool() on a JSON value, as validate_inputs applies them. */
    private static Object convert(JsonNode v, String type) {
        switch (type) {
            case "INT" -> {
                if (v.isBoolean()) {
                    return v.asBoolean() ? BigDecimal.ONE : BigDecimal.ZERO;
                }
                if (v.isNumber()) {
                    return v.decimalValue().setScale(0, RoundingMode.DOWN);
                }
                if (v.isTextual() && v.asText().strip().matches("[+-]?\\d+")) {
                    return new BigDecimal(v.asText().strip());
                }
                throw new IllegalArgumentException("invalid literal for int() with base 10: " + text(v));
            }
            case "FLOAT" -> {
                if (v.isBoolean()) {
                    return v.asBoolean() ? BigDecimal.ONE : BigDecimal.ZERO;
                }
                if (v.isNumber()) {
                    return v.decimalValue();
                }
                try {
                    if (v.isTextual()) {
                        return new BigDecimal(v.asText().strip());
                    }
                } catch (NumberFormatException e) {
                    // falls through to Python's message
                }
                throw new IllegalArgumentException("could not convert string to float: " + text(v));
            }
            default -> {
                return v;
            }
        }
    }

    private static String text(JsonNode v) {
        return v.isTextual() ? "'" + v.asText() + "'" : v.toString();
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    private static String pythonList(List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('\'').append(items.get(i)).append('\'');
        }
        return sb.append(']').toString();
    }

    private static ObjectNode error(String type, String message, String details) {
        ObjectNode e = Json.object();
        e.put("type", type);
        e.put("message", message);
        e.put("details", details);
        e.putObject("extra_info");
        return e;
    }

    private static ObjectNode inputError(String type, String message, String details, String input, JsonNode received) {
        ObjectNode e = error(type, message, details);
        ObjectNode extra = (ObjectNode) e.get("extra_info");
        extra.put("input_name", input);
        if (received != null) {
            extra.set("received_value", received);
        }
        return e;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(ObjectNode o) {
        return new ArrayList<>(o.properties());
    }
}
