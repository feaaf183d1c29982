package io.draftboard.ui.explorer;

import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

/**
 * The seed explorer's grid: N drafts of one prompt, as large as the pane lets them be; clicking one (or Enter
 * or Space on it) keeps its seed, and the chosen tile stays marked.
 */
public final class SeedExplorerView extends VBox {
    private static final PseudoClass CHOSEN = PseudoClass.getPseudoClass("chosen");
    private static final double GAP = 8;
    /** A tile's border and padding around its image, both sides together (studio.css .seed-tile). */
    private static final double TILE_CHROME = 12;

    private final SeedExplorerModel model;
    private final TilePane grid = new TilePane(GAP, GAP);

    public SeedExplorerView(SeedExplorerModel model) {
        this.model = model;
        setId("seedExplorer");
        setSpacing(10);
        setPadding(new Insets(12));
        Spinner<Integer> count = new Spinner<>(1, SeedExplorerModel.MAX_COUNT, SeedExplorerModel.DEFAULT_COUNT);
        count.setId("explorerCount");
        count.setPrefWidth(80);
        Button explore = new Button("Explore seeds");
        explore.setId("explore");
        explore.getStyleClass().add("accent");
        explore.setOnAction(e -> model.explore(count.getValue()));
        Label hint = new Label();
        hint.setId("explorerMessage");
        hint.setWrapText(true);
        hint.setMinHeight(USE_PREF_SIZE);
        hint.textProperty().bind(model.messageProperty());
        Label drafts = new Label("Drafts");
        drafts.setMinWidth(USE_PREF_SIZE);
        explore.setMinWidth(USE_PREF_SIZE);
        // At 1024 px the centre column is narrower than the row: the button wraps below, no word is cut.
        FlowPane bar = new FlowPane(8, 6, drafts, count, explore);
        bar.setAlignment(Pos.CENTER_LEFT);
        grid.setId("explorerGrid");
        grid.setAlignment(Pos.CENTER);
        grid.setMinSize(0, 0);
        VBox.setVgrow(grid, Priority.ALWAYS);
        getChildren().addAll(bar, hint, grid);
        model.tiles().addListener((ListChangeListener<SeedExplorerModel.Tile>) c -> rebuild());
        model.chosenProperty().addListener((o, a, b) -> markChosen());
        grid.widthProperty().addListener(o -> fit());
        grid.heightProperty().addListener(o -> fit());
    }

    private void rebuild() {
        grid.getChildren().clear();
        int i = 0;
        for (SeedExplorerModel.Tile tile : model.tiles()) {
            ImageView image = new ImageView();
            image.imageProperty().bind(tile.imageProperty());
            image.setPreserveRatio(true);
            image.setSmooth(true);
            Label state = new Label();
            state.textProperty().bind(tile.stateProperty());
            state.getStyleClass().add("seed-tile-state");
            Label chosen = new Label("\u2713 Chosen");
            chosen.getStyleClass().add("seed-tile-chosen");
            StackPane cell = new StackPane(image, state, chosen);
            StackPane.setAlignment(state, Pos.BOTTOM_LEFT);
            StackPane.setAlignment(chosen, Pos.TOP_LEFT);
            cell.getStyleClass().add("seed-tile");
            cell.setId("seedTile" + (++i));
            cell.setUserData(tile);
            cell.setFocusTraversable(true);
            cell.setOnMouseClicked(e -> {
                cell.requestFocus();
                model.pick(tile);
            });
            cell.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                    model.pick(tile);
                    e.consume();
                }
            });
            grid.getChildren().add(cell);
        }
        fit();
        markChosen();
    }

    private void markChosen() {
        SeedExplorerModel.Tile picked = model.chosenProperty().get();
        grid.getChildren().forEach(n -> {
            boolean on = picked != null && n.getUserData() == picked;
            n.pseudoClassStateChanged(CHOSEN, on);
            n.lookup(".seed-tile-chosen").setVisible(on);
        });
    }

    /** The largest square tiles that fit the pane: the columns are chosen for the pane's shape. */
    private void fit() {
        int n = grid.getChildren().size();
        double w = grid.getWidth() - grid.snappedLeftInset() - grid.snappedRightInset();
        double h = grid.getHeight() - grid.snappedTopInset() - grid.snappedBottomInset();
        if (n == 0 || w <= 0 || h <= 0) {
            return;
        }
        double best = 0;
        int bestColumns = 1;
        for (int columns = 1; columns <= n; columns++) {
            int rows = (n + columns - 1) / columns;
            double side = Math.min((w - (columns - 1) * GAP) / columns, (h - (rows - 1) * GAP) / rows);
            if (side > best) {
                best = side;
                bestColumns = columns;
            }
        }
        double side = Math.max(48, Math.floor(best) - 1);
        grid.setPrefColumns(bestColumns);
        grid.setPrefTileWidth(side);
        grid.setPrefTileHeight(side);
        for (var node : grid.getChildren()) {
            StackPane cell = (StackPane) node;
            cell.setPrefSize(side, side);
            cell.setMaxSize(side, side);
            ImageView image = (ImageView) cell.getChildren().get(0);
            image.setFitWidth(side - TILE_CHROME);
            image.setFitHeight(side - TILE_CHROME);
        }
    }

    /** Tile side in pixels, for tests: every tile has the same. */
    double tileSide() {
        return grid.getPrefTileWidth();
    }
}
