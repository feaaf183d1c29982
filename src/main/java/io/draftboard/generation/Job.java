package io.draftboard.generation;

import java.util.Objects;

/**
 * A render to run: what, on which provider, as a draft or a final, and for a final the history id of the
 * draft it came from.
 */
public record Job(GenerationRequest request, Provider provider, RenderKind kind, Long parentId) {
    public Job {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(kind, "kind");
    }

    public static Job draft(GenerationRequest request, Provider provider) {
        return new Job(request, provider, RenderKind.DRAFT, null);
    }
}
