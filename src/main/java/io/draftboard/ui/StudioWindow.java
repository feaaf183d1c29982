package io.draftboard.ui;

import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.JobOutcome;
import io.draftboard.history.GenerationRecord;
import io.draftboard.history.StoredReference;
import io.draftboard.ui.compare.CompareView;
import io.draftboard.ui.explorer.SeedExplorerModel;
import io.draftboard.ui.explorer.SeedExplorerView;
import io.draftboard.ui.help.HelpOverlay;
import io.draftboard.ui.help.Shortcut;
import io.draftboard.ui.history.HistoryActions;
import io.draftboard.ui.history.HistoryBrowserModel;
import io.draftboard.ui.history.HistoryBrowserView;
import io.draftboard.ui.history.ThumbnailCache;
import io.draftboard.ui.references.DropReader;
import io.draftboard.ui.references.ReferenceTrayModel;
import io.draftboard.ui.references.ReferenceTrayView;
import io.draftboard.ui.studio.Recalled;
import io.draftboard.ui.studio.StudioView;
import io.draftboard.ui.studio.EditorModel;
import io.draftboard.ui.studio.ImageDecoder;
import io.draftboard.ui.studio.PreviewModel;
import io.draftboard.ui.studio.StudioViewModel;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The studio window's content: editor | preview, compare and seed explorer | history. It wires the feature
 * views together, owns the keyboard shortcuts, and takes drops and pastes anywhere in the window.
 */
public final class StudioWindow extends StackPane {
    /** The smallest window the studio is laid out for: at 1024 x 700 nothing is cut off. */
    public static final double MIN_WIDTH = 1024;
    public static final double MIN_HEIGHT = 700;

    private final StudioViewModel model;
    private final EditorModel editor;
    private final PreviewModel preview;
    private final StudioView studio;
    private final HistoryBrowserModel historyModel;
    private final HistoryBrowserView history;
    private final SeedExplorerModel explorer;
    private final TabPane views = new TabPane();
    private final Tab previewTab;
    private final Tab compareTab;
    private final Tab seedsTab;
    private final CompareView compare = new CompareView();
    /**
     * Built at the first F1, not before the first frame: its 150 nodes would be styled and laid out while the
     * window waits to show, for a list most starts never open.
     */
    private HelpOverlay help;
    private final BorderPane root = new BorderPane();
    private final HistoryActions actions;
    private final SplitPane split;
    private final io.draftboard.ui.history.DeleteConfirmBar deleteConfirm;

