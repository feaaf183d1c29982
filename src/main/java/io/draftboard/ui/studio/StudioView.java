package io.draftboard.ui.studio;

import atlantafx.base.controls.ToggleSwitch;
import io.draftboard.generation.ModelLimits;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.Provider;
import io.draftboard.ui.controls.DropDownSkin;
import io.draftboard.ui.help.Hint;
import io.draftboard.ui.help.Shortcut;
import io.draftboard.ui.references.ReferenceTrayView;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The editor column: prompt, references, the quality slider with its time and cost, guidance, size, seed,
 * options, provider, live-draft controls and the render button. And the preview pane with its state badge.
 */
public final class StudioView {
    private final StudioViewModel model;
    private final EditorModel editorModel;
    private final PreviewModel previewModel;
    private final TextArea prompt = new TextArea();
    private final VBox editor;
    private final VBox footer = new VBox(8);
    private final PreviewPane preview;
    private final Node column;

    public StudioView(StudioViewModel model, ReferenceTrayView tray, Node recallOffer, Runnable exploreSeeds) {
        this.model = model;
        this.editorModel = model.editor();
        this.previewModel = model.preview();
        editor = buildEditor(tray, recallOffer, exploreSeeds);
        preview = new PreviewPane(model.preview(), new UndoRecallButton(editorModel.memory(), previewModel));
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
        FollowFocus.install(scroll);
        javafx.scene.layout.BorderPane column = new javafx.scene.layout.BorderPane(scroll);
        footer.getStyleClass().add("editor-footer");
        column.setBottom(footer);
        column.setMinWidth(340);
        column.setPrefWidth(380);
        return column;
    }

    /** Stops the preview's clock: the window is closing. */
    public void close() {
        preview.close();
    }

    public VBox preview() {
        return preview.node();
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
        VBox box = new VBox(8,
                section("Prompt"), promptArea(), tray, recallOffer,
                section("Quality"), qualitySection(),
                section("Size"), sizeSection(),
                section("Seed"), seedSection(),
                optionsRow(),
                section("Provider"), providerSection());
        // What drafts cost and whether they run stays in view with the render buttons.
        footer.getChildren().setAll(liveRow(), budgetRow(), actionsRow(exploreSeeds), honestyNote());
        box.getStyleClass().add("editor");
        box.setId("editor");
        return box;
    }

