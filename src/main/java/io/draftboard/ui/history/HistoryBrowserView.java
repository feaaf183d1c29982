package io.draftboard.ui.history;

import io.draftboard.generation.RenderKind;
import io.draftboard.history.GenerationRecord;
import io.draftboard.history.GenerationStatus;
import io.draftboard.history.ImageExport;
import io.draftboard.settings.StudioSettings.ThumbnailSize;
import java.io.File;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.ComboBoxListViewSkin;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.FileChooser;

/**
 * The history browser: a virtualised grid of tiles under day headers (Today, Yesterday, dates), a search box
 * over the prompts (FTS5), filters, and a tile size. Only the lines on screen exist, and each tile loads its
 * thumbnail off the FX thread. Every tile has the same frame whatever its image's aspect, the start of its
 * prompt beneath, and a frame that tells a final (solid, coloured) from a draft (dashed) at a glance.
 *
 * <p>Keyboard: the arrows, Home/End and Page Up/Down move the tile cursor (the selected tile, ringed while the
 * grid has focus); S stars, Del deletes (Ctrl+Z undoes), Enter recalls, the context-menu key (or Shift+F10)
 * opens the tile's menu. Down in the search box enters the grid. Click selects, double-click opens in the
 * preview.
 */
public final class HistoryBrowserView extends VBox {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    /** The selected tile while the grid has the keyboard: it carries the focus ring. */
    private static final PseudoClass CURSOR = PseudoClass.getPseudoClass("cursor");
    private static final double GAP = 8;
    /** A tile's padding and ring around its frame, both sides together (studio.css .history-tile). */
    private static final double TILE_CHROME = 10;
    /** The vertical scroll bar's width before it has been laid out. */
    private static final double SCROLLBAR = 14;
    private static final int LOAD_MORE_AHEAD = 12;

    /** Asks where to save an export; a seam so tests can answer for the user. */
    @FunctionalInterface
    interface SaveDialog {
        /** The file chosen, or null when the user cancelled. */
        File choose(String title, String initialName);
    }

    private final HistoryBrowserModel model;
    private final ThumbnailCache thumbnails;
    private final HistoryActions actions;
    private final String appVersion;
    private final ObjectProperty<GenerationRecord> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<GenerationRecord> compareA = new SimpleObjectProperty<>();
    private final TextField search = new TextField();
    private final ObservableList<HistoryLines.Line> lines = FXCollections.observableArrayList();
    private final ListView<HistoryLines.Line> grid = new ListView<>(lines);
    private int columns = 1;
    private double lineHeight = 16;
    private Clock clock = Clock.systemDefaultZone();
    private SaveDialog saveDialog = this::chooseWithFileChooser;
    private ContextMenu openMenu;

