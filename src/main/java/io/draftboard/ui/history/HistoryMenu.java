package io.draftboard.ui.history;

import io.draftboard.history.GenerationRecord;
import io.draftboard.history.ImageExport;
import io.draftboard.ui.compare.CompareView;
import java.io.File;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * A tile's context menu and what its items do that the studio does not (export, copy, compare's A). One menu
 * is open at a time: a new one closes the last.
 */
final class HistoryMenu {
    /** Asks where to save an export; a seam so tests can answer for the user. */
    @FunctionalInterface
    interface SaveDialog {
        /** The file chosen, or null when the user cancelled. */
        File choose(String title, String initialName);
    }

    private final HistoryBrowserModel model;
    private final HistoryActions actions;
    private final ThumbnailCache thumbnails;
    private final String appVersion;
    private final Supplier<Window> owner;
    private final Consumer<GenerationRecord> delete;
    private final ObjectProperty<GenerationRecord> compareA = new SimpleObjectProperty<>();
    private SaveDialog saveDialog = this::chooseWithFileChooser;
    private ContextMenu open;

    /**
     * @param owner  the window a file chooser belongs to (null before the view is shown)
     * @param delete deletes a record as Del on its tile would
     */
    HistoryMenu(HistoryBrowserModel model, HistoryActions actions, ThumbnailCache thumbnails, String appVersion,
            Supplier<Window> owner, Consumer<GenerationRecord> delete) {
        this.model = model;
        this.actions = actions;
        this.thumbnails = thumbnails;
        this.appVersion = appVersion;
        this.owner = owner;
        this.delete = delete;
    }

    void setSaveDialog(SaveDialog dialog) {
        this.saveDialog = dialog;
    }

    boolean isShowing() {
        return open != null && open.isShowing();
    }

    void show(GenerationRecord r, Node anchor, double screenX, double screenY) {
        if (open != null) {
            open.hide();
        }
        open = menu(r);
        open.show(anchor, screenX, screenY);
    }

    private ContextMenu menu(GenerationRecord r) {
        MenuItem openItem = item("Open in preview", () -> actions.open(r));
        MenuItem recall = item("Recall into editor  (Enter)", () -> actions.recall(r));
        MenuItem rerun = item("Re-run", () -> actions.rerun(r));
        MenuItem star = item(r.starred() ? "Unstar  (S)" : "Star  (S)", () -> model.toggleStar(r));
        MenuItem beside = item("Open beside its draft", () -> model.find(r.parentId() == null ? -1 : r.parentId(),
                draft -> actions.compare(draft, r)));
        beside.setDisable(r.parentId() == null);
        MenuItem setA = item(CompareView.SET_AS_A, () -> compareA.set(r));
        MenuItem withA = item(CompareView.COMPARE_WITH_A, () -> actions.compare(compareA.get(), r));
        withA.setDisable(compareA.get() == null || compareA.get().id() == r.id());
        MenuItem export = item("Export PNG with metadata\u2026", () -> export(r, true));
        MenuItem exportClean = item("Export for a client (no metadata)\u2026", () -> export(r, false));
        MenuItem copy = item("Copy image", () -> copy(r));
        MenuItem usages = new MenuItem("Renders using its references");
        usages.setDisable(r.references().isEmpty());
        usages.setOnAction(e -> model.usingReferenceProperty().set(r.references().get(0)));
        MenuItem deleteItem = item("Delete  (Del, Ctrl+Z undoes)", () -> delete.accept(r));
        boolean hasImage = r.image() != null;
        for (MenuItem m : List.of(openItem, export, exportClean, copy)) {
            m.setDisable(!hasImage);
        }
        ContextMenu menu = new ContextMenu(openItem, recall, rerun, star, new SeparatorMenuItem(), beside, setA, withA,
                new SeparatorMenuItem(), export, exportClean, copy, usages, new SeparatorMenuItem(), deleteItem);
        menu.setId("historyMenu");
        return menu;
    }

    private static MenuItem item(String text, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setOnAction(e -> action.run());
        return m;
    }

    private void export(GenerationRecord r, boolean withMetadata) {
        File file = saveDialog.choose(withMetadata ? "Export with parameters" : "Export for a client",
                ImageExport.defaultFileName(r));
        if (file == null) {
            return;
        }
        model.inBackground("Exporting history #" + r.id(), () -> {
            ImageExport.write(r, model.images(), file.toPath(), withMetadata, appVersion);
            return "Exported history #" + r.id() + " to " + file.getName();
        });
    }

    private File chooseWithFileChooser(String title, String initialName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(initialName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        return chooser.showSaveDialog(owner.get());
    }

    private void copy(GenerationRecord r) {
        thumbnails.full(r.image().sha256(), img -> {
            ClipboardContent content = new ClipboardContent();
            content.putImage(img);
            Clipboard.getSystemClipboard().setContent(content);
            model.say("Copied history #" + r.id() + " to the clipboard.");
        }, model::say);
    }
}
