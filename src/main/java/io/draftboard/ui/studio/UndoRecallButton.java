package io.draftboard.ui.studio;

import io.draftboard.ui.help.Hint;
import javafx.scene.control.Button;
import javafx.scene.layout.Region;

/**
 * "Undo recall" beside the preview's message while a recall can be taken back: a recall replaces the prompt
 * the designer was writing, so the way back is on screen, not only behind Ctrl+Z.
 */
final class UndoRecallButton extends Button {

    UndoRecallButton(EditorMemory memory, PreviewModel preview) {
        super("Undo recall");
        setId("undoRecall");
        getStyleClass().add("small");
        Hint.install(this, "Brings back the prompt, references and settings the recall replaced (Ctrl+Z)");
        setMinWidth(Region.USE_PREF_SIZE);
        visibleProperty().bind(memory.beforeRecallProperty().isNotNull());
        managedProperty().bind(visibleProperty());
        setOnAction(e -> {
            if (memory.undoRecall()) {
                preview.say("Recall undone.");
            }
        });
    }
}
