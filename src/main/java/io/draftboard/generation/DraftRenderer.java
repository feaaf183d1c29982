package io.draftboard.generation;

/** Starts a render for the {@link DraftScheduler}. Production code submits to the {@link JobRunner}; tests complete handles by hand. */
@FunctionalInterface
public interface DraftRenderer {
    JobHandle render(GenerationRequest request, RenderKind kind, Long parentId, JobListener listener);
}
