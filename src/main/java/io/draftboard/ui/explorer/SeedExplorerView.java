package io.draftboard.ui.explorer;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

/** The seed explorer's grid: N drafts of one prompt; clicking one keeps its seed. */
public final class SeedExplorerView extends VBox {
    private final SeedExplorerModel model;
    private final TilePane grid = new TilePane(8, 8);

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
        hint.textProperty().bind(model.messageProperty());
        HBox bar = new HBox(8, new Label("Drafts"), count, explore);
        bar.setAlignment(Pos.CENTER_LEFT);
        grid.setId("explorerGrid");
        grid.setPrefColumns(3);
        VBox.setVgrow(grid, Priority.ALWAYS);
        getChildren().addAll(bar, hint, grid);
        model.tiles().addListener((ListChangeListener<SeedExplorerModel.Tile>) c -> rebuild());
    }

    private void rebuild() {
        grid.getChildren().clear();
        int i = 0;
        for (SeedExplorerModel.Tile tile : model.tiles()) {
            ImageView image = new ImageView();
            image.imageProperty().bind(tile.imageProperty());
            image.setPreserveRatio(true);
            image.setFitWidth(220);
            image.setFitHeight(220);
            Label state = new Label();
            state.textProperty().bind(tile.stateProperty());
            state.getStyleClass().add("seed-tile-state");
            StackPane cell = new StackPane(image, state);
            StackPane.setAlignment(state, Pos.BOTTOM_LEFT);
            cell.setPrefSize(228, 228);
            cell.getStyleClass().add("seed-tile");
            cell.setId("seedTile" + (++i));
            cell.setOnMouseClicked(e -> model.pick(tile));
            grid.getChildren().add(cell);
        }
    }
}
