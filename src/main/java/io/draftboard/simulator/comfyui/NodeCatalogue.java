package io.draftboard.simulator.comfyui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.json.Json;
import io.draftboard.simulator.comfyui.NodeClass.Input;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node classes the ComfyUI stand-in knows (FLUX.2's loaders, conditioning, samplers, image nodes), described
 * as ComfyUI describes them in {@code /object_info}; {@link WorkflowValidator} checks prompts against them.
 */
final class NodeCatalogue {
    static final BigInteger MAX_SEED = new BigInteger("18446744073709551615");
    static final int MAX_RESOLUTION = 16384;

    private final Map<String, NodeClass> nodes = new LinkedHashMap<>();

    /**
     * @param models     installed model files by folder ("diffusion_models", "text_encoders", "vae")
     * @param missing    node classes this server lacks (an older ComfyUI, a custom node not installed)
     * @param inputFiles the input folder's files, as LoadImage lists them ("draftboard/a.png")
     */
    NodeCatalogue(Map<String, List<String>> models, Set<String> missing, List<String> inputFiles) {
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
        add(node("SamplerCustomAdvanced", "SamplerCustomAdvanced", "sampling/custom_sampling", false,
                io("noise", "NOISE"), io("guider", "GUIDER"), io("sampler", "SAMPLER"), io("sigmas", "SIGMAS"),
                io("latent_image", "LATENT")).outputs("LATENT", "LATENT").withOutputNames("output", "denoised_output"));
        add(node("KSampler", "KSampler", "sampling", false, io("model", "MODEL"),
                new Input("seed", "INT", null, BigDecimal.ZERO, new BigDecimal(MAX_SEED), 0, true),
                number("steps", "INT", 20, 1, 10000), number("cfg", "FLOAT", 8.0, 0, 100),
                combo("sampler_name", samplers), combo("scheduler", schedulers), io("positive", "CONDITIONING"),
                io("negative", "CONDITIONING"), io("latent_image", "LATENT"), number("denoise", "FLOAT", 1.0, 0, 1))
                .outputs("LATENT"));
        add(node("VAEDecode", "VAE Decode", "latent", false, io("samples", "LATENT"), io("vae", "VAE")).outputs("IMAGE"));
        add(node("VAEEncode", "VAE Encode", "latent", false, io("pixels", "IMAGE"), io("vae", "VAE")).outputs("LATENT"));
        add(node("LoadImage", "Load Image", "image", false, combo("image", inputFiles)).outputs("IMAGE", "MASK")
                .checkingImage());
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

        NodeClass outputs(String... types) {
            return new NodeClass(name, display, category, inputs, List.of(types), List.of(types), output, false);
        }
    }

    private static Builder node(String name, String display, String category, boolean output, Input... inputs) {
        return new Builder(name, display, category, output, Arrays.asList(inputs));
    }

    private void add(NodeClass n) {
        nodes.put(n.name(), n);
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
        return new Input(in.name(), in.type(), in.options(), in.min(), in.max(), in.defaultValue(), false);
    }

    NodeClass get(String classType) {
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
        NodeClass n = nodes.get(classType);
        if (n != null) {
            out.set(classType, info(n));
        }
        return out;
    }

    private static ObjectNode info(NodeClass n) {
        ObjectNode info = Json.object();
        ObjectNode input = info.putObject("input");
        ObjectNode order = info.putObject("input_order");
        for (Input in : n.inputs()) {
            String part = in.required() ? "required" : "optional";
            ObjectNode section = input.has(part) ? (ObjectNode) input.get(part) : input.putObject(part);
            ArrayNode spec = section.putArray(in.name());
            ObjectNode opts = Json.object();
            if (in.combo()) {
                ArrayNode list = spec.addArray();
                in.options().forEach(list::add);
            } else {
                spec.add(in.type());
            }
            if (in.defaultValue() instanceof Long l) {
                opts.put("default", l);
            } else if (in.defaultValue() instanceof Double d) {
                opts.put("default", d);
            } else if (in.defaultValue() instanceof String s) {
                opts.put("default", s);
            }
            if (in.min() != null) {
                opts.put("min", in.min());
            }
            if (in.max() != null) {
                opts.put("max", in.max());
            }
            if (!opts.isEmpty()) {
                spec.add(opts);
            }
            (order.has(part) ? (ArrayNode) order.get(part) : order.putArray(part)).add(in.name());
        }
        ArrayNode outputs = info.putArray("output");
        n.outputs().forEach(outputs::add);
        ArrayNode isList = info.putArray("output_is_list");
        n.outputs().forEach(o -> isList.add(false));
        ArrayNode names = info.putArray("output_name");
        n.outputNames().forEach(names::add);
        info.put("name", n.name());
        info.put("display_name", n.displayName());
        info.put("description", "");
        info.put("python_module", "nodes");
        info.put("category", n.category());
        info.put("output_node", n.outputNode());
        return info;
    }
}
