package io.draftboard.simulator.comfyui;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The values that flow along a graph's links while the stand-in executes it: ComfyUI's CONDITIONING, GUIDER,
 * LATENT and IMAGE, reduced to what the offline engine needs. (MODEL, CLIP, VAE, SAMPLER are plain strings, NOISE
 * a long, SIGMAS the step count.)
 */
final class NodeValues {
    private NodeValues() {
    }

    /** A prompt's text, its FLUX guidance (null: the default) and its reference images. */
    record Cond(String text, Double guidance, List<Img> references) {
    }

    record Guider(Cond positive, Double cfg) {
    }

    /** A latent's size, and its picture once sampled or encoded (null for an empty latent). */
    record Latent(int width, int height, BufferedImage image) {
    }

    /** A picture, with the bytes and type it was uploaded as (both null if a node made it). */
    record Img(BufferedImage image, byte[] bytes, String mediaType) {
    }
}
