package io.draftboard.ui.history;

import io.draftboard.generation.Reference;
import io.draftboard.generation.RenderKind;
import io.draftboard.history.GenerationRecord;
import io.draftboard.history.HistoryQuery;
import io.draftboard.history.HistoryStore;
import io.draftboard.history.ImageStore;
import io.draftboard.history.StoredReference;
import io.draftboard.settings.StudioSettings;
import io.draftboard.ui.task.TaskRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * History as the browser shows it: newest first, one page of rows at a time (keyset paging), filtered by the
 * search box and the toggles. Every query and write runs as a task off the FX thread and its failure ends in
 * the status line; an answer to an older query than the latest is dropped, so typing fast never shows stale
 * results.
 */
public final class HistoryBrowserModel {
    public static final int PAGE = 200;
    /**
     * The tag of a paid live draft that was seen through and landed after a newer draft was already on screen
     * (the same word as {@code ui.studio.StudioViewModel.SUPERSEDED}; repeated here so history does not depend on
     * the studio package, and a test keeps the two equal).
     */
    public static final String SUPERSEDED = "superseded";

    private final HistoryStore store;
    private final ImageStore images;
    private final TaskRunner tasks;
    private final ObservableList<GenerationRecord> items = FXCollections.observableArrayList();
    private final StringProperty search = new SimpleStringProperty("");
    private final BooleanProperty starredOnly = new SimpleBooleanProperty(false);
    private final BooleanProperty keepersOnly = new SimpleBooleanProperty(false);
    private final BooleanProperty supersededOnly = new SimpleBooleanProperty(false);
    private final ObjectProperty<StudioSettings.ThumbnailSize> thumbnailSize =
            new SimpleObjectProperty<>(StudioSettings.ThumbnailSize.MEDIUM);
    private final ObjectProperty<RenderKind> kind = new SimpleObjectProperty<>();
    private final ObjectProperty<String> providerId = new SimpleObjectProperty<>();
    private final ObjectProperty<StoredReference> usingReference = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyLongWrapper answered = new javafx.beans.property.ReadOnlyLongWrapper();
    private final HistoryDeletion deletion;

    private long generation;
    private HistoryQuery.Cursor next;
    private boolean loading;

    public HistoryBrowserModel(HistoryStore store, ImageStore images, TaskRunner tasks) {
        this.store = store;
        this.images = images;
        this.tasks = tasks;
        this.deletion = new HistoryDeletion(store, images, tasks, items, status::set);
        search.addListener((o, a, b) -> refresh());
        starredOnly.addListener((o, a, b) -> refresh());
        keepersOnly.addListener((o, a, b) -> refresh());
        // Superseded rows are drafts: one list chooses drafts, finals or superseded drafts, so the two never
        // disagree (a final that is superseded does not exist, and an empty grid would look like a bug).
        supersededOnly.addListener((o, a, only) -> {
            if (only) {
                kind.set(null);
            }
            refresh();
        });
        kind.addListener((o, a, b) -> {
            if (b != null) {
                supersededOnly.set(false);
            }
            refresh();
        });
        providerId.addListener((o, a, b) -> refresh());
        usingReference.addListener((o, a, b) -> refresh());
    }

    /** Reloads the first page for the current filters. */
    public void refresh() {
        reload(false);
    }

    /**
     * New renders were saved: they go on top, and the pages already loaded stay, so a designer scrolled deep
     * into history while drafting keeps their place.
     */
    public void rendered() {
        reload(true);
    }

