package io.draftboard.simulator.comfyui;

import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.JobCancelledException;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ModelLimits;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.Reference;
import io.draftboard.generation.Seeds;
import io.draftboard.imaging.ContentHash;
import io.draftboard.imaging.ImageCodec;
import io.draftboard.imaging.PngWriter;
import io.draftboard.provider.offline.OfflineProvider;
import io.draftboard.simulator.comfyui.NodeValues.Guider;
import io.draftboard.simulator.comfyui.NodeValues.Img;
import io.draftboard.simulator.comfyui.NodeValues.Latent;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sampler nodes' work: FLUX.2 on a GPU in ComfyUI, the offline engine here, step by step. The graph's values
 * become a {@link GenerationRequest} within the model's limits; the configured fault words fail the node as CUDA
 * or a mismatched text encoder would; each step waits the configured delay, cut short by an interrupt.
 */
final class OfflineSampler {
    private final OfflineProvider engine = new OfflineProvider();
    private final ComfyUiSimulatorConfig config;
    private final InterruptFlag interrupt;

    OfflineSampler(ComfyUiSimulatorConfig config, InterruptFlag interrupt) {
        this.config = config;
        this.interrupt = interrupt;
    }

    /** Samples {@code latent}; {@code onStep} hears each step (progress, previews) before the step's delay. */
    Latent sample(String nodeId, long seed, Guider guider, int steps, Latent latent,
            OfflineProvider.StepObserver onStep) throws ExecutionInterrupted, NodeFailure {
        String prompt = guider.positive().text();
        failOnFaultWords(nodeId, prompt.toLowerCase(Locale.ROOT));
        int w = side(latent.width());
        int h = side(latent.height());
        while ((long) w * h > ModelLimits.MAX_PIXELS) {
            w = side(w * 3 / 4);
            h = side(h * 3 / 4);
        }
        Double g = guider.positive().guidance();
        double guidance = Math.max(ModelLimits.MIN_GUIDANCE, Math.min(ModelLimits.MAX_GUIDANCE,
                g != null ? g : ModelLimits.DEFAULT_GUIDANCE));
        GenerationRequest request = new GenerationRequest(prompt.isBlank() ? "an empty canvas" : prompt,
                seed & Seeds.MAX, Math.max(1, Math.min(ModelLimits.MAX_STEPS, steps)), guidance, w, h,
                references(guider.positive().references()), OutputFormat.PNG, false,
                ModelLimits.DEFAULT_SAFETY_TOLERANCE);
        BufferedImage[] last = new BufferedImage[1];
        try {
            engine.generate(request, cancelledBy(interrupt), (step, of, current) -> {
                if (interrupt.isRaised()) {
                    throw new JobCancelledException();
                }
                last[0] = current;
                onStep.step(step, of, current);
                interrupt.pauseFor(config.stepDelay());
            });
        } catch (JobCancelledException e) {
            throw new ExecutionInterrupted(nodeId);
        } catch (ProviderException | RuntimeException e) {
            throw new NodeFailure(nodeId, "RuntimeError", String.valueOf(e.getMessage()));
        }
        if (interrupt.isRaised()) {
            throw new ExecutionInterrupted(nodeId);
        }
        return new Latent(w, h, last[0]);
    }

    private void failOnFaultWords(String nodeId, String lower) throws NodeFailure {
        if (config.oomWord() != null && lower.contains(config.oomWord().toLowerCase(Locale.ROOT))) {
            throw new NodeFailure(nodeId, "torch.OutOfMemoryError", "Allocation on device \nThis error means you ran "
                    + "out of memory on your GPU.\n\nTIPS: If the workflow worked before you might have "
                    + "accidentally set the batch_size to a large number.");
        }
        if (config.failWord() != null && lower.contains(config.failWord().toLowerCase(Locale.ROOT))) {
            throw new NodeFailure(nodeId, "RuntimeError", "mat1 and mat2 shapes cannot be multiplied (512x3072 and "
                    + "15360x3072)\n\nTIPS: If you have any \"Load CLIP\" or \"*CLIP Loader\" nodes in your workflow "
                    + "connected to this sampler node make sure the correct file(s) and type is selected.");
        }
    }

    /** The conditioning's reference images, as many as the model takes, in the bytes they came as (else PNG). */
    private static List<Reference> references(List<Img> images) {
        List<Reference> refs = new ArrayList<>();
        for (Img ref : images) {
            if (refs.size() == ModelLimits.MAX_REFERENCES) {
                break;
            }
            byte[] png = ref.bytes() != null ? ref.bytes() : PngWriter.encode(ref.image(), List.of());
            refs.add(new Reference(ContentHash.sha256(png), ref.mediaType() != null ? ref.mediaType()
                    : ImageCodec.PNG, ref.image().getWidth(), ref.image().getHeight(), png));
        }
        return refs;
    }

    private static JobContext cancelledBy(InterruptFlag interrupt) {
        return new JobContext() {
            @Override
            public void progress(double fraction) {
            }

            @Override
            public boolean isCancelled() {
                return interrupt.isRaised();
            }

            @Override
            public void onCancel(Runnable action) {
            }
        };
    }

    private static int side(int v) {
        return Math.max(ModelLimits.MIN_SIDE, v / ModelLimits.SIDE_MULTIPLE * ModelLimits.SIDE_MULTIPLE);
    }
}
