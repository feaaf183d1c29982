package io.draftboard.provider.offline;

import io.draftboard.generation.Cost;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ModelLimits;
import io.draftboard.generation.Provider;
import io.draftboard.generation.ProviderCapabilities;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.ProviderInfo;
import io.draftboard.generation.Reference;
import io.draftboard.imaging.BmpWriter;
import io.draftboard.imaging.ImageCodec;
import io.draftboard.imaging.ImageDecodeException;
import io.draftboard.imaging.PngWriter;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded engine and the default provider: renders on this machine, free, offline and reproducible
 * (same request, same PNG bytes). It reads colours, subjects, layout and quoted text from the prompt,
 * composites references, and samples step by step so the quality slider really trades time for detail.
 * It is not FLUX, and the UI says so.
 */
public final class OfflineProvider implements Provider {
    public static final String ID = "offline";
    public static final String MODEL = "draftboard-procedural-1";

    private final ProviderInfo info = new ProviderInfo(ID, "Offline engine", MODEL,
            new ProviderCapabilities(ModelLimits.MAX_REFERENCES, true, true, ModelLimits.MIN_SIDE, 4096,
                    ModelLimits.MIN_STEPS, Math.max(1, Runtime.getRuntime().availableProcessors())));

    @Override
    public ProviderInfo info() {
        return info;
    }

    /** Sees each step's intermediate picture, the way a flow model's sampler callback would. */
    @FunctionalInterface
    public interface StepObserver {
        /** Step {@code step} of {@code of} is done; {@code current} is the sampler's state, the caller's to keep. */
        void step(int step, int of, BufferedImage current);
    }

    @Override
    public GenerationResult generate(GenerationRequest request, JobContext context) throws ProviderException {
        return generate(request, context, null);
    }

    /**
     * Renders as {@link #generate(GenerationRequest, JobContext)} does, handing each step's intermediate picture
     * to {@code observer} (the ComfyUI simulator turns them into preview frames). Same bytes either way.
     */
    public GenerationResult generate(GenerationRequest request, JobContext context, StepObserver observer)
            throws ProviderException {
        context.checkCancelled();
        List<BufferedImage> references = new ArrayList<>();
        int number = 1;
        for (Reference ref : request.references()) {
            try {
                references.add(ImageCodec.decode(ref.bytes()));
            } catch (ImageDecodeException e) {
                throw new ProviderException(FailureKind.INVALID_REQUEST,
                        "reference image " + number + " cannot be read: " + e.getMessage());
            }
            number++;
        }
        SceneSpec scene = SceneSpec.read(request.prompt());
        BufferedImage target = SceneRenderer.render(scene, request.seed(), request.width(), request.height(), references);
        BufferedImage image = FlowSampler.sample(target, request.seed(), request.steps(), contrast(request.guidance()),
                context, observer, new StepFrames(context, System::nanoTime));
        context.checkCancelled();
        // Pixels first: the finished picture goes to the preview as its last frame, uncompressed (a few ms to
        // write and to read), before the PNG the job stores is even encoded (~100 ms at 1 MP); the landed
        // draft then shows the same pixels with its caption.
        context.preview(BmpWriter.encode(image), request.steps(), request.steps());
        byte[] png = PngWriter.encode(image, List.of());
        return new GenerationResult(png, ImageCodec.PNG, request.seed(), request.width(), request.height(), null, null,
                Cost.FREE);
    }

    /** Guidance as contrast: 1 at the default 5, flatter below, punchier above. */
    static float contrast(double guidance) {
        return (float) (0.75 + guidance * 0.05);
    }

    /** The clean picture the sampler converges to (tests compare outputs against it). */
    static BufferedImage target(GenerationRequest request, List<BufferedImage> references) {
        return SceneRenderer.render(SceneSpec.read(request.prompt()), request.seed(), request.width(), request.height(),
                references);
    }

    @Override
    public Cost estimateCost(GenerationRequest request) {
        return Cost.FREE;
    }
}
