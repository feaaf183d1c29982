package io.draftboard.ui.history;

import io.draftboard.settings.StudioSettings.ThumbnailSize;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;

/** One line of the grid: a day's header, or a row of tiles (kept and reused as the grid scrolls). */
final class HistoryLineCell extends ListCell<HistoryLines.Line> {
    private final HistoryBrowserModel model;
    private final Supplier<HistoryTile> newTile;
    private final Label header = new Label();
    private final HBox row = new HBox(HistoryBrowserView.GAP);
    private final List<HistoryTile> tiles = new ArrayList<>();

    HistoryLineCell(HistoryBrowserModel model, Supplier<HistoryTile> newTile) {
        this.model = model;
        this.newTile = newTile;
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
                tiles.add(newTile.get());
            }
            ThumbnailSize size = model.thumbnailSizeProperty().get();
            for (int i = 0; i < n; i++) {
                tiles.get(i).show(r.records().get(i), size);
            }
            clearTiles(n);
            row.getChildren().setAll(tiles.subList(0, n));
            setGraphic(row);
            // Keyset paging: the next page is asked for as the last loaded rows come into view.
            if (r.last() >= model.items().size() - HistoryBrowserView.LOAD_MORE_AHEAD) {
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
