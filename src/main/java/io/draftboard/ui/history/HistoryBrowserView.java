package io.draftboard.ui.history;

import io.draftboard.history.GenerationRecord;
import io.draftboard.settings.StudioSettings.ThumbnailSize;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The history browser: a virtualised grid of tiles under day headers (Today, Yesterday, dates), a search box
 * over the prompts (FTS5), filters, and a tile size. Only the lines on screen exist, and each tile loads its
 * thumbnail off the FX thread. Every tile has the same frame whatever its image's aspect, the start of its
 * prompt beneath, and a frame that tells a final (solid, coloured) from a draft (dashed) at a glance.
 *
 * <p>This class lays the parts out and fits the grid's columns to its width; the parts are
 * {@link HistoryFilterBar} and {@link TileSizeControl} (the controls), {@link HistoryLineCell} and
 * {@link HistoryTile} (what a line and a tile draw), {@link GridKeyboard} (the cursor and the keys) and
 * {@link HistoryMenu} (a tile's menu). Down in the search box enters the grid. Click selects, double-click
 * opens in the preview.
 */
public final class HistoryBrowserView extends VBox {
    static final double GAP = 8;
    /** Rows this close to the last loaded one ask for the next page. */
    static final int LOAD_MORE_AHEAD = 12;
    /** A tile's padding and ring around its frame, both sides together (studio.css .history-tile). */
    private static final double TILE_CHROME = 10;
    /** The vertical scroll bar's width before it has been laid out. */
    private static final double SCROLLBAR = 14;

    private final HistoryBrowserModel model;
    private final HistoryActions actions;
    private final ObjectProperty<GenerationRecord> selected = new SimpleObjectProperty<>();
    private final TextField search = new TextField();
    private final ObservableList<HistoryLines.Line> lines = FXCollections.observableArrayList();
    private final ListView<HistoryLines.Line> grid = new ListView<>(lines);
    private final HistoryMenu menu;
    private final GridKeyboard keyboard;
    private int columns = 1;
    private double lineHeight = 16;
    private Clock clock = Clock.systemDefaultZone();

    public HistoryBrowserView(HistoryBrowserModel model, ThumbnailCache thumbnails, HistoryActions actions,
            List<String> providerIds, Function<String, String> providerName, String appVersion) {
        this.model = model;
        this.actions = actions;
        this.menu = new HistoryMenu(model, actions, thumbnails, appVersion,
                () -> getScene() == null ? null : getScene().getWindow(), this::deleteFromMenu);
        this.keyboard = new GridKeyboard(model, grid, selected, actions, menu, this::tileOf, g -> rowsPerPage());
        setId("history");
        setSpacing(8);
        setPadding(new Insets(12));

        Label title = new Label("History");
        title.getStyleClass().add("title-4");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox titleRow = new HBox(8, title, grow, TileSizeControl.create(model.thumbnailSizeProperty()));
        titleRow.setAlignment(Pos.CENTER_LEFT);

        search.setId("historySearch");
        search.setPromptText("Search prompts  (Ctrl+F)");
        search.textProperty().bindBidirectional(model.searchProperty());
        search.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.DOWN && !e.isShortcutDown() && !e.isAltDown()) {
                keyboard.enterGrid();
                e.consume();
            }
        });

        Label status = new Label();
        status.setId("historyStatus");
        status.getStyleClass().add("text-small");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        Label referenceFilter = new Label("Showing renders that used one reference \u00b7 click to clear");
        referenceFilter.getStyleClass().add("text-small");
        referenceFilter.setWrapText(true);
        referenceFilter.visibleProperty().bind(model.usingReferenceProperty().isNotNull());
        referenceFilter.managedProperty().bind(referenceFilter.visibleProperty());
        referenceFilter.setOnMouseClicked(e -> model.usingReferenceProperty().set(null));

        HistoryTile.Host host = new TileHost();
        grid.setId("historyGrid");
        grid.getStyleClass().addAll("history-grid", "edge-to-edge");
        grid.setCellFactory(v -> new HistoryLineCell(model, () -> new HistoryTile(host, thumbnails)));
        grid.setPlaceholder(new Region());
        VBox.setVgrow(grid, Priority.ALWAYS);
        getChildren().addAll(titleRow, search, HistoryFilterBar.create(model, providerIds, providerName),
                referenceFilter, status, grid);
        setMinWidth(180);
        setPrefWidth(2 * (side(ThumbnailSize.MEDIUM) + TILE_CHROME) + GAP + SCROLLBAR + 24);

        model.items().addListener((ListChangeListener<GenerationRecord>) c -> relayout());
        grid.widthProperty().addListener((o, a, b) -> fitColumns());
        grid.skinProperty().addListener((o, a, skin) -> {
            for (Node n : grid.lookupAll(".scroll-bar")) {
                n.visibleProperty().addListener((p, was, now) -> fitColumns());
            }
        });
        model.thumbnailSizeProperty().addListener((o, a, b) -> {
            fitColumns();
            relayout();
            grid.refresh(); // the same lines, drawn at the new size
        });
        selected.addListener((o, a, b) -> highlight());
        grid.focusedProperty().addListener((o, a, focused) -> {
            if (focused && keyboard.current() == null) {
                keyboard.selectFirstShown();
            }
            highlight();
        });
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.Z && e.isShortcutDown() && model.undoDelete()) {
                e.consume();
            }
        });
        relayout();
    }

    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    public ObjectProperty<GenerationRecord> selectedProperty() {
        return selected;
    }

    /** Days are told from this clock (tests fix it). */
    void setClock(Clock clock) {
        this.clock = clock;
        relayout();
    }

    void setSaveDialog(HistoryMenu.SaveDialog dialog) {
        menu.setSaveDialog(dialog);
    }

    /** How many tiles a row holds at the grid's current width and tile size. */
    int columns() {
        return columns;
    }

    /** The frame's side, in pixels, of the tiles at {@code size}. */
    static double side(ThumbnailSize size) {
        return switch (size) {
            case SMALL -> 96;
            case MEDIUM -> 128;
            case LARGE -> 200;
        };
    }

    static int promptLines(ThumbnailSize size) {
        return size == ThumbnailSize.SMALL ? 1 : 2;
    }

    private double side() {
        return side(model.thumbnailSizeProperty().get());
    }

    private void deleteFromMenu(GenerationRecord r) {
        keyboard.delete(r);
    }

    // ---- layout ---------------------------------------------------------------------------------------

    private void relayout() {
        lines.setAll(HistoryLines.layout(model.items(), columns, LocalDate.now(clock), clock.getZone()));
    }

    private void fitColumns() {
        double width = grid.getWidth() - grid.snappedLeftInset() - grid.snappedRightInset() - scrollBarWidth();
        int fit = Math.max(1, (int) Math.floor((width + GAP) / (side() + TILE_CHROME + GAP)));
        if (fit != columns) {
            columns = fit;
            relayout();
        }
    }

    /** The vertical scroll bar's width while it shows (the rows reflow once when it appears). */
    private double scrollBarWidth() {
        for (Node n : grid.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL && bar.isVisible()) {
                return bar.getWidth() > 0 ? bar.getWidth() : SCROLLBAR;
            }
        }
        return 0;
    }

    private int rowsPerPage() {
        double row = side() + TILE_CHROME + GAP + promptLines(model.thumbnailSizeProperty().get()) * lineHeight + 6;
        return Math.max(1, (int) Math.floor(grid.getHeight() / row));
    }

    // ---- tiles on screen ------------------------------------------------------------------------------

    private HistoryTile tileOf(GenerationRecord r) {
        for (Node n : grid.lookupAll(".history-tile")) {
            if (n instanceof HistoryTile t && t.record() != null && t.record().id() == r.id() && shown(t)) {
                return t;
            }
        }
        return null;
    }

    /** False for a tile in a line the grid keeps aside for reuse (hidden, its record stale). */
    private boolean shown(Node n) {
        for (Node p = n; p != null && p != grid; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private void highlight() {
        GenerationRecord s = selected.get();
        boolean focused = grid.isFocused();
        for (Node n : grid.lookupAll(".history-tile")) {
            if (n instanceof HistoryTile t) {
                t.highlight(s, focused);
            }
        }
    }

    /** What the tiles ask of the grid: the cursor, the size, the menu and the line height they measure. */
    private final class TileHost implements HistoryTile.Host {
        @Override
        public ThumbnailSize size() {
            return model.thumbnailSizeProperty().get();
        }

        @Override
        public GenerationRecord selected() {
            return selected.get();
        }

        @Override
        public boolean gridFocused() {
            return grid.isFocused();
        }

        @Override
        public void pick(GenerationRecord record) {
            selected.set(record);
            grid.requestFocus();
        }

        @Override
        public void open(GenerationRecord record) {
            actions.open(record);
        }

        @Override
        public void showMenu(GenerationRecord record, Node anchor, double screenX, double screenY) {
            menu.show(record, anchor, screenX, screenY);
        }

        @Override
        public double lineHeight() {
            return lineHeight;
        }

        @Override
        public void setLineHeight(double height) {
            lineHeight = height;
        }
    }
}
