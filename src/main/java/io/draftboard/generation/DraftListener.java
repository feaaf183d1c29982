package io.draftboard.generation;

/** What the preview hears from the {@link DraftScheduler}, in the order it decided, never under its lock. */
public interface DraftListener {
    void stateChanged(DraftState state, String message);

    void draftShown(ShownDraft draft);

    default void draftProgress(double fraction) {
    }

    /**
     * An intermediate picture of the draft in flight (JPEG, PNG or BMP bytes, the provider's own array): step
     * {@code step} of {@code of}. Only the current draft's frames are passed on, in order with its other events,
     * so a frame never follows its own finished image nor belongs to a draft the editor has moved on from.
     */
    default void draftPreview(byte[] image, int step, int of) {
    }

    /**
     * A paid draft landed after a newer one was shown: it is kept (in history, and shown again if the editor
     * comes back to it) but not put over the newer one.
     */
    default void draftSuperseded(ShownDraft draft) {
    }

    /** Live drafts were paused or resumed, by the user or by the {@link DraftAdmission} (a spent budget). */
    default void pausedChanged(boolean paused) {
    }
}
