package io.draftboard.generation;

import java.util.Objects;

/**
 * What a provider delivered: the image bytes as the provider encoded them, the seed it actually used (the
 * echoed seed wins over the requested one), and what it said about the job.
 *
 * @param remoteId      the provider's job id, or null for the embedded engine
 * @param revisedPrompt the prompt after server-side upsampling, or null if unchanged
 * @param cost          the provider's own figure, or null when it did not say
 */
public record GenerationResult(
        byte[] image,
        String mediaType,
        long seed,
        int width,
        int height,
        String remoteId,
        String revisedPrompt,
        Cost cost) {

    public GenerationResult {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(mediaType, "mediaType");
    }
}
