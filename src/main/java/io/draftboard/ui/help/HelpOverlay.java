package io.draftboard.ui.help;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The F1 overlay: every shortcut and gesture, by where it works (studio, history, compare), dimming the studio
 * behind it; any key or click closes it. Sized to fit a 1024 x 700 window without cutting a word.
 */
public final class HelpOverlay extends StackPane {
    private static final double KEYS_WIDTH = 118;
    private static final double MEANING_WIDTH = 168;

    public HelpOverlay() {
        setId("helpOverlay");
        getStyleClass().add("help-overlay");
        HBox columns = new HBox(24, section(Shortcut.Section.STUDIO), section(Shortcut.Section.HISTORY),
                section(Shortcut.Section.COMPARE));
        // In a window too short for the whole list, the list scrolls; the title and the note stay.
        ScrollPane scroll = new ScrollPane(columns);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setFocusTraversable(false);
        Label title = new Label("Keyboard shortcuts and gestures");
        title.getStyleClass().add("title-3");
        Label note = new Label("Drafts are fast previews at few steps; the final is a new render with the same seed,"
                + " so details differ. Press any key to close.");
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        note.getStyleClass().add("text-muted");
        VBox card = new VBox(14, title, scroll, note);
        card.setPadding(new Insets(20, 24, 20, 24));
        card.setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        scroll.maxHeightProperty().bind(heightProperty().subtract(180)); // the title, the note and margins
        note.maxWidthProperty().bind(columns.widthProperty());
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

    private static VBox section(Shortcut.Section section) {
        GridPane table = new GridPane();
        table.setHgap(14);
        table.setVgap(4);
        ColumnConstraints keys = new ColumnConstraints(KEYS_WIDTH);
        ColumnConstraints meaning = new ColumnConstraints(MEANING_WIDTH);
        table.getColumnConstraints().setAll(keys, meaning);
        int row = 0;
        for (Shortcut s : Shortcut.values()) {
            if (s.section() != section) {
                continue;
            }
            table.addRow(row++, cell(s.label(), "help-keys"), cell(s.meaning(), "help-meaning"));
        }
        Label heading = new Label(section.title());
        heading.getStyleClass().add("help-section");
        return new VBox(6, heading, table);
    }

    /** Wraps instead of cutting: a long gesture or meaning takes two lines. */
    private static Label cell(String text, String styleClass) {
        Label label = new Label(text);
        label.getStyleClass().add(styleClass);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    private void close() {
        setVisible(false);
    }
}
