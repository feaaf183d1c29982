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
        setStyle("-fx-background-color: rgba(0,0,0,0.45);");
        GridPane table = new GridPane();
        table.setHgap(24);
        table.setVgap(6);
        int row = 0;
        for (Shortcut s : Shortcut.values()) {
            Label keys = new Label(s.keys().getDisplayText());
            keys.setStyle("-fx-font-family: monospace; -fx-font-weight: bold;");
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
        card.setStyle("-fx-background-color: -color-bg-default; -fx-background-radius: 10;"
                + " -fx-border-color: -color-border-default; -fx-border-radius: 10;");
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
