package io.draftboard.ui.history;

import io.draftboard.history.GenerationRecord;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * Asks before a starred render is deleted: a star means "keep this", so one key press must not lose it. An
 * inline bar rather than a dialog keeps the designer in the window: it takes the focus when it appears (on
 * Delete), Enter presses the focused button, Del confirms, Esc keeps, and the focus goes back where it was.
 */
public final class DeleteConfirmBar extends HBox {
    private final HistoryBrowserModel model;
    private final Label text = new Label();
    private final Button delete = new Button("Delete");
    private final Button keep = new Button("Keep");
    private Node focusBefore;

    public DeleteConfirmBar(HistoryBrowserModel model) {
        this.model = model;
        setId("deleteConfirm");
        getStyleClass().add("offer-bar");
        setSpacing(8);
        setAlignment(Pos.CENTER_LEFT);
        text.setId("deleteConfirmText");
        text.setWrapText(true);
        HBox.setHgrow(text, Priority.ALWAYS);
        delete.setId("confirmDelete");
        delete.getStyleClass().add("danger");
        delete.setOnAction(e -> answer(true));
        keep.setId("keepStarred");
        keep.setOnAction(e -> answer(false));
        getChildren().addAll(text, delete, keep);
        setVisible(false);
        setManaged(false);
        addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        model.confirmingProperty().addListener((o, a, record) -> show(record));
    }

    private void show(GenerationRecord record) {
        boolean asking = record != null;
        setVisible(asking);
        setManaged(asking);
        if (asking) {
            text.setText("History #" + record.id() + " is starred. Delete it?");
            focusBefore = getScene() == null ? null : getScene().getFocusOwner();
            delete.requestFocus();
        }
    }

    private void key(KeyEvent e) {
        if (e.getCode() == KeyCode.ESCAPE) {
            answer(false);
        } else if (e.getCode() == KeyCode.DELETE) {
            answer(true);
        } else if (e.getCode() == KeyCode.ENTER) {
            // A Button fires on Space; Enter on a focused answer is what a keyboard user expects too.
            if (keep.isFocused()) {
                answer(false);
            } else {
                answer(true);
            }
        } else {
            return;
        }
        e.consume();
    }

    private void answer(boolean confirmed) {
        Node back = focusBefore;
        focusBefore = null;
        if (confirmed) {
            model.confirmDelete();
        } else {
            model.keepStarred();
        }
        if (back != null && back.getScene() != null) {
            back.requestFocus();
        }
    }
}
