package io.draftboard.generation;

/** The draft on screen: the exact request (draft steps, locked seed), its image, and its history row. */
public record ShownDraft(GenerationRequest request, GenerationResult result, long generationId, Timings timings) {
}
