package io.draftboard.ui.studio;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * A panel over the bottom of the preview picture while a final renders: progress, elapsed, time left and
 * cost, large enough to read from across the desk. Its own node layered in the preview's stack, so the
 * picture under it (a draft, or the steps of the final as they arrive) stays visible above it. It takes no
 * clicks: the picture under it stays usable.
 */
final class FinalProgressOverlay extends VBox {

    FinalProgressOverlay(FinalProgress progress) {
        setId("finalOverlay");
        getStyleClass().add("final-overlay");
        setSpacing(6);
        setMaxSize(420, USE_PREF_SIZE);
        setMouseTransparent(true);
        StackPane.setAlignment(this, Pos.BOTTOM_CENTER);

        Label title = new Label("Rendering the final");
        title.getStyleClass().add("text-bold");
        Label percent = label("finalPercent");
        percent.textProperty().bind(progress.percentProperty());
        HBox head = new HBox(8, title, percent);
        head.setAlignment(Pos.CENTER_LEFT);

        ProgressBar bar = new ProgressBar();
        bar.setId("finalProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        // Before the first step an indeterminate bar says "working" rather than a bar stuck at zero.
        bar.progressProperty().bind(javafx.beans.binding.Bindings.when(progress.fractionProperty().greaterThan(0))
                .then(progress.fractionProperty()).otherwise(ProgressBar.INDETERMINATE_PROGRESS));

        Label elapsed = label("finalElapsed");
        elapsed.textProperty().bind(progress.elapsedProperty());
        Label left = label("finalLeft");
        left.textProperty().bind(progress.leftProperty());
        Label cost = label("finalCost");
        cost.textProperty().bind(progress.costProperty());
        HBox numbers = new HBox(14, elapsed, left, cost);
        numbers.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(head, bar, numbers);
        visibleProperty().bind(progress.runningProperty());
        managedProperty().bind(visibleProperty());
    }

    private static Label label(String id) {
        Label l = new Label();
        l.setId(id);
        l.setMinWidth(USE_PREF_SIZE);
        return l;
    }
}
