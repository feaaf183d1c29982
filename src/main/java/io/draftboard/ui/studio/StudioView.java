package io.draftboard.ui.studio;

import atlantafx.base.controls.ToggleSwitch;
import io.draftboard.generation.DraftState;
import io.draftboard.generation.ModelLimits;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.Provider;
import io.draftboard.ui.help.Shortcut;
import io.draftboard.ui.references.ReferenceTrayView;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The editor column: prompt, references, the quality slider with its time and cost, guidance, size, seed,
 * options, provider, live-draft controls and the render button. And the preview pane with its state badge.
 */
public final class StudioView {
    private final StudioViewModel model;
    private final TextArea prompt = new TextArea();
    private final VBox editor;
    private final VBox footer = new VBox(8);
    private final VBox preview;
    private final Node column;

    public StudioView(StudioViewModel model, ReferenceTrayView tray, Node recallOffer, Runnable exploreSeeds) {
        this.model = model;
        editor = buildEditor(tray, recallOffer, exploreSeeds);
        preview = buildPreview();
        column = buildColumn();
    }

    /** The editor column: its fields scroll, while the render buttons and their honesty note stay in view. */
    public Node editor() {
        return column;
    }

    private Node buildColumn() {
        ScrollPane scroll = new ScrollPane(editor);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        javafx.scene.layout.BorderPane column = new javafx.scene.layout.BorderPane(scroll);
        footer.setPadding(new Insets(10, 14, 12, 14));
        footer.setStyle("-fx-border-color: -color-border-muted transparent transparent transparent;");
        column.setBottom(footer);
        column.setMinWidth(340);
        column.setPrefWidth(380);
        return column;
    }

    public VBox preview() {
        return preview;
    }

    public void focusPrompt() {
        prompt.requestFocus();
    }

    /** Puts "image N" at the caret, with a space on either side when needed. */
    public void insertAtCaret(String text) {
        int caret = prompt.getCaretPosition();
        String before = prompt.getText().substring(0, caret);
        String pad = before.isEmpty() || before.endsWith(" ") ? "" : " ";
        prompt.insertText(caret, pad + text + " ");
        prompt.requestFocus();
    }