    /**
     * The first page is asked for and shown on its own; the total (a count over every matching row, the slow
     * half with 100,000 rows) follows in a second task, so the grid's first tiles never wait for it.
     */
    private void reload(boolean keepLoaded) {
        long asked = ++generation;
        loading = true;
        StoredReference reference = usingReference.get();
        HistoryQuery query = query();
        tasks.task("Reading history", () -> {
            if (reference != null) {
                return new HistoryQuery.Page(store.usingReference(reference.sha256(), PAGE * 5), null);
            }
            return store.page(query);
        }).onSuccess(page -> {
            if (asked != generation) {
                return; // a newer query is on its way: this answer is stale
            }
            loading = false;
            show(page, keepLoaded && reference == null);
            if (reference != null) {
                status.set(describe(page.items().size()));
                answered.set(asked);
                return;
            }
            tasks.task("Counting history", () -> store.count(query)).onSuccess(total -> {
                if (asked == generation) {
                    status.set(describe(total));
                    answered.set(asked);
                }
            }).onError(failure -> {
                if (asked == generation) {
                    status.set(failure.message());
                }
            }).start();
        }).onError(failure -> {
            if (asked == generation) {
                loading = false;
                status.set(failure.message());
            }
        }).start();
    }

    private void show(HistoryQuery.Page page, boolean keepLoaded) {
        // A row waiting for undo stays out of view whichever query brought it back.
        List<GenerationRecord> rows = page.items().stream().filter(r -> !deletion.hides(r)).toList();
        long top = items.isEmpty() ? Long.MAX_VALUE : items.get(0).id();
        List<GenerationRecord> newer = rows.stream().filter(r -> r.id() > top).toList();
        // Merge only when the page reaches back to what is loaded; otherwise start over from it.
        if (keepLoaded && !items.isEmpty() && newer.size() < rows.size()) {
            items.addAll(0, newer);
        } else {
            items.setAll(rows);
            next = page.next();
        }
    }

    /** Appends the next page; called when the grid nears its last loaded row. */
    public void loadMore() {
        if (loading || next == null) {
            return;
        }
        loading = true;
        long asked = generation;
        HistoryQuery query = query().after(next);
        tasks.task("Reading more history", () -> store.page(query)).onSuccess(page -> {
            if (asked != generation) {
                return;
            }
            loading = false;
            items.addAll(page.items());
            next = page.next();
        }).onError(failure -> {
            if (asked == generation) {
                loading = false;
                status.set(failure.message());
            }
        }).start();
    }

    private HistoryQuery query() {
        String text = search.get() == null || search.get().isBlank() ? null : search.get();
        return new HistoryQuery(text, starredOnly.get(), providerId.get(), kind.get(), null, PAGE, null)
                .keepersOnly(keepersOnly.get()).taggedOnly(supersededOnly.get() ? SUPERSEDED : null);
    }

    private String describe(long total) {
        StoredReference reference = usingReference.get();
        if (reference != null) {
            return total + (total == 1 ? " render" : " renders") + " used this reference";
        }
        return total == 0 ? nothingFound()
                : String.format(java.util.Locale.ROOT, total == 1 ? "%,d render" : "%,d renders", total);
    }

    /** An empty grid says why: "No renders yet" only when nothing narrows the view, so a filter never hides history. */
    private String nothingFound() {
        if (search.get() != null && !search.get().isBlank()) {
            return "Nothing matches";
        }
        boolean filtered = starredOnly.get() || supersededOnly.get() || kind.get() != null || providerId.get() != null;
        if (filtered) {
            return "Nothing matches the filters";
        }
        return keepersOnly.get() ? "No finals or starred renders yet" : "No renders yet";
    }

    public void toggleStar(GenerationRecord record) {
        boolean starred = !record.starred();
        tasks.action((starred ? "Starring" : "Unstarring") + " history #" + record.id(),
                () -> store.setStarred(record.id(), starred)).onSuccess(done -> {
                    int i = indexOf(record.id());
                    if (i >= 0) {
                        items.set(i, items.get(i).withStarred(starred));
                    }
                    deletion.starred(record.id(), starred);
                }).onError(failure -> status.set(failure.message())).start();
    }

    /**
     * Removes a row from view at once and deletes it for real only when the next deletion comes or
     * {@link #commitPendingDelete} runs, so {@link #undoDelete} can bring it back. A starred row is asked about
     * first ({@link #confirmDelete} or {@link #keepStarred} answers).
     */
    public void delete(GenerationRecord record) {
        deletion.delete(record);
    }

