package io.draftboard.ui.history;

import io.draftboard.history.GenerationRecord;

/** What the history browser asks of the rest of the studio. */
public interface HistoryActions {
    /** Puts every parameter of {@code record} back in the editor. */
    void recall(GenerationRecord record);

    /** Renders {@code record}'s request again, exactly (same steps, seed and references). */
    void rerun(GenerationRecord record);

    /** Shows {@code record} in the preview. */
    void open(GenerationRecord record);

    /** Compares two renders side by side (A left, B right). */
    void compare(GenerationRecord a, GenerationRecord b);
}