    /** {@code openSettings}: shows the settings dialog; {@code hint}: the first-run bar, or null. */
    public StudioWindow(StudioViewModel model, Runnable openSettings, Node hint, String appVersion) {
        this.model = model;
        setId("studio");
        getStylesheets().add(StudioWindow.class.getResource("studio.css").toExternalForm());
        this.editor = model.editor();
        this.preview = model.preview();
        ReferenceTrayModel refs = editor.references();
        var tasks = model.context().tasks();
        historyModel = new HistoryBrowserModel(model.context().history(), model.context().images(), tasks);
        historyModel.thumbnailSizeProperty().set(model.context().settings().thumbnailSize());
        ThumbnailCache thumbnails = new ThumbnailCache(model.context().images(), tasks);
        explorer = new SeedExplorerModel(model.context().renders(), tasks, ImageDecoder.FX, model.context().seeds(),
                new SeedExplorerModel.DraftSource() {
                    @Override
                    public java.util.Optional<GenerationRequest> draft() {
                        return editor.currentRequest().map(editor::draftOf);
                    }

                    @Override
                    public io.draftboard.generation.Provider provider() {
                        return editor.providerProperty().get();
                    }
                }, model::adoptDraft);
        ReferenceTrayView tray = new ReferenceTrayView(refs, this::insertMention,
                ref -> historyModel.usingReferenceProperty().set(new StoredReference(ref.sha256(), ref.mediaType(),
                        ref.width(), ref.height())));
        studio = new StudioView(model, tray, recallOfferBar(refs), this::exploreSeeds);

        actions = new Actions(thumbnails);
        history = new HistoryBrowserView(historyModel, thumbnails, actions,
                editor.providers().stream().map(p -> p.info().id()).toList(),
                id -> editor.providers().stream().filter(p -> p.info().id().equals(id)).findFirst()
                        .map(p -> p.info().displayName()).orElse(id), appVersion);

        previewTab = new Tab("Preview", studio.preview());
        compareTab = new Tab("Compare");
        seedsTab = new Tab("Seeds");
        views.getTabs().setAll(previewTab, compareTab, seedsTab);
        contentWhenFirstShown(compareTab, () -> compare);
        contentWhenFirstShown(seedsTab, () -> new SeedExplorerView(explorer));
        views.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        views.setId("views");

        // Deleting a starred render asks first, in a bar over the history column.
        deleteConfirm = new io.draftboard.ui.history.DeleteConfirmBar(historyModel);
        javafx.scene.layout.VBox historyColumn = new javafx.scene.layout.VBox(deleteConfirm, history);
        javafx.scene.layout.VBox.setVgrow(history, Priority.ALWAYS);
        split = new SplitPane(studio.editor(), views, historyColumn);
        split.setDividerPositions(0.28, 0.76);
        SplitPane.setResizableWithParent(studio.editor(), false);
        root.setCenter(split);
        if (hint != null) {
            root.setTop(hint);
        }
        root.setBottom(statusBar(openSettings));
        getChildren().add(root);

        // A final that lands opens beside its draft in Compare; every saved render shows at the top of history.
        preview.lastFinalProperty().addListener((o, a, fin) -> {
            var draft = preview.shownDraftProperty().get();
            // Beside its draft only when the final was rendered from exactly that draft's request.
            if (fin != null && draft != null && fin.request() != null && draft.request() != null
                    && model.editor().draftOf(fin.request()).equals(draft.request())) {
                compare.setImages(draft.image(), fin.image());
                compare.labelAProperty().set(draft.caption());
                compare.labelBProperty().set(fin.caption());
                views.getSelectionModel().select(compareTab);
            }
        });
        preview.savedProperty().addListener((o, a, b) -> historyModel.rendered());
        historyModel.refresh();

        installDrops(refs);
        addEventFilter(KeyEvent.KEY_PRESSED, e -> shortcut(e, openSettings));
    }

