package io.draftboard.ui.history;

import io.draftboard.history.GenerationRecord;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The tile cursor and the grid's keys: the arrows, Home/End and Page Up/Down move the selected tile (scrolling
 * as little as it takes), S stars, Del deletes, Enter recalls, the context-menu key (or Shift+F10) opens the
 * tile's menu. The cursor is a record, not an index, so it survives new renders landing on top.
 */
final class GridKeyboard {
    private final HistoryBrowserModel model;
    private final ListView<HistoryLines.Line> grid;
    private final ObservableList<HistoryLines.Line> lines;
    private final ObjectProperty<GenerationRecord> selected;
    private final HistoryActions actions;
    private final HistoryMenu menu;
    /** The tile on screen showing a record, or null. */
    private final Function<GenerationRecord, Node> tileOf;
    /** How many rows of tiles a page holds at the grid's height. */
    private final ToIntFunction<ListView<?>> rowsPerPage;
    /** A reveal waits for the pulse's layout (one at a time). */
    private boolean revealPending;

    GridKeyboard(HistoryBrowserModel model, ListView<HistoryLines.Line> grid, ObjectProperty<GenerationRecord> selected,
            HistoryActions actions, HistoryMenu menu, Function<GenerationRecord, Node> tileOf,
            ToIntFunction<ListView<?>> rowsPerPage) {
        this.model = model;
        this.grid = grid;
        this.lines = grid.getItems();
        this.selected = selected;
        this.actions = actions;
        this.menu = menu;
        this.tileOf = tileOf;
        this.rowsPerPage = rowsPerPage;
        grid.addEventFilter(KeyEvent.KEY_PRESSED, this::gridKey);
        lines.addListener((ListChangeListener<HistoryLines.Line>) change -> keepCursorShown());
        grid.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            GenerationRecord r = current();
            if (e.isKeyboardTrigger() && r != null && !menu.isShowing()) {
                showMenuAtTile(r);
            }
            e.consume();
        });
    }

    /** The selected row as history holds it now (a star since, say), or null when it is not in view. */
    GenerationRecord current() {
        GenerationRecord s = selected.get();
        return s == null ? null : model.loaded(s.id());
    }

    private int currentIndex() {
        GenerationRecord r = current();
        return r == null ? -1 : model.items().indexOf(r);
    }

    void enterGrid() {
        grid.requestFocus();
        if (current() == null) {
            selectFirstShown();
        }
    }

    /** Focus arrived with no cursor: it goes on the first tile on screen, so the list does not jump. */
    void selectFirstShown() {
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
        if (i >= items.size() - HistoryBrowserView.LOAD_MORE_AHEAD) {
            model.loadMore();
        }
    }

    /** Scrolls as little as it takes to show tile {@code index}, and its day's header when it starts the day. */
    private void reveal(int index) {
        scrollToLineOf(index);
        revealAfterLayout();
    }

    /**
     * VirtualFlow places a line it has not laid out by estimate: a line just off screen is scrolled in by its
     * own length, keeping whatever error the flow's last relayout left (a page of history arriving moves the
     * lines a few pixels, the lines being of two heights), and a far line (End) lands where the estimate says.
     * Under Xvfb, 1,000 Down keys over 100,000 rows left the cursor's caption cut in half. So once the pulse's
     * layout has placed the cursor's line, it is scrolled to again, from where it really is.
     */
    private void revealAfterLayout() {
        Scene scene = grid.getScene();
        if (scene == null || revealPending) {
            return;
        }
        revealPending = true;
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                revealPending = false;
                settleOnCursor();
            }
        });
    }

    /**
     * Scrolls the cursor's line, now laid out, wholly into view. A flow near the end of what it has loaded can
     * stop short, its estimate of the lines' total height being refined as it scrolls: the next try goes the
     * rest of the way.
     */
    private void settleOnCursor() {
        int at = currentIndex();
        for (int tries = 0; at >= 0 && tries < 3 && !lineWhollyShown(at); tries++) {
            scrollToLineOf(at);
        }
    }

    private boolean lineWhollyShown(int index) {
        VirtualFlow<?> flow = flow();
        IndexedCell<?> cell = flow == null ? null : flow.getVisibleCell(HistoryLines.lineOf(lines, index));
        return flow == null || cell != null && whollyInside(cell, flow);
    }

    /** Whether {@code node} lies wholly inside the flow's height (half a pixel of rounding allowed). */
    private static boolean whollyInside(Node node, VirtualFlow<?> flow) {
        Bounds shown = flow.localToScene(flow.getLayoutBounds());
        Bounds at = node.localToScene(node.getLayoutBounds());
        return at.getMinY() >= shown.getMinY() - 0.5 && at.getMaxY() <= shown.getMaxY() + 0.5;
    }

    /** Lines came or went (a page loaded, a render landed): a cursor tile wholly shown before stays so. */
    private void keepCursorShown() {
        GenerationRecord r = current();
        Node tile = r == null ? null : tileOf.apply(r);
        VirtualFlow<?> flow = flow();
        if (tile != null && flow != null && whollyInside(tile, flow)) {
            revealAfterLayout();
        }
    }

    private void scrollToLineOf(int index) {
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
            case PAGE_UP -> rowsAway(line, column, -rowsPerPage.applyAsInt(grid));
            case PAGE_DOWN -> rowsAway(line, column, rowsPerPage.applyAsInt(grid));
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

    /** Deletes {@code r} (the menu's Delete) as Del on its tile would. */
    void delete(GenerationRecord r) {
        selected.set(r);
        deleteCurrent();
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
        Node anchor = tileOf.apply(r);
        if (anchor == null) {
            anchor = grid;
        }
        Bounds b = anchor.localToScreen(anchor.getBoundsInLocal());
        if (b != null) {
            menu.show(r, anchor, b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() / 2);
        }
    }
}
