package io.draftboard.ui.studio;

import io.draftboard.generation.DraftState;
import io.draftboard.generation.Provider;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The studio window's content: the editor on the left, the live preview with its state badge on the right. */
public final class StudioView extends BorderPane {
    static final KeyCombination RENDER_FINAL = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);

    public StudioView(StudioViewModel model) {
        setId("studio");
        getStyleClass().add("studio");

        TextArea prompt = new TextArea();
        prompt.setId("prompt");
        prompt.setPromptText("Describe the image. Put text to typeset in \"quotes\".");
        prompt.setWrapText(true);
        prompt.setPrefRowCount(6);
        prompt.textProperty().bindBidirectional(model.promptProperty());

        ComboBox<SizePreset> size = new ComboBox<>();
        size.setId("size");
        size.getItems().setAll(SizePreset.ALL);
        size.valueProperty().bindBidirectional(model.sizeProperty());
        size.setMaxWidth(Double.MAX_VALUE);

        Label seed = new Label();
        seed.setId("seed");
        seed.textProperty().bind(Bindings.concat("Seed ", model.seedProperty()));
        seed.setMinWidth(Label.USE_PREF_SIZE);
        Button shuffle = new Button("Shuffle");
        shuffle.setMinWidth(Button.USE_PREF_SIZE);
        shuffle.setTooltip(new javafx.scene.control.Tooltip("The seed stays locked until you shuffle it"));
        shuffle.setId("shuffle");
        shuffle.setOnAction(e -> model.shuffleSeed());
        HBox seedRow = new HBox(8, seed, shuffle);
        seedRow.setAlignment(Pos.CENTER_LEFT);

        Button renderFinal = new Button("Render final  (Ctrl+Enter)");
        renderFinal.setId("renderFinal");
        renderFinal.getStyleClass().add("accent");
        renderFinal.setMaxWidth(Double.MAX_VALUE);
        renderFinal.disableProperty().bind(model.finalRunningProperty());
        renderFinal.setOnAction(e -> model.renderFinal());

        ComboBox<Provider> provider = new ComboBox<>();
        provider.setId("provider");
        provider.getItems().setAll(model.providers());
        provider.valueProperty().bindBidirectional(model.providerProperty());
        provider.setMaxWidth(Double.MAX_VALUE);
        provider.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Provider p) {
                return p == null ? "" : p.info().displayName();
            }

            @Override
            public Provider fromString(String s) {
                return null;
            }
        });
        Label cost = new Label();
        cost.setId("cost");
        cost.textProperty().bind(model.costInfoProperty());
        Label honesty = new Label("A 6-step draft approximates the final's composition: the final is a new "
                + "render with the same seed and parameters, so details will differ.");
        honesty.setWrapText(true);
        honesty.getStyleClass().add("text-muted");

        VBox editor = new VBox(10, new Label("Prompt"), prompt, new Label("Size"), size, seedRow, new Label("Provider"),
                provider, cost,
                renderFinal, honesty);
        editor.setPadding(new Insets(16));
        editor.setPrefWidth(360);
        VBox.setVgrow(prompt, Priority.ALWAYS);

        ImageView image = new ImageView();
        image.setId("preview");
        image.setPreserveRatio(true);
        image.imageProperty().bind(model.previewProperty());
        StackPane canvas = new StackPane(image);
        canvas.setMinSize(200, 200);
        image.fitWidthProperty().bind(canvas.widthProperty().subtract(24));
        image.fitHeightProperty().bind(canvas.heightProperty().subtract(24));

        Label badge = new Label();
        badge.setId("state");
        badge.getStyleClass().add("state-badge");
        badge.textProperty().bind(Bindings.createStringBinding(
                () -> model.stateProperty().get().name().toLowerCase(Locale.ROOT), model.stateProperty()));
        model.stateProperty().addListener((o, a, b) -> styleBadge(badge, b));
        styleBadge(badge, model.stateProperty().get());
        ProgressBar progress = new ProgressBar();
        progress.setId("progress");
        progress.progressProperty().bind(model.progressProperty());
        Label info = new Label();
        info.setId("previewInfo");
        info.textProperty().bind(model.previewInfoProperty());
        Label message = new Label();
        message.setId("message");
        message.textProperty().bind(model.messageProperty());
        HBox status = new HBox(10, badge, progress, info);
        status.setAlignment(Pos.CENTER_LEFT);
        VBox previewPane = new VBox(8, status, canvas, message);
        previewPane.setPadding(new Insets(16));
        VBox.setVgrow(canvas, Priority.ALWAYS);

        setLeft(editor);
        setCenter(previewPane);

        setOnKeyPressed(e -> {
            if (RENDER_FINAL.match(e)) {
                model.renderFinal();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                model.cancelDraft();
                e.consume();
            }
        });
        // The prompt area would otherwise swallow Ctrl+Enter as a newline.
        prompt.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (RENDER_FINAL.match(e)) {
                model.renderFinal();
                e.consume();
            }
        });
    }

    private static void styleBadge(Label badge, DraftState state) {
        badge.getStyleClass().removeAll("success", "warning", "danger", "accent");
        switch (state) {
            case READY -> badge.getStyleClass().add("success");
            case STALE, QUEUED -> badge.getStyleClass().add("warning");
            case RENDERING -> badge.getStyleClass().add("accent");
            case FAILED -> badge.getStyleClass().add("danger");
            default -> {
            }
        }
    }
}