    /** The designer confirmed deleting the starred row being asked about. */
    public void confirmDelete() {
        deletion.confirm();
    }

    /** The designer kept the starred row being asked about. */
    public void keepStarred() {
        deletion.keep();
    }

    /** The starred row a deletion is asking about, or null. */
    public javafx.beans.property.ReadOnlyObjectProperty<GenerationRecord> confirmingProperty() {
        return deletion.confirmingProperty();
    }

    public boolean undoDelete() {
        return deletion.undo();
    }

    public boolean hasPendingDelete() {
        return deletion.hasPending();
    }

    /** Deletes the row waiting for undo, and the image files no other row uses. */
    public void commitPendingDelete() {
        deletion.commit();
    }

    /** The references of {@code record} read back from the image store, for recall and re-run. */
    public void loadReferences(GenerationRecord record, Consumer<List<Reference>> onFx, Consumer<String> onError) {
        tasks.task("Reading the references of history #" + record.id(), () -> {
            List<Reference> refs = new ArrayList<>();
            for (StoredReference s : record.references()) {
                refs.add(new Reference(s.sha256(), s.mediaType(), s.width(), s.height(), images.read(s.sha256())));
            }
            return refs;
        }).onSuccess(onFx).onError(failure -> onError.accept("A reference image of history #" + record.id()
                + " is missing from the image store: " + failure.reason())).start();
    }

    /** The row {@code id} from the store (e.g. a final's draft), delivered on the FX thread when found. */
    public void find(long id, Consumer<GenerationRecord> onFx) {
        tasks.task("Finding history #" + id, () -> store.find(id)).onSuccess(found -> found.ifPresentOrElse(onFx,
                () -> status.set("History #" + id + " is no longer in history."))).onError(failure ->
                status.set(failure.message())).start();
    }

    private int indexOf(long id) {
        return indexOf(items, id);
    }

    static int indexOf(List<GenerationRecord> rows, long id) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    /**
     * File work for the view (export), named by {@code what} ("Exporting history #7"): its result or its
     * failure becomes the status.
     */
    public void inBackground(String what, Callable<String> work) {
        tasks.task(what, work).onSuccess(status::set).onError(failure -> status.set(failure.message())).start();
    }

    public void say(String text) {
        status.set(text);
    }

    public ImageStore images() {
        return images;
    }

    public ObservableList<GenerationRecord> items() {
        return items;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public BooleanProperty starredOnlyProperty() {
        return starredOnly;
    }

    /** Only finals and starred renders: the ones worth finding again among a day of drafts. */
    public BooleanProperty keepersOnlyProperty() {
        return keepersOnly;
    }

    /**
     * Only paid drafts that landed after a newer one (tagged {@link #SUPERSEDED}). They show in every other view
     * too, marked; this finds them. Choosing a kind (drafts, finals) turns it off, and turning it on clears the kind.
     */
    public BooleanProperty supersededOnlyProperty() {
        return supersededOnly;
    }

    /** How large the grid draws its tiles; the studio remembers it in its settings. */
    public ObjectProperty<StudioSettings.ThumbnailSize> thumbnailSizeProperty() {
        return thumbnailSize;
    }

    /** The loaded row with {@code id} as it is now (starred since, say), or null when it is not loaded. */
    public GenerationRecord loaded(long id) {
        int i = indexOf(id);
        return i < 0 ? null : items.get(i);
    }

    public ObjectProperty<RenderKind> kindProperty() {
        return kind;
    }

    public ObjectProperty<String> providerIdProperty() {
        return providerId;
    }

    public ObjectProperty<StoredReference> usingReferenceProperty() {
        return usingReference;
    }

    /** The number of the latest query whose answer is on screen (each refresh takes the next number). */
    public javafx.beans.property.ReadOnlyLongProperty answeredProperty() {
        return answered.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
