package io.draftboard.history;

import io.draftboard.generation.Cost;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.RenderKind;
import java.time.Instant;
import java.util.List;

/**
 * One row of history: the request as sent (references by hash), who rendered it, how it ended, what it cost
 * and how long it took. {@code id} is 0 until the row is inserted.
 *
 * @param seed         the seed actually used (the provider's echo wins over the request)
 * @param parentId     for a final, the draft it was rendered from; otherwise null
 * @param errorKind    null unless status is FAILED
 * @param image        null unless status is DONE
 * @param remoteId     the provider's job id, null for the offline engine
 * @param revisedPrompt the provider's rewritten prompt when upsampling was on, else null
 */
public record GenerationRecord(
        long id,
        Instant createdAt,
        String prompt,
        long seed,
        int steps,
        double guidance,
        int width,
        int height,
        OutputFormat outputFormat,
        boolean promptUpsampling,
        int safetyTolerance,
        List<StoredReference> references,
        String providerId,
        String model,
        RenderKind kind,
        Long parentId,
        GenerationStatus status,
        FailureKind errorKind,
        String errorMessage,
        StoredImage image,
        Cost cost,
        long queueMillis,
        long renderMillis,
        int attempts,
        String remoteId,
        String revisedPrompt,
        boolean starred,
        List<String> tags) {

    public GenerationRecord {
        references = List.copyOf(references);
        tags = List.copyOf(tags);
    }

    public GenerationRecord withId(long newId) {
        return new GenerationRecord(newId, createdAt, prompt, seed, steps, guidance, width, height, outputFormat,
                promptUpsampling, safetyTolerance, references, providerId, model, kind, parentId, status, errorKind,
                errorMessage, image, cost, queueMillis, renderMillis, attempts, remoteId, revisedPrompt, starred, tags);
    }

    public GenerationRecord withStarred(boolean newStarred) {
        return new GenerationRecord(id, createdAt, prompt, seed, steps, guidance, width, height, outputFormat,
                promptUpsampling, safetyTolerance, references, providerId, model, kind, parentId, status, errorKind,
                errorMessage, image, cost, queueMillis, renderMillis, attempts, remoteId, revisedPrompt, newStarred,
                tags);
    }

    /**
     * The request this row was rendered from. History keeps references by hash; {@code referenceImages} are
     * those images read back from the image store, in the same order.
     */
    public io.draftboard.generation.GenerationRequest request(List<io.draftboard.generation.Reference> referenceImages) {
        return new io.draftboard.generation.GenerationRequest(prompt, seed, steps, guidance, width, height,
                referenceImages, outputFormat, promptUpsampling, safetyTolerance);
    }
}