    /**
     * A tab's content joins the scene when the tab is first shown: a tab pane keeps every tab's content in the
     * scene, so the window's first frame would style and lay out Compare and the seed explorer behind Preview.
     */
    private static void contentWhenFirstShown(Tab tab, java.util.function.Supplier<Node> content) {
        if (tab.isSelected()) {
            tab.setContent(content.get());
            return;
        }
        tab.selectedProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean is) {
                if (is) {
                    tab.selectedProperty().removeListener(this);
                    tab.setContent(content.get());
                }
            }
        });
    }

    /** A chip was clicked: "image N" goes into the prompt (the editor exists by the time anyone clicks). */
    private void insertMention(String mention) {
        studio.insertAtCaret(mention);
    }

    private void exploreSeeds() {
        views.getSelectionModel().select(seedsTab);
        explorer.explore(SeedExplorerModel.DEFAULT_COUNT);
    }

    private javafx.scene.Node statusBar(Runnable openSettings) {
        Label spent = new Label();
        spent.textProperty().bind(editor.spentProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button settings = new Button("Settings");
        settings.setId("openSettings");
        settings.getStyleClass().add("flat");
        settings.setOnAction(e -> openSettings.run());
        Button helpButton = new Button("Shortcuts (F1)");
        helpButton.getStyleClass().add("flat");
        helpButton.setOnAction(e -> showHelp());
        HBox bar = new HBox(12, spent, grow, helpButton, settings);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private javafx.scene.Node recallOfferBar(ReferenceTrayModel refs) {
        Label text = new Label();
        text.setId("recallOfferText");
        text.setWrapText(true);
        Button recall = new Button("Recall");
        recall.setId("acceptRecall");
        recall.getStyleClass().add("accent");
        Button dismiss = new Button("Dismiss");
        dismiss.getStyleClass().add("flat");
        HBox bar = new HBox(8, text, recall, dismiss);
        bar.setId("recallOffer");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("offer-bar");
        HBox.setHgrow(text, Priority.ALWAYS);
        bar.visibleProperty().bind(refs.offerProperty().isNotNull());
        bar.managedProperty().bind(bar.visibleProperty());
        refs.offerProperty().addListener((o, a, b) -> text.setText(b == null ? ""
                : b.from() + " carries " + b.parameters().source() + " parameters. Recall them?"));
        recall.setOnAction(e -> {
            var offer = refs.offerProperty().get();
            if (offer != null) {
                model.recall(Recalled.of(offer.parameters()));
                refs.dismissOffer();
            }
        });
        dismiss.setOnAction(e -> refs.dismissOffer());
        return bar;
    }

    private void installDrops(ReferenceTrayModel refs) {
        setOnDragOver(e -> {
            if (!ReferenceTrayView.isChipDrag(e.getDragboard()) && DropReader.offersSomething(e.getDragboard())) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        setOnDragDropped(e -> {
            if (ReferenceTrayView.isChipDrag(e.getDragboard())) {
                return;
            }
            var payload = DropReader.read(e.getDragboard());
            payload.ifPresent(refs::accept);
            e.setDropCompleted(payload.isPresent());
            e.consume();
        });
    }

    /** Ctrl+V outside a text field pastes an image (or an image file or link) as a reference. */
    public boolean pasteReference() {
        var payload = DropReader.read(Clipboard.getSystemClipboard());
        payload.ifPresent(editor.references()::accept);
        if (payload.isEmpty()) {
            editor.references().say("The clipboard holds no image, image file or link to paste.");
        }
        return payload.isPresent();
    }

    private void shortcut(KeyEvent e, Runnable openSettings) {
        if (help != null && help.isVisible()) {
            return;
        }
        boolean inText = e.getTarget() instanceof javafx.scene.control.TextInputControl;
        if (deleteConfirm.isVisible() && within(e.getTarget(), deleteConfirm)) {
            return; // the question's own keys: Esc keeps the render, it does not cancel a draft
        }
        if (e.getCode() == javafx.scene.input.KeyCode.Z && e.isShortcutDown() && !e.isShiftDown()
                && within(e.getTarget(), studio.editor()) && editor.memory().undoRecall()) {
            // Right after a recall, Ctrl+Z in the editor takes the recall back; once the designer edits, it is
            // the prompt's own text undo again.
            preview.say("Recall undone.");
        } else if (Shortcut.RENDER_FINAL.keys().match(e)) {
            model.renderFinal();
        } else if (Shortcut.CANCEL.keys().match(e)) {
            model.cancelDraft();
        } else if (Shortcut.DRAFT_NOW.keys().match(e)) {
            model.draftNow();
        } else if (Shortcut.TOGGLE_DRAFTS.keys().match(e)) {
            editor.liveDraftsProperty().set(!editor.liveDraftsProperty().get());
        } else if (Shortcut.FOCUS_PROMPT.keys().match(e)) {
            views.getSelectionModel().select(previewTab);
            studio.focusPrompt();
        } else if (Shortcut.SEARCH_HISTORY.keys().match(e)) {
            history.focusSearch();
        } else if (Shortcut.NEW_SEED.keys().match(e)) {
            editor.shuffleSeed();
        } else if (Shortcut.EXPLORE_SEEDS.keys().match(e)) {
            exploreSeeds();
        } else if (Shortcut.SETTINGS.keys().match(e)) {
            openSettings.run();
        } else if (Shortcut.HELP.keys().match(e)) {
            showHelp();
        } else if (Shortcut.QUIT.keys().match(e)) {
            StudioApp.trace("quit asked");
            javafx.application.Platform.exit(); // StudioApp.stop() closes everything within a second
        } else if (Shortcut.PASTE_REFERENCE.keys().match(e) && !inText) {
            pasteReference();
        } else if (views.getSelectionModel().getSelectedItem() == compareTab && compare.zoomKey(e)) {
            // Compare zooms with Ctrl+= / Ctrl+- / Ctrl+0 while it shows, wherever the focus is.
        } else {
            return;
        }
        e.consume();
    }

    private static boolean within(Object target, Node ancestor) {
        for (Node n = target instanceof Node node ? node : null; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** The history browser (its filter lists are set by id when the workspace is restored). */
    HistoryBrowserView historyView() {
        return history;
    }

    /** The editor | views | history split, whose dividers the workspace remembers. */
    SplitPane split() {
        return split;
    }

    public void showHelp() {
        if (help == null) {
            help = new HelpOverlay();
            getChildren().add(help);
        }
        help.setVisible(true);
        help.requestFocus();
    }

    public HistoryBrowserModel historyModel() {
        return historyModel;
    }

    public SeedExplorerModel explorer() {
        return explorer;
    }

    /** What the history grid's menu and keys do (tests call it as the menu would). */
    HistoryActions historyActions() {
        return actions;
    }

    public CompareView compareView() {
        return compare;
    }

    /** Commits a deletion still waiting for undo; called when the window closes. */
    public void close() {
        historyModel.commitPendingDelete();
        explorer.cancelAll();
        studio.close();
    }

    private final class Actions implements HistoryActions {
        private final ThumbnailCache thumbnails;

        Actions(ThumbnailCache thumbnails) {
            this.thumbnails = thumbnails;
        }

        @Override
        public void recall(GenerationRecord record) {
            historyModel.loadReferences(record, refs -> model.recall(Recalled.of(record, refs)), preview::say);
        }

        @Override
        public void rerun(GenerationRecord record) {
            historyModel.loadReferences(record, refs -> {
                try {
                    GenerationRequest request = record.request(refs);
                    var provider = editor.providers().stream().filter(p -> p.info().id().equals(record.providerId()))
                            .findFirst().orElse(editor.providerProperty().get());
                    preview.say("Re-running history #" + record.id() + " on " + provider.info().displayName() + "\u2026");
                    model.submit(provider, request, record.kind(), record.parentId(), event -> { }).outcome()
                            .thenAccept(o -> model.context().tasks().onFx(() -> preview.say(
                                    o instanceof JobOutcome.Succeeded s ? "Re-run saved as history #" + s.generationId()
                                            + "." : "Re-run of #" + record.id() + " did not finish.")));
                } catch (RuntimeException e) {
                    preview.say("Cannot re-run #" + record.id() + ": " + e.getMessage());
                }
            }, preview::say);
        }

        @Override
        public void open(GenerationRecord record) {
            if (record.image() == null) {
                preview.say("History #" + record.id() + " has no image: " + record.errorMessage());
                return;
            }
            thumbnails.full(record.image().sha256(), image -> {
                preview.showInPreview(new PreviewModel.Shot(image, caption(record), null, record.id()));
                views.getSelectionModel().select(previewTab);
            }, preview::say);
        }

        @Override
        public void compare(GenerationRecord a, GenerationRecord b) {
            if (a == null || b == null || a.image() == null || b.image() == null) {
                preview.say("Both renders need an image to compare.");
                return;
            }
            thumbnails.full(a.image().sha256(), imageA -> thumbnails.full(b.image().sha256(), imageB -> {
                compare.setImages(imageA, imageB);
                compare.labelAProperty().set(caption(a));
                compare.labelBProperty().set(caption(b));
                views.getSelectionModel().select(compareTab);
            }, preview::say), preview::say);
        }

        private String caption(GenerationRecord r) {
            return String.format(java.util.Locale.ROOT, "#%d \u00b7 %s \u00b7 %d steps \u00b7 seed %d", r.id(),
                    r.kind() == io.draftboard.generation.RenderKind.FINAL ? "Final" : "Draft", r.steps(), r.seed());
        }
    }
}
