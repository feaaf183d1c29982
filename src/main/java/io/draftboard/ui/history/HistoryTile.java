package io.draftboard.ui.history;

import io.draftboard.generation.RenderKind;
import io.draftboard.history.GenerationRecord;
import io.draftboard.history.GenerationStatus;
import io.draftboard.settings.StudioSettings.ThumbnailSize;
import io.draftboard.ui.help.Hint;
import java.util.Locale;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/**
 * One render in the grid: its frame (the same for every aspect), its star, and the start of its prompt. Tiles
 * are reused as the grid scrolls, so everything a record decides is set again in {@link #show}.
 */
final class HistoryTile extends VBox {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    /** The selected tile while the grid has the keyboard: it carries the focus ring. */
    private static final PseudoClass CURSOR = PseudoClass.getPseudoClass("cursor");

    /** What a tile asks of the grid it sits in. */
    interface Host {
        ThumbnailSize size();

        GenerationRecord selected();

        boolean gridFocused();

        /** A click on the tile: it becomes the cursor and the grid takes the keyboard. */
        void pick(GenerationRecord record);

        void open(GenerationRecord record);

        void showMenu(GenerationRecord record, Node anchor, double screenX, double screenY);

        /** The prompt's font tells how tall a line of text is; the grid pages by it. */
        double lineHeight();

        void setLineHeight(double height);
    }

    private static final String SUPERSEDED_WHY =
            "Superseded: a paid draft that landed after a newer one; kept because it was paid for";

    private final Host host;
    private final ThumbnailCache thumbnails;
    private final ImageView image = new ImageView();
    private final Label star = new Label("\u2605");
    private final Label state = new Label();
    /** "superseded" on a paid draft that landed after a newer one: kept because it was paid for, never shown over it. */
    private final Label mark = new Label("superseded");
    private final StackPane frame = new StackPane(image, state, star, mark);
    private final Label prompt = new Label();
    private final ThumbnailCache.Wanted wanted = new ThumbnailCache.Wanted();
    /** The hover text, swapped on reuse; a tooltip (a popup window) is made only if the pointer comes by. */
    private final StringProperty hint = new SimpleStringProperty();
    private GenerationRecord record;

    HistoryTile(Host host, ThumbnailCache thumbnails) {
        this.host = host;
        this.thumbnails = thumbnails;
        getStyleClass().add("history-tile");
        frame.getStyleClass().add("history-tile-frame");
        star.getStyleClass().add("history-tile-star");
        state.getStyleClass().add("history-tile-state");
        mark.getStyleClass().add("history-tile-mark");
        mark.setMinWidth(Region.USE_PREF_SIZE);
        prompt.getStyleClass().add("history-tile-prompt");
        prompt.setWrapText(true);
        prompt.setAlignment(Pos.TOP_LEFT);
        image.setPreserveRatio(true);
        image.setSmooth(true);
        StackPane.setAlignment(star, Pos.TOP_RIGHT);
        StackPane.setAlignment(state, Pos.CENTER);
        StackPane.setAlignment(mark, Pos.BOTTOM_LEFT);
        getChildren().addAll(frame, prompt);
        Hint.install(this, hint);
        prompt.fontProperty().addListener((o, a, font) -> {
            Text probe = new Text("Ag");
            probe.setFont(font);
            host.setLineHeight(Math.ceil(probe.getLayoutBounds().getHeight()));
            if (record != null) {
                fitPrompt(host.size());
            }
        });
        setOnMouseClicked(e -> {
            if (record == null || e.getButton() != MouseButton.PRIMARY) {
                return;
            }
            host.pick(record);
            if (e.getClickCount() == 2) {
                host.open(record);
            }
        });
        setOnContextMenuRequested(e -> {
            if (record != null) {
                host.pick(record);
                host.showMenu(record, this, e.getScreenX(), e.getScreenY());
            }
            e.consume();
        });
    }

    /** The record shown, or null on a tile kept aside for reuse. */
    GenerationRecord record() {
        return record;
    }

    void show(GenerationRecord r, ThumbnailSize size) {
        record = r;
        setUserData(r);
        image.setImage(null);
        wanted.clear();
        if (r == null) {
            return;
        }
        double side = HistoryBrowserView.side(size);
        frame.setMinSize(side, side);
        frame.setPrefSize(side, side);
        frame.setMaxSize(side, side);
        image.setFitWidth(side - 12);
        image.setFitHeight(side - 12);
        setPrefWidth(side);
        setMaxWidth(side);
        fitPrompt(size);
        boolean fin = r.kind() == RenderKind.FINAL;
        frame.getStyleClass().removeAll("final", "draft");
        frame.getStyleClass().add(fin ? "final" : "draft");
        prompt.getStyleClass().remove("final");
        if (fin) {
            prompt.getStyleClass().add("final");
        }
        star.setVisible(r.starred());
        boolean superseded = r.tags().contains(HistoryBrowserModel.SUPERSEDED);
        mark.setVisible(superseded);
        frame.getStyleClass().remove("superseded");
        if (superseded) {
            frame.getStyleClass().add("superseded");
        }
        state.setText(r.status() == GenerationStatus.DONE ? "" : r.status().name().toLowerCase(Locale.ROOT));
        state.setVisible(r.status() != GenerationStatus.DONE);
        prompt.setText(flat(r.prompt()));
        hint.set("#" + r.id() + " \u00b7 " + (fin ? "Final" : "Draft") + " \u00b7 " + r.steps() + " steps\n"
                + abbreviate(r.prompt()) + "\n" + r.width() + "\u00d7" + r.height() + " \u00b7 seed " + r.seed()
                + " \u00b7 " + r.providerId() + " \u00b7 " + r.cost().display()
                + (r.errorMessage() == null ? "" : "\n" + r.errorMessage())
                + (superseded ? "\n" + SUPERSEDED_WHY : ""));
        highlight(host.selected(), host.gridFocused());
        if (r.image() != null) {
            // The cache delivers only while this tile still wants the image: no stale picture on reuse.
            thumbnails.load(r.image().sha256(), ThumbnailCache.sideFor(side - 12), wanted, image::setImage);
        }
    }

    private void fitPrompt(ThumbnailSize size) {
        double h = HistoryBrowserView.promptLines(size) * host.lineHeight() + 2;
        prompt.setMinHeight(h);
        prompt.setPrefHeight(h);
        prompt.setMaxHeight(h);
        prompt.setPrefWidth(HistoryBrowserView.side(size));
        prompt.setMaxWidth(HistoryBrowserView.side(size));
    }

    void highlight(GenerationRecord s, boolean gridFocused) {
        boolean on = record != null && s != null && s.id() == record.id();
        pseudoClassStateChanged(SELECTED, on);
        pseudoClassStateChanged(CURSOR, on && gridFocused);
    }

    static String flat(String prompt) {
        return prompt == null ? "" : prompt.replaceAll("\\s+", " ").strip();
    }

    private static String abbreviate(String prompt) {
        String flat = flat(prompt);
        return flat.length() > 140 ? flat.substring(0, 139) + "\u2026" : flat;
    }
}