    private VBox buildEditor(ReferenceTrayView tray, Node recallOffer, Runnable exploreSeeds) {
        prompt.setId("prompt");
        prompt.setPromptText("Describe the mockup. Put text to typeset in \"quotes\"; mention references as image 1, image 2\u2026");
        prompt.setWrapText(true);
        prompt.setPrefRowCount(5);
        prompt.textProperty().bindBidirectional(model.promptProperty());
        // The prompt area would otherwise take Ctrl+Enter as a newline.
        prompt.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (Shortcut.RENDER_FINAL.keys().match(e)) {
                model.renderFinal();
                e.consume();
            }
        });

        Slider quality = new Slider(ModelLimits.MIN_STEPS, ModelLimits.MAX_STEPS, model.finalStepsProperty().get());
        quality.setId("quality");
        quality.setMajorTickUnit(7);
        quality.setMinorTickCount(0);
        quality.setSnapToTicks(false);
        quality.setBlockIncrement(1);
        quality.valueProperty().addListener((o, a, b) -> model.finalStepsProperty().set((int) Math.round(b.doubleValue())));
        model.finalStepsProperty().addListener((o, a, b) -> quality.setValue(b.intValue()));
        Label qualityLabel = new Label();
        qualityLabel.setId("qualityLabel");
        qualityLabel.textProperty().bind(model.qualityLabelProperty());
        qualityLabel.getStyleClass().add("text-bold");

        Slider guidance = new Slider(ModelLimits.MIN_GUIDANCE, ModelLimits.MAX_GUIDANCE, model.guidanceProperty().get());
        guidance.setId("guidance");
        guidance.setBlockIncrement(0.5);
        guidance.valueProperty().addListener((o, a, b) ->
                model.guidanceProperty().set(Math.round(b.doubleValue() * 10) / 10.0));
        model.guidanceProperty().addListener((o, a, b) -> guidance.setValue(b.doubleValue()));
        Label guidanceValue = new Label();
        guidanceValue.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "Guidance %.1f", model.guidanceProperty().get()), model.guidanceProperty()));

        ComboBox<SizePreset> size = new ComboBox<>();
        size.setId("size");
        size.getItems().setAll(SizePreset.ALL);
        size.setPromptText("Custom");
        size.setMaxWidth(Double.MAX_VALUE);
        size.setVisibleRowCount(12);
        SizePreset.matching(model.widthProperty().get(), model.heightProperty().get()).ifPresent(size::setValue);
        size.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.widthProperty().set(b.width());
                model.heightProperty().set(b.height());
            }
        });
        Spinner<Integer> width = sideSpinner("width", model.widthProperty());
        Spinner<Integer> height = sideSpinner("height", model.heightProperty());
        Runnable syncPreset = () -> size.setValue(SizePreset.matching(model.widthProperty().get(),
                model.heightProperty().get()).orElse(null));
        model.widthProperty().addListener((o, a, b) -> syncPreset.run());
        model.heightProperty().addListener((o, a, b) -> syncPreset.run());
        Label times = new Label("\u00d7");
        HBox custom = new HBox(6, width, times, height);
        custom.setAlignment(Pos.CENTER_LEFT);

        TextField seed = new TextField();
        seed.setId("seedField");
        seed.setPrefColumnCount(14);
        seed.setText(model.seedProperty().get());
        model.seedProperty().addListener((o, a, b) -> seed.setText(b));
        seed.setOnAction(e -> model.lockSeed(seed.getText()));
        seed.focusedProperty().addListener((o, a, focused) -> {
            if (!focused && !seed.getText().equals(model.seedProperty().get())) {
                model.lockSeed(seed.getText());
            }
        });
        ToggleButton lock = new ToggleButton();
        lock.setId("seedLock");
        lock.selectedProperty().bindBidirectional(model.seedLockedProperty());
        lock.textProperty().bind(Bindings.when(lock.selectedProperty()).then("Locked").otherwise("Unlocked"));
        lock.setTooltip(new Tooltip("Locked: every draft and the final use this seed until you change it."
                + "\nUnlocked: each edit drafts with a new seed."));
        Button shuffle = new Button("Shuffle");
        shuffle.setId("shuffle");
        shuffle.setTooltip(new Tooltip("New seed (" + Shortcut.NEW_SEED.keys().getDisplayText() + ")"));
        shuffle.setOnAction(e -> model.shuffleSeed());
        lock.setMinWidth(Region.USE_PREF_SIZE);
        shuffle.setMinWidth(Region.USE_PREF_SIZE);
        HBox seedRow = new HBox(6, seed, lock, shuffle);
        seedRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(seed, Priority.ALWAYS);

        CheckBox upsampling = new CheckBox("Prompt upsampling");
        upsampling.setId("upsampling");
        upsampling.selectedProperty().bindBidirectional(model.promptUpsamplingProperty());
        upsampling.setTooltip(new Tooltip("The provider rewrites the prompt before rendering: richer images, but the"
                + " final may not match the draft."));
        ComboBox<OutputFormat> format = new ComboBox<>();
        format.setId("format");
        format.getItems().setAll(OutputFormat.values());
        format.valueProperty().bindBidirectional(model.outputFormatProperty());
        HBox options = new HBox(12, upsampling, new Label("Format"), format);
        options.setAlignment(Pos.CENTER_LEFT);

        ComboBox<Provider> provider = new ComboBox<>();
        provider.setId("provider");
        provider.getItems().setAll(model.providers());
        provider.valueProperty().bindBidirectional(model.providerProperty());
        provider.setMaxWidth(Double.MAX_VALUE);
        provider.setConverter(new StringConverter<>() {
            @Override
            public String toString(Provider p) {
                return p == null ? "" : p.info().displayName();
            }

            @Override
            public Provider fromString(String s) {
                return null;
            }
        });
        Label draftCost = new Label();
        draftCost.setId("draftCost");
        draftCost.setWrapText(true);
        draftCost.getStyleClass().add("text-small");
        draftCost.textProperty().bind(model.draftCostProperty());

        ToggleSwitch live = new ToggleSwitch("Live drafts");
        live.setId("liveDrafts");
        live.selectedProperty().bindBidirectional(model.liveDraftsProperty());
        CheckBox cap = new CheckBox("Draft \u2264 1 MP");
        cap.setId("capDrafts");
        cap.selectedProperty().bindBidirectional(model.capDraftsProperty());
        cap.setTooltip(new Tooltip("Drafts a large final at the same aspect within 1 MP: faster and cheaper."));
        TextField budget = new TextField(model.budgetProperty().get() > 0
                ? String.format(Locale.ROOT, "%.2f", model.budgetProperty().get()) : "");
        budget.setId("budget");
        budget.setPromptText("no budget");
        budget.setPrefColumnCount(6);
        budget.setTooltip(new Tooltip("Session budget in US dollars: live drafts pause when it is reached."));
        budget.setOnAction(e -> applyBudget(budget));
        budget.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) {
                applyBudget(budget);
            }
        });
        HBox liveRow = new HBox(12, live, cap);
        liveRow.setAlignment(Pos.CENTER_LEFT);
        Label spent = new Label();
        spent.setId("spent");
        spent.textProperty().bind(model.spentProperty());
        HBox budgetRow = new HBox(8, new Label("Budget $"), budget, spent);
        budgetRow.setAlignment(Pos.CENTER_LEFT);

        Button renderFinal = new Button("Render final");
        renderFinal.setId("renderFinal");
        renderFinal.getStyleClass().add("accent");
        renderFinal.setMaxWidth(Double.MAX_VALUE);
        renderFinal.setTooltip(new Tooltip(Shortcut.RENDER_FINAL.keys().getDisplayText()));
        renderFinal.disableProperty().bind(model.finalRunningProperty());
        renderFinal.setOnAction(e -> model.renderFinal());
        Button cancelFinal = new Button("Cancel final");
        cancelFinal.setId("cancelFinal");
        cancelFinal.getStyleClass().add("danger");
        cancelFinal.visibleProperty().bind(model.finalRunningProperty());
        cancelFinal.managedProperty().bind(cancelFinal.visibleProperty());
        cancelFinal.setOnAction(e -> model.cancelFinal());
        Button explore = new Button("Explore seeds");
        explore.setId("exploreSeeds");
        explore.setTooltip(new Tooltip(Shortcut.EXPLORE_SEEDS.keys().getDisplayText()));
        explore.setOnAction(e -> exploreSeeds.run());
        HBox actions = new HBox(8, renderFinal, cancelFinal, explore);
        HBox.setHgrow(renderFinal, Priority.ALWAYS);

        Label honesty = new Label();
        honesty.textProperty().bind(Bindings.createStringBinding(() -> "A " + model.draftStepsProperty().get()
                + "-step draft approximates the final's composition. The final is a new render with the same seed"
                + " and parameters, so details will differ.", model.draftStepsProperty()));
        honesty.setId("honesty");
        honesty.setWrapText(true);
        honesty.getStyleClass().addAll("text-muted", "text-small");

        VBox box = new VBox(8,
                section("Prompt"), prompt, tray, recallOffer,
                section("Quality"), qualityLabel, quality,
                guidanceValue, guidance,
                section("Size"), size, custom,
                section("Seed"), seedRow,
                options,
                section("Provider"), provider, draftCost);
        // What drafts cost and whether they run stays in view with the render buttons.
        footer.getChildren().setAll(liveRow, budgetRow, actions, honesty);
        box.setPadding(new Insets(14));
        box.setId("editor");
        return box;
    }

    private void applyBudget(TextField field) {
        String text = field.getText().strip().replace("$", "");
        if (text.isEmpty()) {
            model.budgetProperty().set(0);
            return;
        }
        try {
            double value = Double.parseDouble(text);
            if (value < 0 || !Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            model.budgetProperty().set(value);
        } catch (NumberFormatException e) {
            model.say("Budget must be an amount in dollars, like 2.50 (empty for none).");
        }
    }

    private Spinner<Integer> sideSpinner(String id, javafx.beans.property.IntegerProperty side) {
        Spinner<Integer> spinner = new Spinner<>(ModelLimits.MIN_SIDE, 4096, side.get(), 16);
        spinner.setId(id);
        spinner.setEditable(true);
        spinner.setPrefWidth(100);
        spinner.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                side.set(b);
            }
        });
        side.addListener((o, a, b) -> spinner.getValueFactory().setValue(b.intValue()));
        return spinner;
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().addAll("text-caption", "text-muted");
        return label;
    }

    private VBox buildPreview() {
        ImageView image = new ImageView();
        image.setId("preview");
        image.setPreserveRatio(true);
        image.setSmooth(true);
        image.imageProperty().bind(Bindings.createObjectBinding(
                () -> model.previewProperty().get() == null ? null : model.previewProperty().get().image(),
                model.previewProperty()));
        Label empty = new Label("Type a prompt: a draft appears here as soon as you pause.");
        empty.getStyleClass().add("text-muted");
        empty.visibleProperty().bind(model.previewProperty().isNull());
        StackPane canvas = new StackPane(image, empty);
        canvas.setMinSize(200, 200);
        canvas.setStyle("-fx-background-color: -color-bg-subtle; -fx-background-radius: 8;");
        image.fitWidthProperty().bind(canvas.widthProperty().subtract(24));
        image.fitHeightProperty().bind(canvas.heightProperty().subtract(24));

        Label badge = new Label();
        badge.setId("state");
        badge.setMinWidth(Region.USE_PREF_SIZE);
        badge.textProperty().bind(Bindings.createStringBinding(
                () -> model.stateProperty().get().name().toLowerCase(Locale.ROOT), model.stateProperty()));
        model.stateProperty().addListener((o, a, b) -> styleBadge(badge, b));
        styleBadge(badge, model.stateProperty().get());
        ProgressBar progress = new ProgressBar();
        progress.setId("progress");
        progress.setPrefWidth(140);
        progress.progressProperty().bind(model.progressProperty());
        Label timing = new Label();
        timing.setId("timing");
        timing.setMinWidth(Region.USE_PREF_SIZE);
        timing.textProperty().bind(model.timingProperty());
        Label info = new Label();
        info.setId("previewInfo");
        info.textProperty().bind(Bindings.createStringBinding(() -> model.previewProperty().get() == null ? ""
                : model.previewProperty().get().caption(), model.previewProperty()));
        // Elapsed and ETA, five times a second; tick() returns at once when nothing renders.
        javafx.animation.Timeline clock = new javafx.animation.Timeline(
                new javafx.animation.KeyFrame(javafx.util.Duration.millis(200), e -> model.tick()));
        clock.setCycleCount(javafx.animation.Animation.INDEFINITE);
        clock.play();
        HBox status = new HBox(10, badge, progress, timing, info);
        status.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.setId("message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        VBox pane = new VBox(10, status, canvas, message);
        pane.setPadding(new Insets(12));
        VBox.setVgrow(canvas, Priority.ALWAYS);
        return pane;
    }

    private static void styleBadge(Label badge, DraftState state) {
        badge.getStyleClass().removeAll("success", "warning", "danger", "accent");
        String colour = switch (state) {
            case READY -> "success";
            case STALE, QUEUED -> "warning";
            case RENDERING -> "accent";
            case FAILED -> "danger";
            case IDLE -> "neutral";
        };
        String text = colour.equals("neutral") ? "-color-fg-muted" : "-color-" + colour + "-fg";
        badge.setStyle("-fx-background-color: -color-" + colour + "-subtle; -fx-text-fill: " + text + ";"
                + " -fx-background-radius: 10; -fx-padding: 2 10 2 10; -fx-font-weight: bold;");
    }
}
