package io.draftboard.ui.history;

import io.draftboard.generation.RenderKind;
import io.draftboard.history.GenerationRecord;
import io.draftboard.history.GenerationStatus;
import io.draftboard.history.ImageExport;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.controlsfx.control.GridCell;
import org.controlsfx.control.GridView;

/**
 * The history browser: a virtualised thumbnail grid (ControlsFX GridView; only visible cells exist, and each
 * loads its thumbnail off the FX thread), a search box over the prompts (FTS5), and filters. Click selects,
 * double-click opens in the preview; the context menu and keys hold the rest.
 */
public final class HistoryBrowserView extends VBox {
    private static final double CELL = 132;
    private static final javafx.css.PseudoClass SELECTED = javafx.css.PseudoClass.getPseudoClass("selected");
    private final HistoryBrowserModel model;
    private final ThumbnailCache thumbnails;
    private final HistoryActions actions;
    private final ObjectProperty<GenerationRecord> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<GenerationRecord> compareA = new SimpleObjectProperty<>();
    private final TextField search = new TextField();
    private final GridView<GenerationRecord> grid = new GridView<>();

    public HistoryBrowserView(HistoryBrowserModel model, ThumbnailCache thumbnails, HistoryActions actions,
            List<String> providerIds, Function<String, String> providerName, String appVersion) {
        this.model = model;
        this.thumbnails = thumbnails;
        this.actions = actions;
        setId("history");
        setSpacing(8);
        setPadding(new Insets(12));

        Label title = new Label("History");
        title.getStyleClass().add("title-4");
        search.setId("historySearch");
        search.setPromptText("Search prompts  (Ctrl+F)");
        search.textProperty().bindBidirectional(model.searchProperty());
        ToggleButton starred = new ToggleButton("\u2605");
        starred.setId("starredOnly");
        starred.setTooltip(new Tooltip("Starred only"));
        starred.selectedProperty().bindBidirectional(model.starredOnlyProperty());
        ComboBox<String> kind = new ComboBox<>();
        kind.setId("kindFilter");
        kind.getItems().setAll("All", "Drafts", "Finals");
        kind.setValue("All");
        kind.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        starred.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        kind.valueProperty().addListener((o, a, b) -> model.kindProperty().set(
                "Drafts".equals(b) ? RenderKind.DRAFT : "Finals".equals(b) ? RenderKind.FINAL : null));
        ComboBox<String> provider = new ComboBox<>();
        provider.setId("providerFilter");
        provider.getItems().add("Any provider");
        providerIds.forEach(id -> provider.getItems().add(providerName.apply(id)));
        provider.setValue("Any provider");
        provider.valueProperty().addListener((o, a, b) -> {
            int i = provider.getItems().indexOf(b);
            model.providerIdProperty().set(i <= 0 ? null : providerIds.get(i - 1));
        });
        HBox filters = new HBox(6, starred, kind, provider);
        filters.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setId("historyStatus");
        status.getStyleClass().add("text-small");
        status.textProperty().bind(model.statusProperty());
        Label referenceFilter = new Label();
        referenceFilter.getStyleClass().add("text-small");
        referenceFilter.visibleProperty().bind(model.usingReferenceProperty().isNotNull());
        referenceFilter.managedProperty().bind(referenceFilter.visibleProperty());
        referenceFilter.setText("Showing renders that used one reference \u00b7 click to clear");
        referenceFilter.setOnMouseClicked(e -> model.usingReferenceProperty().set(null));

        grid.setId("historyGrid");
        grid.setItems(model.items());
        grid.setCellWidth(CELL);
        grid.setCellHeight(CELL);
        grid.setHorizontalCellSpacing(6);
        grid.setVerticalCellSpacing(6);
        grid.setCellFactory(g -> new RecordCell());
        VBox.setVgrow(grid, Priority.ALWAYS);

        getChildren().addAll(title, search, filters, referenceFilter, status, grid);
        setPrefWidth(CELL * 2 + 60);
        setMinWidth(CELL + 40);

        grid.setOnKeyPressed(e -> {
            GenerationRecord r = selected.get();
            if (r == null) {
                return;
            }
            if (e.getCode() == KeyCode.S && !e.isShortcutDown()) {
                model.toggleStar(r);
            } else if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                model.delete(r);
                selected.set(null);
            } else if (e.getCode() == KeyCode.ENTER) {
                actions.recall(r);
            } else {
                return;
            }
            e.consume();
        });
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.Z && e.isShortcutDown() && model.undoDelete()) {
                e.consume();
            }
        });
        this.appVersion = appVersion;
    }

    private final String appVersion;

    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    public ObjectProperty<GenerationRecord> selectedProperty() {
        return selected;
    }

    private final class RecordCell extends GridCell<GenerationRecord> {
        private final ImageView image = new ImageView();
        private final Label badge = new Label();
        private final Label star = new Label("\u2605");
        private final StackPane box = new StackPane(image, badge, star);
        private final ThumbnailCache.Wanted wanted = new ThumbnailCache.Wanted();
        // One tooltip per cell, its text swapped on reuse: a Tooltip is a popup window, too heavy to make per row.
        private final Tooltip tooltip = new Tooltip();

        RecordCell() {
            image.setFitWidth(CELL - 8);
            image.setFitHeight(CELL - 8);
            image.setPreserveRatio(true);
            StackPane.setAlignment(badge, Pos.BOTTOM_LEFT);
            StackPane.setAlignment(star, Pos.TOP_RIGHT);
            badge.getStyleClass().add("history-cell-badge");
            star.getStyleClass().add("history-cell-star");
            box.getStyleClass().add("history-cell-box");
            setOnMouseClicked(e -> {
                GenerationRecord r = getItem();
                if (r == null) {
                    return;
                }
                selected.set(r);
                grid.requestFocus();
                if (e.getClickCount() == 2) {
                    actions.open(r);
                }
            });
            setOnContextMenuRequested(e -> {
                if (getItem() != null) {
                    selected.set(getItem());
                    menu(getItem()).show(this, e.getScreenX(), e.getScreenY());
                }
            });
            selected.addListener((o, a, b) -> highlight());
        }

        private void highlight() {
            GenerationRecord r = getItem();
            boolean on = r != null && selected.get() != null && selected.get().id() == r.id();
            box.pseudoClassStateChanged(SELECTED, on);
        }

        @Override
        protected void updateItem(GenerationRecord r, boolean empty) {
            super.updateItem(r, empty);
            image.setImage(null);
            wanted.clear();
            if (empty || r == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            setTooltip(tooltip);
            badge.setText((r.kind() == RenderKind.FINAL ? "Final" : "Draft") + " \u00b7 " + r.steps()
                    + (r.status() == GenerationStatus.DONE ? "" : " \u00b7 " + r.status().name().toLowerCase(Locale.ROOT)));
            star.setVisible(r.starred());
            tooltip.setText(("#" + r.id() + " \u00b7 " + abbreviate(r.prompt()) + "\n" + r.width() + "\u00d7"
                    + r.height() + " \u00b7 seed " + r.seed() + " \u00b7 " + r.providerId() + " \u00b7 " + r.cost().display()
                    + (r.errorMessage() == null ? "" : "\n" + r.errorMessage())));
            setGraphic(box);
            highlight();
            if (r.image() != null) {
                // The cache delivers only while this cell still wants the image: no stale picture on reuse.
                thumbnails.load(r.image().sha256(), ThumbnailCache.SIDE, wanted, image::setImage);
            }
            // Keyset paging: the grid asks for the next page when its last rows come into view.
            if (getIndex() >= model.items().size() - 12) {
                model.loadMore();
            }
        }
    }

    private static String abbreviate(String prompt) {
        String flat = prompt.replaceAll("\\s+", " ");
        return flat.length() > 140 ? flat.substring(0, 139) + "\u2026" : flat;
    }

    private ContextMenu menu(GenerationRecord r) {
        MenuItem open = item("Open in preview", () -> actions.open(r));
        MenuItem recall = item("Recall into editor  (Enter)", () -> actions.recall(r));
        MenuItem rerun = item("Re-run", () -> actions.rerun(r));
        MenuItem star = item(r.starred() ? "Unstar  (S)" : "Star  (S)", () -> model.toggleStar(r));
        MenuItem beside = item("Open beside its draft", () -> model.find(r.parentId() == null ? -1 : r.parentId(),
                draft -> actions.compare(draft, r)));
        beside.setDisable(r.parentId() == null);
        MenuItem setA = item("Compare: set as A", () -> compareA.set(r));
        MenuItem withA = item("Compare with A", () -> actions.compare(compareA.get(), r));
        withA.setDisable(compareA.get() == null || compareA.get().id() == r.id());
        MenuItem export = item("Export PNG with metadata\u2026", () -> export(r, true));
        MenuItem exportClean = item("Export for a client (no metadata)\u2026", () -> export(r, false));
        MenuItem copy = item("Copy image", () -> copy(r));
        MenuItem usages = new MenuItem("Renders using its references");
        usages.setDisable(r.references().isEmpty());
        usages.setOnAction(e -> model.usingReferenceProperty().set(r.references().get(0)));
        MenuItem delete = item("Delete  (Del, Ctrl+Z undoes)", () -> model.delete(r));
        boolean hasImage = r.image() != null;
        for (MenuItem m : List.of(open, export, exportClean, copy)) {
            m.setDisable(!hasImage);
        }
        return new ContextMenu(open, recall, rerun, star, new SeparatorMenuItem(), beside, setA, withA,
                new SeparatorMenuItem(), export, exportClean, copy, usages, new SeparatorMenuItem(), delete);
    }

    private static MenuItem item(String text, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setOnAction(e -> action.run());
        return m;
    }

    private void export(GenerationRecord r, boolean withMetadata) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(withMetadata ? "Export with parameters" : "Export for a client");
        chooser.setInitialFileName("draftboard-" + r.id() + ".png");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file == null) {
            return;
        }
        model.inBackground("Exporting history #" + r.id(), () -> {
            ImageExport.write(r, model.images(), file.toPath(), withMetadata, appVersion);
            return "Exported history #" + r.id() + " to " + file.getName();
        });
    }

    private void copy(GenerationRecord r) {
        thumbnails.full(r.image().sha256(), img -> {
            ClipboardContent content = new ClipboardContent();
            content.putImage(img);
            Clipboard.getSystemClipboard().setContent(content);
            flash("Copied history #" + r.id() + " to the clipboard.");
        }, this::flash);
    }

    private void flash(String text) {
        model.say(text);
    }
}
