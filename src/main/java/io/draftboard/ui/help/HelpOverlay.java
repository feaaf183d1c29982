package io.draftboard.ui.help;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The F1 overlay: every shortcut, dimming the studio behind it; any key or click closes it. */
public final class HelpOverlay extends StackPane {
    public HelpOverlay() {
        setId("helpOverlay");
        getStyleClass().add("help-overlay");
        GridPane table = new GridPane();
        table.setHgap(24);
        table.setVgap(6);
        int row = 0;
        for (Shortcut s : Shortcut.values()) {
            Label keys = new Label(s.keys().getDisplayText());
            keys.getStyleClass().add("help-keys");
            table.addRow(row++, keys, new Label(s.meaning()));
        }
        Label title = new Label("Keyboard shortcuts");
        title.getStyleClass().add("title-3");
        Label note = new Label("Drafts are fast previews at few steps; the final is a new render with the same seed,"
                + " so details differ. Press any key to close.");
        note.setWrapText(true);
        note.getStyleClass().add("text-muted");
        VBox card = new VBox(14, title, table, note);
        card.setPadding(new Insets(24));
        card.setMaxSize(560, USE_PREF_SIZE);
        card.getStyleClass().add("help-card");
        getChildren().add(card);
        StackPane.setAlignment(card, Pos.CENTER);
        setFocusTraversable(true);
        setOnMouseClicked(e -> close());
        setOnKeyPressed(e -> {
            close();
            e.consume();
        });
    }

    private void close() {
        setVisible(false);
    }
}
