package io.draftboard.simulator.comfyui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.json.Json;
import io.draftboard.simulator.socket.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** What the server says about itself: {@code /object_info}, {@code /models}, {@code /system_stats}. */
final class ServerInfoRoutes {
    private static final List<String> MODEL_FOLDERS = List.of("checkpoints", "loras", "vae", "text_encoders",
            "diffusion_models", "clip_vision", "controlnet", "upscale_models", "embeddings");

    private final Map<String, List<String>> models;
    private final Supplier<NodeCatalogue> catalogue;

    ServerInfoRoutes(Map<String, List<String>> models, Supplier<NodeCatalogue> catalogue) {
        this.models = models;
        this.catalogue = catalogue;
    }

    Response objectInfo() {
        return ComfyRoutes.json(200, catalogue.get().objectInfo());
    }

    Response objectInfo(String classType) {
        return ComfyRoutes.json(200, catalogue.get().objectInfo(classType));
    }

    Response modelFolders() {
        ArrayNode a = Json.MAPPER.createArrayNode();
        MODEL_FOLDERS.forEach(a::add);
        return ComfyRoutes.json(200, a);
    }

    /** The files of one models folder; 404 for a folder ComfyUI does not have. */
    Response models(String folder) {
        if (!MODEL_FOLDERS.contains(folder)) {
            return Response.empty(404);
        }
        ArrayNode a = Json.MAPPER.createArrayNode();
        models.getOrDefault(folder, List.of()).forEach(a::add);
        return ComfyRoutes.json(200, a);
    }

    Response systemStats() {
        ObjectNode out = Json.object();
        ObjectNode system = out.putObject("system");
        system.put("os", System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT));
        system.put("ram_total", Runtime.getRuntime().maxMemory());
        system.put("ram_free", Runtime.getRuntime().freeMemory());
        system.put("comfyui_version", "(Draftboard stand-in)");
        system.put("python_version", "none: the offline engine renders");
        system.putArray("argv").add("draftboard").add("simulate").add("--comfyui");
        ArrayNode devices = out.putArray("devices");
        devices.addObject().put("name", "offline engine (no GPU)").put("type", "cpu").put("index", 0)
                .put("vram_total", 0).put("vram_free", 0).put("torch_vram_total", 0).put("torch_vram_free", 0);
        return ComfyRoutes.json(200, out);
    }
}
