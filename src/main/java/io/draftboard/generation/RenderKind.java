package io.draftboard.generation;

/** Whether a render is a quick draft or the final it was promoted to. */
public enum RenderKind {
    DRAFT, FINAL
}
