package io.draftboard.ui.studio;

import io.draftboard.generation.DraftState;
import java.util.Locale;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The preview pane: the picture, its state badge, progress, the clock, the caption and the message line. */
final class PreviewPane {
    private final PreviewModel model;
    private Timeline clock;
    private final VBox node;

    private final javafx.scene.Node[] messageActions;

    /** {@code messageActions}: buttons beside the message line (Undo recall). */
    PreviewPane(PreviewModel model, javafx.scene.Node... messageActions) {
        this.model = model;
        this.messageActions = messageActions;
        this.node = build();
    }

    VBox node() {
        return node;
    }

    /** The window is closing: the clock stops ticking. */
    void close() {
        clock.stop();
    }

    private VBox build() {
        ImageView image = new ImageView();
        image.setId("preview");
        image.setPreserveRatio(true);
        image.setSmooth(true);
        image.imageProperty().bind(Bindings.createObjectBinding(
                () -> model.previewProperty().get() == null ? null : model.previewProperty().get().image(),
                model.previewProperty()));
        Label empty = new Label("Type a prompt: a draft appears here as soon as you pause.");
        empty.getStyleClass().add("text-muted");
        empty.setWrapText(true); // a narrow preview wraps the sentence rather than cutting it
        empty.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        empty.setPadding(new Insets(0, 16, 0, 16));
        empty.visibleProperty().bind(model.previewProperty().isNull());
        StackPane canvas = new StackPane(image, empty, new FinalProgressOverlay(model.finalProgress()));
        canvas.setMinSize(200, 200);
        canvas.getStyleClass().add("preview-canvas");
        image.fitWidthProperty().bind(canvas.widthProperty().subtract(24));
        image.fitHeightProperty().bind(canvas.heightProperty().subtract(24));

        Label badge = new Label();
        badge.setId("state");
        badge.getStyleClass().add("state-badge"); // one fixed width for every state (studio.css)
        badge.textProperty().bind(model.badgeProperty());
        model.badgeProperty().addListener((o, a, b) -> styleBadge(badge, b));
        styleBadge(badge, model.badgeProperty().get());
        ProgressBar progress = new ProgressBar();
        progress.setId("progress");
        progress.setPrefWidth(140);
        progress.setMinWidth(24); // in a narrow window the bar gives way, never the words beside it
        progress.setMaxWidth(240);
        progress.progressProperty().bind(model.progressProperty());
        Label timing = new Label();
        timing.setId("timing");
        timing.setMinWidth(Region.USE_PREF_SIZE);
        timing.textProperty().bind(model.timingProperty());
        Label info = new Label();
        info.setId("previewInfo");
        info.setWrapText(true); // the caption wraps under the bar rather than running off a narrow pane
        info.setMinHeight(Region.USE_PREF_SIZE);
        info.textProperty().bind(Bindings.createStringBinding(() -> model.previewProperty().get() == null ? ""
                : model.previewProperty().get().caption(), model.previewProperty()));
        // Elapsed and ETA, five times a second; tick() returns at once when nothing renders.
        clock = new Timeline(
                new KeyFrame(javafx.util.Duration.millis(200), e -> model.tick()));
        clock.setCycleCount(Animation.INDEFINITE);
        clock.play();
        HBox bar = new HBox(10, badge, progress, timing);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(progress, Priority.SOMETIMES);
        VBox status = new VBox(4, bar, info);
        Label message = new Label();
        message.setId("message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        HBox messageRow = new HBox(8, message);
        messageRow.getChildren().addAll(messageActions);
        messageRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(message, Priority.ALWAYS);
        VBox pane = new VBox(10, status, canvas, messageRow);
        pane.setPadding(new Insets(12));
        VBox.setVgrow(canvas, Priority.ALWAYS);
        return pane;
    }

    /** The badge's colour says the state at a glance; studio.css maps each state class to theme colours. */
    static void styleBadge(Label badge, DraftState state) {
        styleBadge(badge, state.name().toLowerCase(Locale.ROOT));
    }

    /** As above for the badge's word ("final" is not a draft state but has its own colour). */
    static void styleBadge(Label badge, String word) {
        badge.getStyleClass().removeIf(c -> c.startsWith("state-") && !c.equals("state-badge"));
        badge.getStyleClass().add("state-" + word);
    }

    /** "state-ready", "state-stale" …: the badge's colour in studio.css, beside its base class "state-badge". */
    static String stateClass(DraftState state) {
        return "state-" + state.name().toLowerCase(Locale.ROOT);
    }
}
