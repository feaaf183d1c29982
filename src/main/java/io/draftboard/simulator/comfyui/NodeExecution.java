package io.draftboard.simulator.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.imaging.ImageCodec;
import io.draftboard.imaging.ImageDecodeException;
import io.draftboard.imaging.ImageInfo;
import io.draftboard.imaging.PngWriter;
import io.draftboard.imaging.Resize;
import io.draftboard.json.Json;
import io.draftboard.simulator.comfyui.NodeValues.Cond;
import io.draftboard.simulator.comfyui.NodeValues.Guider;
import io.draftboard.simulator.comfyui.NodeValues.Img;
import io.draftboard.simulator.comfyui.NodeValues.Latent;
import java.awt.image.BufferedImage;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One prompt's execution, as ComfyUI's {@code PromptExecutor.execute} runs it: each output node's inputs are
 * evaluated first (each node once), {@code executing} / {@code progress} / {@code executed} go to the prompt's
 * client, and what the history will hold is gathered: the UI outputs, each node's meta, the status messages.
 */
final class NodeExecution {
    private final QueueItem item;
    private final String sid;
    private final int epoch;
    private final ClientSockets sockets;
    private final ComfyFolders folders;
    private final OfflineSampler sampler;
    private final InterruptFlag interrupt;
    private final Map<String, Object[]> outputs = new LinkedHashMap<>();
    final ArrayNode messages = Json.MAPPER.createArrayNode();
    final List<String> executed = new ArrayList<>();
    final ObjectNode ui = Json.object();
    final ObjectNode meta = Json.object();

    NodeExecution(PromptQueue.Claimed claimed, ClientSockets sockets, ComfyFolders folders, OfflineSampler sampler,
            InterruptFlag interrupt) {
        this.item = claimed.item();
        this.sid = item.clientId();
        this.epoch = claimed.epoch();
        this.sockets = sockets;
        this.folders = folders;
        this.sampler = sampler;
        this.interrupt = interrupt;
    }

    /** PromptExecutor.add_message: recorded for the history, sent to the client (or all, if broadcast). */
    void add(String event, ObjectNode data, boolean broadcast) {
        data.put("timestamp", System.currentTimeMillis());
        ArrayNode m = messages.addArray();
        m.add(event);
        m.add(data);
        if (sid != null || broadcast) {
            sockets.send(event, data, sid, epoch);
        }
    }

    private void sendToClient(String event, ObjectNode data) {
        if (sid != null) {
            sockets.send(event, data, sid, epoch);
        }
    }

