package io.draftboard.ui.references;

import io.draftboard.generation.ImageMentions;
import io.draftboard.generation.Reference;
import io.draftboard.ui.help.Hint;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The strip of numbered reference chips under the prompt. Chips reorder by dragging one onto another (or
 * with Move left / right in its menu), and each says its megapixels and what it adds to a draft's cost.
 */
public final class ReferenceTrayView extends VBox {
    private static final String CHIP_DRAG = "draftboard-reference-index:";
    private final ReferenceTrayModel model;
    private final HBox chips = new HBox(6);
    private final Consumer<String> insertMention;
    private final Consumer<Reference> showUsages;

    public ReferenceTrayView(ReferenceTrayModel model, Consumer<String> insertMention, Consumer<Reference> showUsages) {
        this.model = model;
        this.insertMention = insertMention;
        this.showUsages = showUsages;
        setId("referenceTray");
        getStyleClass().add("reference-tray");
        setSpacing(4);

        Label title = new Label();
        title.getStyleClass().add("text-small");
        title.setWrapText(true); // a narrow column wraps it rather than cutting the paste hint
        title.setMinHeight(USE_PREF_SIZE);
        title.textProperty().bind(Bindings.createStringBinding(() -> "References " + model.items().size() + " / "
                + model.limit() + "  \u00b7  drop files, browser images or paste (Ctrl+V)", model.items()));
        chips.setId("referenceChips");
        chips.setAlignment(Pos.CENTER_LEFT);
        chips.setMinHeight(76);
        ScrollPane scroller = new ScrollPane(chips);
        scroller.setFitToHeight(true);
        scroller.setPrefViewportHeight(80);
        scroller.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroller.getStyleClass().add("edge-to-edge");
        Label message = new Label();
        message.setId("referenceMessage");
        message.setWrapText(true);
        message.setMinHeight(USE_PREF_SIZE);
        message.getStyleClass().add("text-small");
        message.textProperty().bind(model.messageProperty());
        getChildren().addAll(title, scroller, message);

        model.items().addListener((ListChangeListener<Reference>) c -> rebuild());
        model.thumbnails().addListener((javafx.collections.MapChangeListener<String, Image>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        chips.getChildren().clear();
        if (model.items().isEmpty()) {
            Label empty = new Label("No references: drop images here");
            empty.getStyleClass().add("text-muted");
            chips.getChildren().add(empty);
            return;
        }
        for (int i = 0; i < model.items().size(); i++) {
            chips.getChildren().add(chip(i, model.items().get(i)));
        }
    }

    private StackPane chip(int index, Reference reference) {
        ImageView thumb = new ImageView(model.thumbnails().get(reference.sha256()));
        thumb.setFitWidth(64);
        thumb.setFitHeight(64);
        thumb.setPreserveRatio(true);
        Label number = new Label(Integer.toString(index + 1));
        number.getStyleClass().add("reference-number");
        Button remove = new Button("\u2715");
        remove.getStyleClass().add("reference-remove"); // its own disc, legible over any image (studio.css)
        Hint.install(remove, "Remove image " + (index + 1));
        remove.setOnAction(e -> model.remove(index));
        remove.setId("removeReference" + (index + 1));
        StackPane chip = new StackPane(thumb, number, remove);
        StackPane.setAlignment(number, Pos.TOP_LEFT);
        StackPane.setAlignment(remove, Pos.TOP_RIGHT);
        chip.setId("reference" + (index + 1));
        chip.getStyleClass().add("reference-chip");
        chip.setMinSize(70, 70);
        Hint.install(chip, String.format(Locale.ROOT,
                "Image %d \u00b7 %d\u00d7%d \u00b7 %s \u00b7 adds %s per draft%nClick to insert \u201c%s\u201d; drag onto another to reorder",
                index + 1, reference.width(), reference.height(), ReferenceTrayModel.megapixels(reference),
                model.costImpact(index).display(), ImageMentions.mention(index + 1)));
        chip.setOnMouseClicked(e -> {
            if (e.getButton() == javafx.scene.input.MouseButton.PRIMARY && e.getClickCount() == 1) {
                insertMention.accept(ImageMentions.mention(index + 1));
            }
        });
        MenuItem left = new MenuItem("Move left");
        left.setOnAction(e -> model.move(index, index - 1));
        MenuItem right = new MenuItem("Move right");
        right.setOnAction(e -> model.move(index, index + 1));
        MenuItem usages = new MenuItem("Every render that used this reference");
        usages.setOnAction(e -> showUsages.accept(reference));
        MenuItem delete = new MenuItem("Remove");
        delete.setOnAction(e -> model.remove(index));
        chip.setOnContextMenuRequested(e -> new ContextMenu(left, right, usages, delete).show(chip, e.getScreenX(),
                e.getScreenY()));

        chip.setOnDragDetected(e -> {
            var board = chip.startDragAndDrop(TransferMode.MOVE);
            ClipboardContent content = new ClipboardContent();
            content.putString(CHIP_DRAG + index);
            board.setContent(content);
            e.consume();
        });
        chip.setOnDragOver(e -> {
            if (e.getDragboard().hasString() && e.getDragboard().getString().startsWith(CHIP_DRAG)) {
                e.acceptTransferModes(TransferMode.MOVE);
                e.consume();
            }
        });
        chip.setOnDragDropped(e -> {
            String s = e.getDragboard().getString();
            if (s != null && s.startsWith(CHIP_DRAG)) {
                model.move(Integer.parseInt(s.substring(CHIP_DRAG.length())), index);
                e.setDropCompleted(true);
                e.consume();
            }
        });
        return chip;
    }

    /** True when a drag carries a chip being reordered rather than something new. */
    public static boolean isChipDrag(javafx.scene.input.Dragboard board) {
        return board.hasString() && board.getString() != null && board.getString().startsWith(CHIP_DRAG);
    }
}
