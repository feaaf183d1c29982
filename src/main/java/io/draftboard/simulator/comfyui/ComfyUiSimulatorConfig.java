package io.draftboard.simulator.comfyui;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the ComfyUI stand-in behaves: which model files and nodes it has, how fast it samples, and the faults it
 * can show, so tests and the studio can exercise the real {@code provider.comfyui} without a GPU.
 *
 * @param port          port on 127.0.0.1 (0: any free port)
 * @param stepDelay     extra time per sampling step, so a render is slow enough to watch (and to cancel)
 * @param previewSize   the longest side of preview frames (ComfyUI's {@code --preview-size}, 512 by default)
 * @param models        installed model files by folder under models/ ("diffusion_models", "text_encoders", "vae")
 * @param missingNodes  node classes this server lacks (an older ComfyUI)
 * @param websocket     false: {@code /ws} is refused, as by a proxy that drops websockets
 * @param oomWord       a prompt containing it fails in the sampler with CUDA's out-of-memory error (null: never)
 * @param failWord      a prompt containing it fails in the sampler with a node error (null: never)
 * @param requiredToken every request must carry {@code Authorization: Bearer <token>}, as behind an auth proxy
 */
public record ComfyUiSimulatorConfig(
        int port,
        Duration stepDelay,
        int previewSize,
        Map<String, List<String>> models,
        Set<String> missingNodes,
        boolean websocket,
        String oomWord,
        String failWord,
        String requiredToken) {

    /** ComfyUI's own FLUX.2 [dev] packaging and the [klein] 4B files. */
    public static final Map<String, List<String>> FLUX2_MODELS = Map.of(
            "diffusion_models", List.of("flux2_dev_fp8mixed.safetensors", "flux-2-klein-4b.safetensors"),
            "text_encoders", List.of("mistral_3_small_flux2_bf16.safetensors", "qwen_3_4b.safetensors"),
            "vae", List.of("flux2-vae.safetensors"));

    public ComfyUiSimulatorConfig {
        stepDelay = stepDelay == null ? Duration.ZERO : stepDelay;
        models = Map.copyOf(models);
        missingNodes = Set.copyOf(missingNodes);
    }

    public static ComfyUiSimulatorConfig defaults() {
        return new ComfyUiSimulatorConfig(0, Duration.ofMillis(40), 512, FLUX2_MODELS, Set.of(), true, null, null, null);
    }

    public ComfyUiSimulatorConfig withPort(int p) {
        return new ComfyUiSimulatorConfig(p, stepDelay, previewSize, models, missingNodes, websocket, oomWord, failWord,
                requiredToken);
    }

    public ComfyUiSimulatorConfig withStepDelay(Duration d) {
        return new ComfyUiSimulatorConfig(port, d, previewSize, models, missingNodes, websocket, oomWord, failWord,
                requiredToken);
    }

    public ComfyUiSimulatorConfig withoutWebsocket() {
        return new ComfyUiSimulatorConfig(port, stepDelay, previewSize, models, missingNodes, false, oomWord, failWord,
                requiredToken);
    }

    /** Without {@code file} in any models folder (a model the user has not downloaded). */
    public ComfyUiSimulatorConfig withoutModel(String file) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        models.forEach((folder, files) -> m.put(folder, files.stream().filter(f -> !f.equals(file)).toList()));
        return new ComfyUiSimulatorConfig(port, stepDelay, previewSize, m, missingNodes, websocket, oomWord, failWord,
                requiredToken);
    }

    public ComfyUiSimulatorConfig withoutNode(String classType) {
        java.util.Set<String> missing = new java.util.HashSet<>(missingNodes);
        missing.add(classType);
        return new ComfyUiSimulatorConfig(port, stepDelay, previewSize, models, missing, websocket, oomWord, failWord,
                requiredToken);
    }

    public ComfyUiSimulatorConfig withFaults(String oom, String fail) {
        return new ComfyUiSimulatorConfig(port, stepDelay, previewSize, models, missingNodes, websocket, oom, fail,
                requiredToken);
    }

    public ComfyUiSimulatorConfig withToken(String token) {
        return new ComfyUiSimulatorConfig(port, stepDelay, previewSize, models, missingNodes, websocket, oomWord,
                failWord, token);
    }
}