    private TextArea promptArea() {
        prompt.setId("prompt");
        prompt.setPromptText("Describe the mockup. Put text to typeset in \"quotes\"; mention references as image 1, image 2\u2026");
        prompt.setWrapText(true);
        prompt.setPrefRowCount(5);
        prompt.textProperty().bindBidirectional(editorModel.promptProperty());
        PromptKeys.install(prompt, editorModel.references());
        // The prompt area would otherwise take Ctrl+Enter as a newline.
        prompt.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (Shortcut.RENDER_FINAL.keys().match(e)) {
                model.renderFinal();
                e.consume();
            }
        });

        return prompt;
    }

    /** The quality slider (the final's steps, with its time and cost) and guidance. */
    private VBox qualitySection() {
        Slider quality = new Slider(ModelLimits.MIN_STEPS, ModelLimits.MAX_STEPS, editorModel.finalStepsProperty().get());
        quality.setId("quality");
        quality.setMajorTickUnit(7);
        quality.setMinorTickCount(0);
        quality.setSnapToTicks(false);
        quality.setBlockIncrement(1);
        quality.valueProperty().addListener((o, a, b) -> editorModel.finalStepsProperty().set((int) Math.round(b.doubleValue())));
        editorModel.finalStepsProperty().addListener((o, a, b) -> quality.setValue(b.intValue()));
        Label qualityLabel = new Label();
        qualityLabel.setId("qualityLabel");
        qualityLabel.textProperty().bind(editorModel.qualityLabelProperty());
        qualityLabel.getStyleClass().add("text-bold");

        Slider guidance = new Slider(ModelLimits.MIN_GUIDANCE, ModelLimits.MAX_GUIDANCE, editorModel.guidanceProperty().get());
        guidance.setId("guidance");
        guidance.setBlockIncrement(0.5);
        guidance.valueProperty().addListener((o, a, b) ->
                editorModel.guidanceProperty().set(Math.round(b.doubleValue() * 10) / 10.0));
        editorModel.guidanceProperty().addListener((o, a, b) -> guidance.setValue(b.doubleValue()));
        Label guidanceValue = new Label();
        guidanceValue.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "Guidance %.1f", editorModel.guidanceProperty().get()), editorModel.guidanceProperty()));

        return new VBox(8, qualityLabel, quality, guidanceValue, guidance);
    }

    /** A preset list and the exact sides, kept in step with each other. */
    private VBox sizeSection() {
        ComboBox<SizePreset> size = DropDownSkin.install(new ComboBox<>());
        size.setId("size");
        size.getItems().setAll(SizePreset.ALL);
        size.setPromptText("Custom");
        size.setMaxWidth(Double.MAX_VALUE);
        size.setVisibleRowCount(12);
        SizePreset.matching(editorModel.widthProperty().get(), editorModel.heightProperty().get()).ifPresent(size::setValue);
        size.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                editorModel.widthProperty().set(b.width());
                editorModel.heightProperty().set(b.height());
            }
        });
        Spinner<Integer> width = sideSpinner("width", editorModel.widthProperty());
        Spinner<Integer> height = sideSpinner("height", editorModel.heightProperty());
        Runnable syncPreset = () -> size.setValue(SizePreset.matching(editorModel.widthProperty().get(),
                editorModel.heightProperty().get()).orElse(null));
        editorModel.widthProperty().addListener((o, a, b) -> syncPreset.run());
        editorModel.heightProperty().addListener((o, a, b) -> syncPreset.run());
        Label times = new Label("\u00d7");
        HBox custom = new HBox(6, width, times, height);
        custom.setAlignment(Pos.CENTER_LEFT);

        return new VBox(8, size, custom);
    }

    private HBox seedSection() {
        TextField seed = new TextField();
        seed.setId("seedField");
        seed.setPrefColumnCount(14);
        seed.setText(editorModel.seedProperty().get());
        editorModel.seedProperty().addListener((o, a, b) -> seed.setText(b));
        seed.setOnAction(e -> editorModel.lockSeed(seed.getText()));
        seed.focusedProperty().addListener((o, a, focused) -> {
            if (!focused && !seed.getText().equals(editorModel.seedProperty().get())) {
                editorModel.lockSeed(seed.getText());
            }
        });
        ToggleButton lock = new ToggleButton();
        lock.setId("seedLock");
        lock.selectedProperty().bindBidirectional(editorModel.seedLockedProperty());
        lock.textProperty().bind(Bindings.when(lock.selectedProperty()).then("Locked").otherwise("Unlocked"));
        Hint.install(lock, "Locked: every draft and the final use this seed until you change it."
                + "\nUnlocked: each edit drafts with a new seed.");
        Button shuffle = new Button("Shuffle");
        shuffle.setId("shuffle");
        Hint.install(shuffle, "New seed (" + Shortcut.NEW_SEED.keys().getDisplayText() + ")");
        shuffle.setOnAction(e -> editorModel.shuffleSeed());
        lock.setMinWidth(Region.USE_PREF_SIZE);
        shuffle.setMinWidth(Region.USE_PREF_SIZE);
        HBox seedRow = new HBox(6, seed, lock, shuffle);
        seedRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(seed, Priority.ALWAYS);

        return seedRow;
    }

    private HBox optionsRow() {
        CheckBox upsampling = new CheckBox("Prompt upsampling");
        upsampling.setId("upsampling");
        upsampling.selectedProperty().bindBidirectional(editorModel.promptUpsamplingProperty());
        Hint.install(upsampling, "The provider rewrites the prompt before rendering: richer images, but the"
                + " final may not match the draft.");
        ComboBox<OutputFormat> format = DropDownSkin.install(new ComboBox<>());
        format.setId("format");
        format.getItems().setAll(OutputFormat.values());
        format.valueProperty().bindBidirectional(editorModel.outputFormatProperty());
        HBox options = new HBox(12, upsampling, new Label("Format"), format);
        options.setAlignment(Pos.CENTER_LEFT);

        return options;
    }

    private VBox providerSection() {
        ComboBox<Provider> provider = DropDownSkin.install(new ComboBox<>());
        provider.setId("provider");
        provider.getItems().setAll(editorModel.providers());
        provider.valueProperty().bindBidirectional(editorModel.providerProperty());
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
        draftCost.textProperty().bind(editorModel.draftCostProperty());

        return new VBox(8, provider, draftCost);
    }

    private HBox liveRow() {
        ToggleSwitch live = new ToggleSwitch("Live drafts");
        live.setId("liveDrafts");
        live.selectedProperty().bindBidirectional(editorModel.liveDraftsProperty());
        CheckBox cap = new CheckBox("Draft \u2264 1 MP");
        cap.setId("capDrafts");
        cap.selectedProperty().bindBidirectional(editorModel.capDraftsProperty());
        Hint.install(cap, "Drafts a large final at the same aspect within 1 MP: faster and cheaper.");
        // With live drafts off, one draft on demand: the designer decides when a (possibly paid) draft goes.
        Button draftNow = new Button("Draft now");
        draftNow.setId("draftNow");
        Hint.install(draftNow, Shortcut.DRAFT_NOW.keys().getDisplayText());
        draftNow.setOnAction(e -> model.draftNow());
        draftNow.visibleProperty().bind(editorModel.liveDraftsProperty().not());
        draftNow.managedProperty().bind(draftNow.visibleProperty());
        draftNow.setMinWidth(Region.USE_PREF_SIZE);
        HBox liveRow = new HBox(12, live, cap, draftNow);
        liveRow.setAlignment(Pos.CENTER_LEFT);
        return liveRow;
    }

    /** The session budget and what this session has spent so far. */
    private HBox budgetRow() {
        TextField budget = new TextField(editorModel.budgetProperty().get() > 0
                ? String.format(Locale.ROOT, "%.2f", editorModel.budgetProperty().get()) : "");
        budget.setId("budget");
        budget.setPromptText("no budget");
        budget.setPrefColumnCount(6);
        Hint.install(budget, "Session budget in US dollars: live drafts pause when it is reached.");
        budget.setOnAction(e -> applyBudget(budget));
        budget.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) {
                applyBudget(budget);
            }
        });
        Label spent = new Label();
        spent.setId("spent");
        spent.setWrapText(true); // "… · 3 paid drafts $0.15" wraps under the field in a narrow column
        spent.textProperty().bind(editorModel.spentProperty());
        Label caption = new Label("Budget $");
        caption.setMinWidth(Region.USE_PREF_SIZE);
        budget.setMinWidth(Region.USE_PREF_SIZE);
        HBox budgetRow = new HBox(8, caption, budget, spent);
        HBox.setHgrow(spent, Priority.ALWAYS);
        budgetRow.setAlignment(Pos.CENTER_LEFT);

        return budgetRow;
    }

    private HBox actionsRow(Runnable exploreSeeds) {
        Button renderFinal = new Button("Render final");
        renderFinal.setId("renderFinal");
        renderFinal.getStyleClass().add("accent");
        renderFinal.setMaxWidth(Double.MAX_VALUE);
        Hint.install(renderFinal, Shortcut.RENDER_FINAL.keys().getDisplayText());
        renderFinal.disableProperty().bind(previewModel.finalRunningProperty());
        renderFinal.setOnAction(e -> model.renderFinal());
        Button cancelFinal = new Button("Cancel final");
        cancelFinal.setId("cancelFinal");
        cancelFinal.getStyleClass().add("danger");
        cancelFinal.visibleProperty().bind(previewModel.finalRunningProperty());
        cancelFinal.managedProperty().bind(cancelFinal.visibleProperty());
        cancelFinal.setOnAction(e -> model.cancelFinal());
        Button explore = new Button("Explore seeds");
        explore.setId("exploreSeeds");
        Hint.install(explore, Shortcut.EXPLORE_SEEDS.keys().getDisplayText());
        explore.setOnAction(e -> exploreSeeds.run());
        HBox actions = new HBox(8, renderFinal, cancelFinal, explore);
        HBox.setHgrow(renderFinal, Priority.ALWAYS);

        return actions;
    }

    /** The promise the quality slider keeps, in words: a draft approximates, the final is a new render. */
    private Label honestyNote() {
        Label honesty = new Label();
        honesty.textProperty().bind(Bindings.createStringBinding(() -> "A " + editorModel.draftStepsProperty().get()
                + "-step draft approximates the final's composition. The final is a new render with the same seed"
                + " and parameters, so details will differ.", editorModel.draftStepsProperty()));
        honesty.setId("honesty");
        honesty.setWrapText(true);
        honesty.getStyleClass().addAll("text-muted", "text-small");

        return honesty;
    }

    private void applyBudget(TextField field) {
        String text = field.getText().strip().replace("$", "");
        if (text.isEmpty()) {
            editorModel.budgetProperty().set(0);
            return;
        }
        try {
            double value = Double.parseDouble(text);
            if (value < 0 || !Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            editorModel.budgetProperty().set(value);
        } catch (NumberFormatException e) {
            previewModel.say("Budget must be an amount in dollars, like 2.50 (empty for none).");
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
}
