package io.draftboard.generation;

/** What the preview shows relative to what the editor holds. */
public enum DraftState {
    /** Nothing requested yet. */
    IDLE,
    /** The editor changed since the preview; a draft will fire when typing pauses. */
    STALE,
    /** A draft is waiting for a worker or a provider slot. */
    QUEUED,
    RENDERING,
    /** The preview matches the editor. */
    READY,
    /** The latest draft failed; the message says why. */
    FAILED
}
