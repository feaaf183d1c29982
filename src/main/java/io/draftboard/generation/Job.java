package io.draftboard.generation;

import java.util.Objects;

/**
 * A render to run: what, on which provider, as a draft or a final, for a final the history id of the draft
 * it came from, and for a job resumed after a crash where the provider has it (null for a new job).
 */
public record Job(GenerationRequest request, Provider provider, RenderKind kind, Long parentId, Resumption resumption) {
    public Job {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(kind, "kind");
    }

    public Job(GenerationRequest request, Provider provider, RenderKind kind, Long parentId) {
        this(request, provider, kind, parentId, null);
    }

    public static Job draft(GenerationRequest request, Provider provider) {
        return new Job(request, provider, RenderKind.DRAFT, null);
    }
}
