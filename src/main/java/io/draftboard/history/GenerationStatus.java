package io.draftboard.history;

/** How a recorded generation ended. */
public enum GenerationStatus {
    DONE, FAILED, CANCELLED
}