    public HistoryBrowserView(HistoryBrowserModel model, ThumbnailCache thumbnails, HistoryActions actions,
            List<String> providerIds, Function<String, String> providerName, String appVersion) {
        this.model = model;
        this.thumbnails = thumbnails;
        this.actions = actions;
        this.appVersion = appVersion;
        setId("history");
        setSpacing(8);
        setPadding(new Insets(12));

        Label title = new Label("History");
        title.getStyleClass().add("title-4");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox titleRow = new HBox(8, title, grow, sizeControl());
        titleRow.setAlignment(Pos.CENTER_LEFT);

        search.setId("historySearch");
        search.setPromptText("Search prompts  (Ctrl+F)");
        search.textProperty().bindBidirectional(model.searchProperty());
        search.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.DOWN && !e.isShortcutDown() && !e.isAltDown()) {
                enterGrid();
                e.consume();
            }
        });

        ToggleButton keepers = new ToggleButton("Finals & \u2605");
        keepers.setId("keepersOnly");
        keepers.setTooltip(new Tooltip("Only finals and starred renders: the ones worth keeping"));
        keepers.selectedProperty().bindBidirectional(model.keepersOnlyProperty());
        ToggleButton starred = new ToggleButton("\u2605");
        starred.setId("starredOnly");
        starred.setTooltip(new Tooltip("Starred only"));
        starred.selectedProperty().bindBidirectional(model.starredOnlyProperty());
        ComboBox<String> kind = new ComboBox<>();
        kind.setId("kindFilter");
        kind.getItems().setAll("All", "Drafts", "Finals");
        kind.setValue("All");
        kind.valueProperty().addListener((o, a, b) -> model.kindProperty().set(
                "Drafts".equals(b) ? RenderKind.DRAFT : "Finals".equals(b) ? RenderKind.FINAL : null));
        ComboBox<String> provider = new ComboBox<>();
        provider.setId("providerFilter");
        provider.getItems().add("Any provider");
        providerIds.forEach(id -> provider.getItems().add(providerName.apply(id)));
        provider.setValue("Any provider");
        fitToShownValue(provider);
        provider.valueProperty().addListener((o, a, b) -> {
            int i = provider.getItems().indexOf(b);
            model.providerIdProperty().set(i <= 0 ? null : providerIds.get(i - 1));
        });
        for (Region r : List.of(keepers, starred, kind, provider)) {
            r.setMinWidth(Region.USE_PREF_SIZE); // a narrow column wraps the filters onto a second line, never "…"
        }
        FlowPane filters = new FlowPane(6, 6, keepers, starred, kind, provider);
        filters.setId("historyFilters");
        filters.setAlignment(Pos.CENTER_LEFT);

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

        grid.setId("historyGrid");
        grid.getStyleClass().addAll("history-grid", "edge-to-edge");
        grid.setCellFactory(v -> new LineCell());
        grid.setPlaceholder(new Region());
        VBox.setVgrow(grid, Priority.ALWAYS);
        getChildren().addAll(titleRow, search, filters, referenceFilter, status, grid);
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
            if (focused && current() == null) {
                selectFirstShown();
            }
            highlight();
        });
        grid.addEventFilter(KeyEvent.KEY_PRESSED, this::gridKey);
        grid.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            GenerationRecord r = current();
            if (e.isKeyboardTrigger() && r != null && (openMenu == null || !openMenu.isShowing())) {
                showMenuAtTile(r);
            }
            e.consume();
        });
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.Z && e.isShortcutDown() && model.undoDelete()) {
                e.consume();
            }
        });
        relayout();
    }

    /**
     * A combo box as wide as the choice it shows rather than its longest choice (a gateway's name with its host
     * can be long): the list still drops down as wide as its items need, and the column never has to cut a filter.
     */
    private static void fitToShownValue(ComboBox<String> combo) {
        combo.setSkin(new ComboBoxListViewSkin<>(combo) {
            @Override
            protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
                Node display = getDisplayNode();
                Node arrow = combo.lookup(".arrow-button");
                return left + (display == null ? 0 : display.prefWidth(height))
                        + (arrow == null ? 0 : arrow.prefWidth(-1)) + right;
            }
        });
        combo.valueProperty().addListener((o, a, b) -> combo.requestLayout());
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

    void setSaveDialog(SaveDialog dialog) {
        this.saveDialog = dialog;
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

    private static int promptLines(ThumbnailSize size) {
        return size == ThumbnailSize.SMALL ? 1 : 2;
    }

    private double side() {
        return side(model.thumbnailSizeProperty().get());
    }

    // ---- the size control -----------------------------------------------------------------------------

    private HBox sizeControl() {
        ToggleGroup group = new ToggleGroup();
        HBox box = new HBox();
        box.setId("thumbnailSize");
        String[][] sizes = {{"S", "Small tiles"}, {"M", "Medium tiles"}, {"L", "Large tiles"}};
        ThumbnailSize[] values = ThumbnailSize.values();
        for (int i = 0; i < values.length; i++) {
            ThumbnailSize size = values[i];
            ToggleButton b = new ToggleButton(sizes[i][0]);
            b.setId("thumbnails" + size.name().charAt(0) + size.name().substring(1).toLowerCase(Locale.ROOT));
            b.setUserData(size);
            b.setToggleGroup(group);
            b.setTooltip(new Tooltip(sizes[i][1]));
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.getStyleClass().addAll("small", i == 0 ? "left-pill" : i == values.length - 1 ? "right-pill" : "center-pill");
            box.getChildren().add(b);
        }
        Runnable show = () -> group.getToggles().stream()
                .filter(t -> t.getUserData() == model.thumbnailSizeProperty().get()).findFirst()
                .ifPresent(group::selectToggle);
        show.run();
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                group.selectToggle(a); // one size is always chosen
            } else {
                model.thumbnailSizeProperty().set((ThumbnailSize) b.getUserData());
            }
        });
        model.thumbnailSizeProperty().addListener((o, a, b) -> show.run());
        return box;
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
            if (n instanceof javafx.scene.control.ScrollBar bar && bar.getOrientation() == javafx.geometry.Orientation.VERTICAL
                    && bar.isVisible()) {
                return bar.getWidth() > 0 ? bar.getWidth() : SCROLLBAR;
            }
        }
        return 0;
    }

    // ---- the cursor -----------------------------------------------------------------------------------

    /** The selected row as history holds it now (a star since, say), or null when it is not in view. */
    private GenerationRecord current() {
        GenerationRecord s = selected.get();
        return s == null ? null : model.loaded(s.id());
    }

    private int currentIndex() {
        GenerationRecord r = current();
        return r == null ? -1 : model.items().indexOf(r);
    }

    private void enterGrid() {
        grid.requestFocus();
        if (current() == null) {
            selectFirstShown();
        }
    }

    /** Focus arrived with no cursor: it goes on the first tile on screen, so the list does not jump. */
    private void selectFirstShown() {
        if (model.items().isEmpty()) {
            return;
        }
        VirtualFlow<?> flow = flow();
        int from = flow == null || flow.getFirstVisibleCell() == null ? 0 : flow.getFirstVisibleCell().getIndex();
        for (int i = Math.max(0, from); i < lines.size(); i++) {
            if (lines.get(i) instanceof HistoryLines.Row row) {
                selected.set(row.records().get(0));
                return;
            }
        }
        selected.set(model.items().get(0));
    }

    private void select(int index) {
        List<GenerationRecord> items = model.items();
        if (items.isEmpty()) {
            return;
        }
        int i = Math.max(0, Math.min(index, items.size() - 1));
        selected.set(items.get(i));
        reveal(i);
        if (i >= items.size() - LOAD_MORE_AHEAD) {
            model.loadMore();
        }
    }

    /** Scrolls as little as it takes to show tile {@code index}, and its day's header when it starts the day. */
    private void reveal(int index) {
        int line = HistoryLines.lineOf(lines, index);
        VirtualFlow<?> flow = flow();
        if (flow == null || line < 0) {
            return;
        }
        if (line > 0 && lines.get(line - 1) instanceof HistoryLines.Header) {
            flow.scrollTo(line - 1);
        }
        flow.scrollTo(line);
    }

    private VirtualFlow<?> flow() {
        return grid.lookup(".virtual-flow") instanceof VirtualFlow<?> f ? f : null;
    }

    private void gridKey(KeyEvent e) {
        if (e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        KeyCode code = e.getCode();
        switch (code) {
            case LEFT, RIGHT, UP, DOWN, HOME, END, PAGE_UP, PAGE_DOWN, KP_LEFT, KP_RIGHT, KP_UP, KP_DOWN -> move(code);
            case S -> {
                GenerationRecord r = current();
                if (r != null) {
                    model.toggleStar(r);
                }
            }
            case DELETE, BACK_SPACE -> deleteCurrent();
            case ENTER -> {
                GenerationRecord r = current();
                if (r != null) {
                    actions.recall(r);
                }
            }
            case CONTEXT_MENU -> menuKey();
            case F10 -> {
                if (!e.isShiftDown()) {
                    return;
                }
                menuKey();
            }
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void move(KeyCode code) {
        List<GenerationRecord> items = model.items();
        if (items.isEmpty()) {
            return;
        }
        int at = currentIndex();
        if (at < 0) {
            selectFirstShown();
            GenerationRecord first = current();
            reveal(first == null ? 0 : items.indexOf(first));
            return;
        }
        int line = HistoryLines.lineOf(lines, at);
        if (line < 0) {
            return;
        }
        int column = at - ((HistoryLines.Row) lines.get(line)).first();
        int target = switch (code) {
            case LEFT, KP_LEFT -> at - 1;
            case RIGHT, KP_RIGHT -> at + 1;
            case UP, KP_UP -> rowsAway(line, column, -1);
            case DOWN, KP_DOWN -> rowsAway(line, column, 1);
            case PAGE_UP -> rowsAway(line, column, -rowsPerPage());
            case PAGE_DOWN -> rowsAway(line, column, rowsPerPage());
            case HOME -> 0;
            case END -> items.size() - 1;
            default -> at;
        };
        select(target);
    }

    /** The tile {@code rows} rows of tiles up (negative) or down from {@code line}, in the same column or the row's last. */
    private int rowsAway(int line, int column, int rows) {
        int step = Integer.signum(rows);
        int left = Math.abs(rows);
        int landed = line;
        for (int l = line + step; left > 0 && l >= 0 && l < lines.size(); l += step) {
            if (lines.get(l) instanceof HistoryLines.Row) {
                landed = l;
                left--;
            }
        }
        HistoryLines.Row row = (HistoryLines.Row) lines.get(landed);
        return row.first() + Math.min(column, row.records().size() - 1);
    }

    private int rowsPerPage() {
        double row = side() + TILE_CHROME + GAP + promptLines(model.thumbnailSizeProperty().get()) * lineHeight + 6;
        return Math.max(1, (int) Math.floor(grid.getHeight() / row));
    }

    private void deleteCurrent() {
        GenerationRecord r = current();
        if (r == null) {
            return;
        }
        int at = model.items().indexOf(r);
        model.delete(r);
        if (model.items().isEmpty()) {
            selected.set(null);
        } else {
            select(Math.min(at, model.items().size() - 1)); // the cursor stays where it was, on the next tile
        }
    }

    private void menuKey() {
        GenerationRecord r = current();
        if (r != null) {
            showMenuAtTile(r);
        }
    }

    private void showMenuAtTile(GenerationRecord r) {
        reveal(model.items().indexOf(r));
        grid.layout();
        Node anchor = tileOf(r);
        if (anchor == null) {
            anchor = grid;
        }
        Bounds b = anchor.localToScreen(anchor.getBoundsInLocal());
        if (b != null) {
            showMenu(r, anchor, b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() / 2);
        }
    }

    private void showMenu(GenerationRecord r, Node anchor, double screenX, double screenY) {
        if (openMenu != null) {
            openMenu.hide();
        }
        openMenu = menu(r);
        openMenu.show(anchor, screenX, screenY);
    }

    private Tile tileOf(GenerationRecord r) {
        for (Node n : grid.lookupAll(".history-tile")) {
            if (n instanceof Tile t && t.record != null && t.record.id() == r.id() && shown(t)) {
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
            if (n instanceof Tile t) {
                t.highlight(s, focused);
            }
        }
    }

    // ---- lines and tiles ------------------------------------------------------------------------------

    /** One line of the grid: a day's header, or a row of tiles. */
    private final class LineCell extends ListCell<HistoryLines.Line> {
        private final Label header = new Label();
        private final HBox row = new HBox(GAP);
        private final List<Tile> tiles = new ArrayList<>();

        LineCell() {
            getStyleClass().add("history-line");
            header.getStyleClass().add("history-day");
            header.setMaxWidth(Double.MAX_VALUE);
            row.setAlignment(Pos.TOP_LEFT);
        }

        @Override
        protected void updateItem(HistoryLines.Line line, boolean empty) {
            super.updateItem(line, empty);
            setText(null);
            if (empty || line == null) {
                clearTiles(0);
                setGraphic(null);
            } else if (line instanceof HistoryLines.Header h) {
                clearTiles(0);
                header.setText(h.label());
                setGraphic(header);
            } else if (line instanceof HistoryLines.Row r) {
                int n = r.records().size();
                while (tiles.size() < n) {
                    tiles.add(new Tile());
                }
                ThumbnailSize size = model.thumbnailSizeProperty().get();
                for (int i = 0; i < n; i++) {
                    tiles.get(i).show(r.records().get(i), size);
                }
                clearTiles(n);
                row.getChildren().setAll(tiles.subList(0, n));
                setGraphic(row);
                // Keyset paging: the next page is asked for as the last loaded rows come into view.
                if (r.last() >= model.items().size() - LOAD_MORE_AHEAD) {
                    model.loadMore();
                }
            }
        }

        private void clearTiles(int from) {
            for (int i = from; i < tiles.size(); i++) {
                tiles.get(i).show(null, null);
            }
        }
    }

    /** One render: its frame (the same for every aspect), its star, and the start of its prompt. */
    private final class Tile extends VBox {
        private final ImageView image = new ImageView();
        private final Label star = new Label("\u2605");
        private final Label state = new Label();
        private final StackPane frame = new StackPane(image, state, star);
        private final Label prompt = new Label();
        private final ThumbnailCache.Wanted wanted = new ThumbnailCache.Wanted();
        // A Tooltip is a popup window: one per tile, its text swapped on reuse.
        private final Tooltip tooltip = new Tooltip();
        private GenerationRecord record;

        Tile() {
            getStyleClass().add("history-tile");
            frame.getStyleClass().add("history-tile-frame");
            star.getStyleClass().add("history-tile-star");
            state.getStyleClass().add("history-tile-state");
            prompt.getStyleClass().add("history-tile-prompt");
            prompt.setWrapText(true);
            prompt.setAlignment(Pos.TOP_LEFT);
            image.setPreserveRatio(true);
            image.setSmooth(true);
            StackPane.setAlignment(star, Pos.TOP_RIGHT);
            StackPane.setAlignment(state, Pos.CENTER);
            getChildren().addAll(frame, prompt);
            Tooltip.install(this, tooltip);
            prompt.fontProperty().addListener((o, a, font) -> {
                Text probe = new Text("Ag");
                probe.setFont(font);
                lineHeight = Math.ceil(probe.getLayoutBounds().getHeight());
                if (record != null) {
                    fitPrompt(model.thumbnailSizeProperty().get());
                }
            });
            setOnMouseClicked(e -> {
                if (record == null || e.getButton() != MouseButton.PRIMARY) {
                    return;
                }
                selected.set(record);
                grid.requestFocus();
                if (e.getClickCount() == 2) {
                    actions.open(record);
                }
            });
            setOnContextMenuRequested(e -> {
                if (record != null) {
                    selected.set(record);
                    grid.requestFocus();
                    showMenu(record, this, e.getScreenX(), e.getScreenY());
                }
                e.consume();
            });
        }

        void show(GenerationRecord r, ThumbnailSize size) {
            record = r;
            setUserData(r);
            image.setImage(null);
            wanted.clear();
            if (r == null) {
                return;
            }
            double side = side(size);
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
            state.setText(r.status() == GenerationStatus.DONE ? "" : r.status().name().toLowerCase(Locale.ROOT));
            state.setVisible(r.status() != GenerationStatus.DONE);
            prompt.setText(flat(r.prompt()));
            tooltip.setText("#" + r.id() + " \u00b7 " + (fin ? "Final" : "Draft") + " \u00b7 " + r.steps() + " steps\n"
                    + abbreviate(r.prompt()) + "\n" + r.width() + "\u00d7" + r.height() + " \u00b7 seed " + r.seed()
                    + " \u00b7 " + r.providerId() + " \u00b7 " + r.cost().display()
                    + (r.errorMessage() == null ? "" : "\n" + r.errorMessage()));
            highlight(selected.get(), grid.isFocused());
            if (r.image() != null) {
                // The cache delivers only while this tile still wants the image: no stale picture on reuse.
                thumbnails.load(r.image().sha256(), ThumbnailCache.sideFor(side - 12), wanted, image::setImage);
            }
        }

        private void fitPrompt(ThumbnailSize size) {
            double h = promptLines(size) * lineHeight + 2;
            prompt.setMinHeight(h);
            prompt.setPrefHeight(h);
            prompt.setMaxHeight(h);
            prompt.setPrefWidth(side(size));
            prompt.setMaxWidth(side(size));
        }

        void highlight(GenerationRecord s, boolean gridFocused) {
            boolean on = record != null && s != null && s.id() == record.id();
            pseudoClassStateChanged(SELECTED, on);
            pseudoClassStateChanged(CURSOR, on && gridFocused);
        }
    }

    private static String flat(String prompt) {
        return prompt == null ? "" : prompt.replaceAll("\\s+", " ").strip();
    }

    private static String abbreviate(String prompt) {
        String flat = flat(prompt);
        return flat.length() > 140 ? flat.substring(0, 139) + "\u2026" : flat;
    }

    // ---- the menu and what it does --------------------------------------------------------------------

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
        MenuItem delete = item("Delete  (Del, Ctrl+Z undoes)", () -> {
            selected.set(r);
            deleteCurrent();
        });
        boolean hasImage = r.image() != null;
        for (MenuItem m : List.of(open, export, exportClean, copy)) {
            m.setDisable(!hasImage);
        }
        ContextMenu menu = new ContextMenu(open, recall, rerun, star, new SeparatorMenuItem(), beside, setA, withA,
                new SeparatorMenuItem(), export, exportClean, copy, usages, new SeparatorMenuItem(), delete);
        menu.setId("historyMenu");
        return menu;
    }

    private static MenuItem item(String text, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setOnAction(e -> action.run());
        return m;
    }

    private void export(GenerationRecord r, boolean withMetadata) {
        File file = saveDialog.choose(withMetadata ? "Export with parameters" : "Export for a client",
                ImageExport.defaultFileName(r));
        if (file == null) {
            return;
        }
        model.inBackground("Exporting history #" + r.id(), () -> {
            ImageExport.write(r, model.images(), file.toPath(), withMetadata, appVersion);
            return "Exported history #" + r.id() + " to " + file.getName();
        });
    }

    private File chooseWithFileChooser(String title, String initialName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(initialName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        return chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
    }

    private void copy(GenerationRecord r) {
        thumbnails.full(r.image().sha256(), img -> {
            ClipboardContent content = new ClipboardContent();
            content.putImage(img);
            Clipboard.getSystemClipboard().setContent(content);
            model.say("Copied history #" + r.id() + " to the clipboard.");
        }, model::say);
    }
}
