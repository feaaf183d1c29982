package io.draftboard.ui.studio;

import io.draftboard.generation.DraftSize;
import io.draftboard.generation.ModelLimits;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * What the editor remembers about itself: the state a recall replaced (Ctrl+Z and "Undo recall" put it back
 * until the designer edits on their own), and a session restored at start, which is not an edit and so sends
 * nothing until the designer edits or asks (on a paid provider a restored prompt must not spend money by itself).
 */
public final class EditorMemory {
    private final EditorModel editor;
    private final ReadOnlyObjectWrapper<EditorState> beforeRecall = new ReadOnlyObjectWrapper<>();
    private boolean restoredQuietly;

    EditorMemory(EditorModel editor) {
        this.editor = editor;
        // The designer's own edit makes the recall theirs: Ctrl+Z is the prompt's text undo again.
        editor.onOwnEdit(() -> {
            beforeRecall.set(null);
            restoredQuietly = false;
        });
    }

    /** The editor as it is now, references included. */
    public EditorState snapshot() {
        return new EditorState(editor.promptProperty().get(), List.copyOf(editor.references().items()),
                editor.widthProperty().get(), editor.heightProperty().get(), editor.currentSeed(),
                editor.seedLockedProperty().get(), editor.guidanceProperty().get(),
                editor.finalStepsProperty().get(), editor.providerProperty().get().info().id(),
                editor.outputFormatProperty().get(), editor.promptUpsamplingProperty().get(),
                editor.liveDraftsProperty().get());
    }

    /**
     * Recall: every parameter of an earlier render back in the editor, its seed locked. Null fields were not
     * recorded and leave the editor's value alone. What it replaces is kept for {@link #undoRecall}.
     */
    void recall(Recalled r) {
        EditorState before = snapshot();
        editor.quietly(() -> {
            editor.promptProperty().set(r.prompt());
            if (r.width() != null && r.height() != null && r.width() > 0 && r.height() > 0) {
                // Other tools' sizes need not be on FLUX.2's grid: snap to multiples of 16 within 4 MP.
                int w = Math.max(ModelLimits.MIN_SIDE, Math.round(r.width() / 16f) * 16);
                int h = Math.max(ModelLimits.MIN_SIDE, Math.round(r.height() / 16f) * 16);
                var fitted = DraftSize.within(w, h, ModelLimits.MAX_PIXELS);
                editor.widthProperty().set(fitted.width());
                editor.heightProperty().set(fitted.height());
            }
            if (r.guidance() != null) {
                editor.guidanceProperty().set(Math.max(ModelLimits.MIN_GUIDANCE,
                        Math.min(ModelLimits.MAX_GUIDANCE, r.guidance())));
            }
            if (r.finalSteps() != null) {
                editor.finalStepsProperty().set(Math.max(ModelLimits.MIN_STEPS,
                        Math.min(ModelLimits.MAX_STEPS, r.finalSteps())));
            }
            if (r.outputFormat() != null) {
                editor.outputFormatProperty().set(r.outputFormat());
            }
            if (r.promptUpsampling() != null) {
                editor.promptUpsamplingProperty().set(r.promptUpsampling());
            }
            if (r.providerId() != null) {
                editor.providers().stream().filter(p -> p.info().id().equals(r.providerId())).findFirst()
                        .ifPresent(editor.providerProperty()::set);
            }
            if (r.references() != null) {
                editor.references().replaceAll(r.references());
            }
        });
        if (r.seed() != null) {
            editor.lockSeed(r.seed());
        }
        editor.edited();
        beforeRecall.set(before); // after recall's own edit, which forgets any earlier recall
    }

    /** Ctrl+Z after a recall: the prompt, references and parameters it replaced come back. */
    public boolean undoRecall() {
        EditorState before = beforeRecall.get();
        if (before == null) {
            return false;
        }
        editor.quietly(() -> fill(before));
        editor.edited(); // taking a recall back is the designer's edit: a draft follows as for any other
        return true;
    }

    /** What the last recall replaced while it can still be undone, else null. */
    public ReadOnlyObjectProperty<EditorState> beforeRecallProperty() {
        return beforeRecall.getReadOnlyProperty();
    }

    /**
     * Puts a saved session back without sending anything: restoring is not an edit. {@link #sendRestored}
     * sends it when wanted (a free engine drafts at once; "Draft now" on a paid one).
     */
    public void restore(EditorState state) {
        editor.quietly(() -> fill(state));
        restoredQuietly = true;
    }

    /** Whether the editor holds a restored session nothing has been sent for yet. */
    public boolean restoredQuietly() {
        return restoredQuietly;
    }

    /** A restored editor's request goes to the scheduler now, once. */
    public void sendRestored() {
        if (restoredQuietly) {
            restoredQuietly = false;
            editor.sendToScheduler();
        }
    }

    private void fill(EditorState s) {
        editor.providers().stream().filter(p -> p.info().id().equals(s.providerId())).findFirst()
                .ifPresent(editor.providerProperty()::set);
        editor.promptProperty().set(s.prompt());
        editor.widthProperty().set(s.width());
        editor.heightProperty().set(s.height());
        editor.guidanceProperty().set(s.guidance());
        editor.finalStepsProperty().set(s.finalSteps());
        if (s.outputFormat() != null) {
            editor.outputFormatProperty().set(s.outputFormat());
        }
        editor.promptUpsamplingProperty().set(s.promptUpsampling());
        editor.references().replaceAll(s.references());
        editor.lockSeed(s.seed());
        editor.seedLockedProperty().set(s.seedLocked());
        editor.liveDraftsProperty().set(s.liveDrafts());
    }
}
