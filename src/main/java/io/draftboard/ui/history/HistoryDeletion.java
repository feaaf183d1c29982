package io.draftboard.ui.history;

import io.draftboard.history.GenerationRecord;
import io.draftboard.history.HistoryStore;
import io.draftboard.history.ImageStore;
import io.draftboard.ui.task.TaskRunner;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;

/**
 * Deleting from the history browser: a row leaves the view at once and is deleted for real only when the next
 * deletion comes or {@link #commit} runs, so it can be undone; a starred row is asked about first. FX thread;
 * the store's work runs as tasks, and a failure ends in the status line.
 */
final class HistoryDeletion {
    private final HistoryStore store;
    private final ImageStore images;
    private final TaskRunner tasks;
    private final ObservableList<GenerationRecord> items;
    private final Consumer<String> status;
    private final ReadOnlyObjectWrapper<GenerationRecord> confirming = new ReadOnlyObjectWrapper<>();
    private Pending pending;

    private record Pending(GenerationRecord record, int index) {
    }

    HistoryDeletion(HistoryStore store, ImageStore images, TaskRunner tasks, ObservableList<GenerationRecord> items,
            Consumer<String> status) {
        this.store = store;
        this.images = images;
        this.tasks = tasks;
        this.items = items;
        this.status = status;
    }

    void delete(GenerationRecord record) {
        if (record.starred()) {
            // A star says "keep this": deleting one asks first (confirm or keep answers).
            confirming.set(record);
            status.accept("History #" + record.id() + " is starred. Delete it anyway?");
            return;
        }
        remove(record);
    }

    void confirm() {
        GenerationRecord record = confirming.get();
        confirming.set(null);
        if (record != null) {
            remove(record);
        }
    }

    void keep() {
        GenerationRecord record = confirming.get();
        confirming.set(null);
        if (record != null) {
            status.accept("Kept history #" + record.id() + ".");
        }
    }

    ReadOnlyObjectProperty<GenerationRecord> confirmingProperty() {
        return confirming.getReadOnlyProperty();
    }

    private void remove(GenerationRecord record) {
        commit();
        int i = HistoryBrowserModel.indexOf(items, record.id());
        if (i < 0) {
            return;
        }
        items.remove(i);
        pending = new Pending(record, i);
        status.accept("Deleted history #" + record.id() + ". Undo with Ctrl+Z.");
    }

    boolean undo() {
        Pending p = pending;
        if (p == null) {
            return false;
        }
        pending = null;
        items.add(Math.min(p.index(), items.size()), p.record());
        status.accept("Restored history #" + p.record().id() + ".");
        // The row was never deleted from the store: show it exactly as the store has it (star, tags).
        long id = p.record().id();
        tasks.task("Reading history #" + id, () -> store.find(id)).onSuccess(found -> found.ifPresent(row -> {
            int i = HistoryBrowserModel.indexOf(items, id);
            if (i >= 0 && !items.get(i).equals(row)) {
                items.set(i, row);
            }
        })).onError(failure -> { }).start(); // the row is back already; only refreshing its copy failed
        return true;
    }

    boolean hasPending() {
        return pending != null;
    }

    /** Deletes the row waiting for undo, and the image files no other row uses. */
    void commit() {
        Pending p = pending;
        pending = null;
        if (p == null) {
            return;
        }
        long id = p.record().id();
        tasks.action("Deleting history #" + id, () -> {
            var deletion = store.delete(id);
            for (String hash : deletion.unusedImages()) {
                images.delete(hash);
            }
        }).onError(failure -> status.accept(failure.message())).start();
    }

    /** The row waiting for undo stays out of view whichever query brings it back. */
    boolean hides(GenerationRecord row) {
        return pending != null && row.id() == pending.record().id();
    }

    /**
     * The store starred or unstarred row {@code id}. S then Del before the store answered: the row waiting for
     * undo was copied unstarred, and undo brought back a tile without the star the database kept. It follows.
     */
    void starred(long id, boolean starred) {
        Pending p = pending;
        if (p != null && p.record().id() == id) {
            pending = new Pending(p.record().withStarred(starred), p.index());
        }
    }
}