    /** The outputs of node {@code id}, running it (and what it links to) unless it already ran. */
    Object[] eval(String id) throws ExecutionInterrupted, NodeFailure {
        Object[] done = outputs.get(id);
        if (done != null) {
            return done;
        }
        ObjectNode node = (ObjectNode) item.prompt().get(id);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> in : new ArrayList<>(node.path("inputs").properties())) {
            JsonNode v = in.getValue();
            if (v.isArray() && v.size() == 2) {
                values.put(in.getKey(), eval(v.get(0).asText())[v.get(1).asInt()]);
            } else {
                values.put(in.getKey(), v.isObject() && v.has("__value__") ? v.get("__value__") : v);
            }
        }
        if (interrupt.isRaised()) {
            throw new ExecutionInterrupted(id); // before_node_execution
        }
        sockets.executing(id);
        sendToClient("executing", Json.object().put("node", id).put("display_node", id).put("prompt_id",
                item.promptId()));
        Object[] out = run(id, node.get("class_type").asText(), values);
        outputs.put(id, out);
        executed.add(id);
        return out;
    }

    private Object[] run(String id, String cls, Map<String, Object> in) throws ExecutionInterrupted, NodeFailure {
        return switch (cls) {
            case "UNETLoader" -> new Object[] {"MODEL " + text(in, "unet_name")};
            case "CLIPLoader" -> new Object[] {"CLIP " + text(in, "clip_name")};
            case "VAELoader" -> new Object[] {"VAE " + text(in, "vae_name")};
            case "CLIPTextEncode" -> new Object[] {new Cond(text(in, "text"), null, List.of())};
            case "FluxGuidance" -> {
                Cond c = (Cond) in.get("conditioning");
                yield new Object[] {new Cond(c.text(), number(in, "guidance"), c.references())};
            }
            case "ConditioningZeroOut" -> {
                Cond c = (Cond) in.get("conditioning");
                yield new Object[] {new Cond("", c.guidance(), c.references())};
            }
            case "ReferenceLatent" -> {
                Cond c = (Cond) in.get("conditioning");
                Latent l = (Latent) in.get("latent");
                List<Img> refs = new ArrayList<>(c.references());
                if (l != null && l.image() != null) {
                    refs.add(new Img(l.image(), null, null));
                }
                yield new Object[] {new Cond(c.text(), c.guidance(), refs)};
            }
            case "EmptyFlux2LatentImage" -> new Object[] {new Latent((int) number(in, "width"),
                    (int) number(in, "height"), null)};
            case "Flux2Scheduler" -> new Object[] {(int) number(in, "steps")};
            case "KSamplerSelect" -> new Object[] {"SAMPLER " + text(in, "sampler_name")};
            case "RandomNoise" -> new Object[] {seed(in.get("noise_seed"))};
            case "BasicGuider" -> new Object[] {new Guider((Cond) in.get("conditioning"), null)};
            case "CFGGuider" -> new Object[] {new Guider((Cond) in.get("positive"), number(in, "cfg"))};
            case "SamplerCustomAdvanced" -> {
                Latent l = sample(id, (Long) in.get("noise"), (Guider) in.get("guider"), (Integer) in.get("sigmas"),
                        (Latent) in.get("latent_image"));
                yield new Object[] {l, l};
            }
            case "KSampler" -> new Object[] {sample(id, seed(in.get("seed")),
                    new Guider((Cond) in.get("positive"), number(in, "cfg")), (int) number(in, "steps"),
                    (Latent) in.get("latent_image"))};
            case "VAEDecode" -> new Object[] {new Img(((Latent) in.get("samples")).image(), null, null)};
            case "VAEEncode" -> {
                Img img = (Img) in.get("pixels");
                yield new Object[] {new Latent(img.image().getWidth(), img.image().getHeight(), img.image())};
            }
            case "LoadImage" -> new Object[] {loadImage(id, text(in, "image")), null};
            case "ImageScaleToTotalPixels" -> {
                Img img = (Img) in.get("image");
                long budget = Math.round(number(in, "megapixels") * 1024 * 1024);
                BufferedImage scaled = Resize.toPixelBudget(img.image(), budget);
                yield new Object[] {scaled == img.image() ? img : new Img(scaled, null, null)};
            }
            case "SaveImage", "PreviewImage" -> {
                save(id, cls, (Img) in.get("images"), cls.equals("SaveImage") ? text(in, "filename_prefix") : null);
                yield new Object[0];
            }
            default -> throw new NodeFailure(id, "NotImplementedError", "the stand-in cannot run " + cls);
        };
    }

    /** The sampler, telling the client each step's progress and, if it has a socket, a preview frame. */
    private Latent sample(String id, long seed, Guider guider, int steps, Latent latent)
            throws ExecutionInterrupted, NodeFailure {
        return sampler.sample(id, seed, guider, steps, latent, (step, of, current) -> {
            ObjectNode progress = Json.object();
            progress.put("value", step).put("max", of).put("prompt_id", item.promptId()).put("node", id);
            sendToClient("progress", progress);
            if (sid != null) {
                sockets.sendPreview(sid, epoch, current);
            }
        });
    }

    private Img loadImage(String id, String name) throws NodeFailure {
        byte[] bytes = folders.get("input", name);
        if (bytes == null) {
            throw new NodeFailure(id, "FileNotFoundError", "[Errno 2] No such file or directory: '" + name + "'");
        }
        try {
            ImageInfo info = ImageCodec.probe(bytes);
            return new Img(ImageCodec.decode(bytes), bytes, info.mediaType());
        } catch (ImageDecodeException e) {
            throw new NodeFailure(id, "PIL.UnidentifiedImageError", "cannot identify image file '" + name + "'");
        }
    }

    private void save(String id, String cls, Img img, String prefix) {
        byte[] png = PngWriter.encode(img.image(), List.of());
        String type = cls.equals("SaveImage") ? "output" : "temp";
        String name = folders.save(type, prefix, id, png);
        ObjectNode output = Json.object();
        output.putArray("images").addObject().put("filename", name).put("subfolder", "").put("type", type);
        ui.set(id, output);
        meta.putObject(id).put("node_id", id).put("display_node", id).putNull("parent_node").put("real_node_id", id);
        ObjectNode executedMessage = Json.object();
        executedMessage.put("node", id).put("display_node", id).set("output", output);
        executedMessage.put("prompt_id", item.promptId());
        sendToClient("executed", executedMessage);
    }

    private static String text(Map<String, Object> in, String name) {
        Object v = in.get(name);
        return v instanceof JsonNode n ? (n.isTextual() ? n.asText() : n.toString()) : String.valueOf(v);
    }

    private static double number(Map<String, Object> in, String name) {
        Object v = in.get(name);
        return v instanceof JsonNode n ? (n.isTextual() ? Double.parseDouble(n.asText()) : n.asDouble()) : 0;
    }

    private static long seed(Object v) {
        if (v instanceof JsonNode n) {
            BigInteger b = n.isTextual() ? new BigInteger(n.asText().strip()) : n.bigIntegerValue();
            return b.longValue();
        }
        return 0;
    }
}
