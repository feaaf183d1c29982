package io.draftboard.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.Reference;
import io.draftboard.generation.RenderKind;
import io.draftboard.history.GenerationRecord;
import io.draftboard.history.HistoryStore;
import io.draftboard.history.ImageStore;
import io.draftboard.history.Records;
import io.draftboard.history.StoredReference;
import io.draftboard.ui.task.TaskRunnerCore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser's paging rules and its background work, over a real history with no toolkit: the tasks run on
 * the calling thread (so state is readable right after a call), or wait in a queue the test drains in the
 * order it wants. A failure no task handles fails the test.
 */
class HistoryBrowserModelTest {
    private static final int ROWS = 450;

    @TempDir
    Path dir;
    private HistoryStore store;
    private ImageStore images;
    private List<Long> ids;
    private HistoryBrowserModel model;

    @BeforeEach
    void setUp() throws Exception {
        store = HistoryStore.open(dir.resolve("history.db"));
        List<GenerationRecord> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add(Records.done("poster " + i, Records.hash(i)));
        }
        ids = store.insertAll(rows);
        images = new ImageStore(dir.resolve("images"));
        model = new HistoryBrowserModel(store, images, TaskRunnerCore.sameThread());
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void aNewRenderGoesOnTopWithoutDroppingThePagesAlreadyScrolledThrough() {
        model.refresh();
        model.loadMore();
        assertThat(model.items()).extracting(GenerationRecord::id).containsExactlyElementsOf(newest(400));

        long id = store.insert(Records.done("a fresh draft", Records.hash(1000)));
        model.rendered();

        assertThat(model.items()).hasSize(401);
        assertThat(model.items().get(0).id()).isEqualTo(id);
        assertThat(model.items().subList(1, 401)).extracting(GenerationRecord::id).containsExactlyElementsOf(newest(400));
        model.loadMore();
        assertThat(model.items()).hasSize(451); // the cursor still points past the loaded pages
        assertThat(model.items().get(450).id()).isEqualTo(ids.get(0));
        assertThat(model.statusProperty().get()).isEqualTo("451 renders");
    }

    @Test
    void aRowWaitingForUndoStaysHiddenWhenAQueryBringsItBack() {
        model.refresh();
        GenerationRecord newest = model.items().get(0);
        model.delete(newest);

        model.refresh();

        assertThat(model.items()).extracting(GenerationRecord::id).doesNotContain(newest.id());
        assertThat(model.undoDelete()).isTrue();
        assertThat(model.items().get(0).id()).isEqualTo(newest.id());
        assertThat(model.statusProperty().get()).isEqualTo("Restored history #" + newest.id() + ".");
    }

    @Test
    void anAnswerToAnOlderQueryThanTheLatestIsDropped() {
        Deque<Runnable> work = new ArrayDeque<>();
        model = new HistoryBrowserModel(store, images, TaskRunnerCore.on(work::add, Runnable::run, f -> {
            throw new AssertionError(f.message(), f.cause());
        }));

        model.searchProperty().set("poster 449");
        model.searchProperty().set("poster 448");
        assertThat(work).hasSize(2);
        work.removeLast().run(); // the latest query answers first (its count queues behind)...
        work.removeFirst().run(); // ...and the older one after it
        while (!work.isEmpty()) {
            work.removeFirst().run();
        }

        assertThat(model.items()).extracting(GenerationRecord::prompt).containsExactly("poster 448");
        assertThat(model.statusProperty().get()).isEqualTo("1 render");
        assertThat(model.answeredProperty().get()).isEqualTo(2);
    }

    @Test
    void theFirstPageShowsBeforeTheRowsAreCounted() {
        // Startup (issue 15): with 100,000 rows the count is the slow half; the first tiles never wait for it.
        Deque<Runnable> work = new ArrayDeque<>();
        model = new HistoryBrowserModel(store, images, TaskRunnerCore.on(work::add, Runnable::run, f -> {
            throw new AssertionError(f.message(), f.cause());
        }));

        model.refresh();
        assertThat(work).hasSize(1);
        work.removeFirst().run(); // the page, and only the page

        assertThat(model.items()).extracting(GenerationRecord::id).containsExactlyElementsOf(newest(200));
        assertThat(model.statusProperty().get()).isEmpty();
        assertThat(model.answeredProperty().get()).isZero();
        assertThat(work).hasSize(1); // the count, queued behind the page

        work.removeFirst().run();
        assertThat(model.statusProperty().get()).isEqualTo("450 renders");
        assertThat(model.answeredProperty().get()).isEqualTo(1);
    }

    @Test
    void aHistoryThatCannotBeReadSaysSoInTheStatusLine() {
        store.close();

        model.refresh();

        assertThat(model.statusProperty().get()).startsWith("Reading history failed: ");
        assertThat(model.items()).isEmpty();
    }

    @Test
    void starringUpdatesTheRowAndTheStore() {
        model.refresh();
        GenerationRecord row = model.items().get(3);

        model.toggleStar(row);

        assertThat(model.items().get(3).starred()).isTrue();
        assertThat(store.find(row.id()).orElseThrow().starred()).isTrue();
    }

    @Test
    void aStarringThatFailsSaysSoInTheStatusLineAndLeavesTheRow() {
        model.refresh();
        GenerationRecord row = model.items().get(3);
        store.close();

        model.toggleStar(row);

        assertThat(model.statusProperty().get()).startsWith("Starring history #" + row.id() + " failed: ");
        assertThat(model.items().get(3)).isEqualTo(row);
    }

    @Test
    void findDeliversTheRowAsked() {
        List<GenerationRecord> found = new ArrayList<>();

        model.find(ids.get(7), found::add);

        assertThat(found).extracting(GenerationRecord::prompt).containsExactly("poster 7");
    }

    @Test
    void findingARowThatIsGoneSaysSo() {
        List<GenerationRecord> found = new ArrayList<>();

        model.find(99_999, found::add);

        assertThat(found).isEmpty();
        assertThat(model.statusProperty().get()).isEqualTo("History #99999 is no longer in history.");
    }

    @Test
    void aFindThatFailsSaysSoInTheStatusLine() {
        List<GenerationRecord> found = new ArrayList<>();
        store.close();

        model.find(ids.get(7), found::add);

        assertThat(found).isEmpty();
        assertThat(model.statusProperty().get()).startsWith("Finding history #" + ids.get(7) + " failed: ");
    }

    @Test
    void aCommittedDeletionRemovesTheRowAndItsUnusedImage() throws IOException {
        String hash = images.put(new byte[] {1, 2, 3}, "image/png");
        long id = store.insert(Records.done("to delete", hash));
        model.refresh();

        model.delete(model.items().get(0));
        model.commitPendingDelete();

        assertThat(store.find(id)).isEmpty();
        assertThat(images.find(hash)).isEmpty();
        assertThat(model.hasPendingDelete()).isFalse();
    }

    @Test
    void aDeletionThatFailsSaysSoInTheStatusLine() {
        model.refresh();
        GenerationRecord row = model.items().get(0);
        model.delete(row);
        store.close();

        model.commitPendingDelete();

        assertThat(model.statusProperty().get()).startsWith("Deleting history #" + row.id() + " failed: ");
    }

    @Test
    void referencesComeBackWithTheirBytes() throws IOException {
        byte[] bytes = {9, 8, 7};
        String hash = images.put(bytes, "image/png");
        GenerationRecord record = Records.done("with a reference", Records.hash(2000), RenderKind.DRAFT, null,
                "offline", false, List.of(new StoredReference(hash, "image/png", 64, 48)));
        List<List<Reference>> delivered = new ArrayList<>();

        model.loadReferences(record, delivered::add, error -> delivered.add(null));

        assertThat(delivered).singleElement().satisfies(refs -> assertThat(refs).singleElement().satisfies(ref -> {
            assertThat(ref.sha256()).isEqualTo(hash);
            assertThat(ref.width()).isEqualTo(64);
            assertThat(ref.height()).isEqualTo(48);
            assertThat(ref.bytes()).containsExactly(bytes);
        }));
    }

    @Test
    void aMissingReferenceImageReachesTheErrorHandler() {
        GenerationRecord record = Records.done("with a lost reference", Records.hash(2000), RenderKind.DRAFT, null,
                "offline", false, List.of(new StoredReference(Records.hash(3000), "image/png", 64, 48)));
        List<String> errors = new ArrayList<>();

        model.loadReferences(record, refs -> errors.add("delivered"), errors::add);

        assertThat(errors).singleElement().asString()
                .startsWith("A reference image of history #" + record.id() + " is missing from the image store: ");
    }

    @Test
    void fileWorkInTheBackgroundEndsInTheStatusLine() {
        model.inBackground("Exporting history #3", () -> "Exported history #3 to a.png");
        assertThat(model.statusProperty().get()).isEqualTo("Exported history #3 to a.png");

        model.inBackground("Exporting history #3", () -> {
            throw new IOException("the disk is full");
        });
        assertThat(model.statusProperty().get()).isEqualTo("Exporting history #3 failed: the disk is full");
    }

    /** The ids of the newest {@code n} rows, newest first. */
    @Test
    void theSupersededFilterShowsOnlyPaidDraftsThatLandedAfterANewerOneAndTheDefaultViewKeepsThem() {
        long late = ids.get(10);
        long later = ids.get(300);
        store.setTags(late, List.of(HistoryBrowserModel.SUPERSEDED));
        store.setTags(later, List.of("other", HistoryBrowserModel.SUPERSEDED));
        store.setTags(ids.get(20), List.of("other"));

        model.supersededOnlyProperty().set(true);
        assertThat(model.items()).extracting(GenerationRecord::id).containsExactly(later, late);
        assertThat(model.statusProperty().get()).isEqualTo("2 renders");

        model.supersededOnlyProperty().set(false);
        assertThat(model.items()).hasSize(HistoryBrowserModel.PAGE); // "all" still holds them, marked by the tile
        assertThat(model.statusProperty().get()).isEqualTo(ROWS + " renders");
    }

    @Test
    void supersededAndAKindAreOneChoiceSoTheyNeverContradictEachOther() {
        model.kindProperty().set(RenderKind.FINAL);
        model.supersededOnlyProperty().set(true);
        assertThat(model.kindProperty().get()).isNull();

        model.kindProperty().set(RenderKind.DRAFT);
        assertThat(model.supersededOnlyProperty().get()).isFalse();
    }

    @Test
    void theTagIsTheOneTheStudioWrites() {
        assertThat(HistoryBrowserModel.SUPERSEDED).isEqualTo(io.draftboard.ui.studio.StudioViewModel.SUPERSEDED);
    }

    private List<Long> newest(int n) {
        return LongStream.range(0, n).mapToObj(i -> ids.get(ROWS - 1 - (int) i)).toList();
    }

    @Test
    void aPageOfMoreRowsForAnOlderQueryIsNotAppendedToTheNewResults() {
        Deque<Runnable> work = new ArrayDeque<>();
        model = new HistoryBrowserModel(store, images, TaskRunnerCore.on(work::add, Runnable::run, f -> {
            throw new AssertionError(f.message(), f.cause());
        }));
        model.refresh();
        work.removeFirst().run();
        assertThat(model.items()).hasSize(HistoryBrowserModel.PAGE);

        model.loadMore(); // the designer scrolled to the bottom...
        model.searchProperty().set("poster 448"); // ...then typed a search before the next page came
        work.removeLast().run(); // the search answers first
        work.removeLast().run(); // then the page of the unfiltered history

        assertThat(model.items()).extracting(GenerationRecord::prompt).containsExactly("poster 448");
    }

    @Test
    void aFailureOfAnOlderQueryDoesNotOverwriteTheNewerAnswer() {
        Deque<Runnable> work = new ArrayDeque<>();
        model = new HistoryBrowserModel(store, images, TaskRunnerCore.on(work::add, Runnable::run, f -> { }));
        model.searchProperty().set("poster 449");
        model.searchProperty().set("poster 448");
        work.removeLast().run(); // the latest query answers its first page...
        work.removeLast().run(); // ...and then its count (a second task, so the first tiles never wait for it)
        store.close();
        work.removeLast().run(); // the older one fails afterwards

        assertThat(model.statusProperty().get()).isEqualTo("1 render");
        assertThat(model.items()).extracting(GenerationRecord::prompt).containsExactly("poster 448");
    }

    @Test
    void deletingAStarredRowAsksFirstAndKeepingItLeavesItInPlace() {
        store.setStarred(ids.get(ROWS - 3), true);
        model.refresh();
        GenerationRecord starred = model.items().get(2);
        assertThat(starred.starred()).isTrue();

        model.delete(starred);
        assertThat(model.confirmingProperty().get()).isEqualTo(starred);
        assertThat(model.statusProperty().get()).isEqualTo("History #" + starred.id() + " is starred. Delete it anyway?");
        assertThat(model.items().get(2)).isEqualTo(starred);
        assertThat(model.hasPendingDelete()).isFalse();

        model.keepStarred();
        assertThat(model.confirmingProperty().get()).isNull();
        assertThat(model.statusProperty().get()).isEqualTo("Kept history #" + starred.id() + ".");
        assertThat(model.items().get(2)).isEqualTo(starred);

        model.keepStarred(); // nothing asked: nothing said
        model.confirmDelete();
        assertThat(model.statusProperty().get()).isEqualTo("Kept history #" + starred.id() + ".");
        assertThat(model.items()).contains(starred);
    }

    @Test
    void aConfirmedDeletionOfAStarredRowCanStillBeUndoneInPlace() {
        store.setStarred(ids.get(ROWS - 3), true);
        model.refresh();
        GenerationRecord starred = model.items().get(2);

        model.delete(starred);
        model.confirmDelete();

        assertThat(model.confirmingProperty().get()).isNull();
        assertThat(model.items()).doesNotContain(starred);
        assertThat(model.statusProperty().get()).isEqualTo("Deleted history #" + starred.id() + ". Undo with Ctrl+Z.");
        assertThat(model.loaded(starred.id())).isNull();
        assertThat(model.undoDelete()).isTrue();
        assertThat(model.items().get(2)).isEqualTo(starred);
        assertThat(model.loaded(starred.id())).isEqualTo(starred);
        assertThat(model.undoDelete()).as("nothing left to undo").isFalse();
    }

    @Test
    void theNextDeletionMakesTheFirstOneFinal() {
        model.refresh();
        GenerationRecord first = model.items().get(0);
        GenerationRecord second = model.items().get(1);

        model.delete(first);
        assertThat(store.find(first.id())).isPresent();
        model.delete(second);

        assertThat(store.find(first.id())).isEmpty();
        assertThat(model.undoDelete()).isTrue();
        assertThat(model.items()).extracting(GenerationRecord::id).startsWith(second.id())
                .doesNotContain(first.id());
    }

    @Test
    void anUndoneRowShowsWhatTheStoreKeptMeanwhile() {
        model.refresh();
        GenerationRecord row = model.items().get(1);
        model.delete(row);
        store.setStarred(row.id(), true); // starred from elsewhere while it waited for undo

        model.undoDelete();

        assertThat(model.items().get(1).id()).isEqualTo(row.id());
        assertThat(model.items().get(1).starred()).isTrue();
    }

    @Test
    void anEmptyGridUnderAFilterDoesNotClaimHistoryIsEmpty() throws Exception {
        HistoryStore drafts = HistoryStore.open(dir.resolve("drafts.db"));
        try {
            drafts.insert(Records.done("a lighthouse at dusk", Records.hash(7001), RenderKind.DRAFT, null, "offline",
                    false, List.of()));
            HistoryBrowserModel view = new HistoryBrowserModel(drafts, images, TaskRunnerCore.sameThread());
            view.refresh();
            assertThat(view.statusProperty().get()).isEqualTo("1 render");

            view.starredOnlyProperty().set(true);
            assertThat(view.statusProperty().get()).isEqualTo("Nothing matches the filters");
            view.starredOnlyProperty().set(false);
            view.providerIdProperty().set("bfl");
            assertThat(view.statusProperty().get()).isEqualTo("Nothing matches the filters");
            view.providerIdProperty().set(null);
            view.keepersOnlyProperty().set(true);
            assertThat(view.statusProperty().get()).isEqualTo("No finals or starred renders yet");
        } finally {
            drafts.close();
        }
    }

    @Test
    void theStatusLineCountsWhatTheFiltersFind() throws Exception {
        HistoryStore empty = HistoryStore.open(dir.resolve("empty.db"));
        try {
            HistoryBrowserModel fresh = new HistoryBrowserModel(empty, images, TaskRunnerCore.sameThread());
            fresh.refresh();
            assertThat(fresh.statusProperty().get()).isEqualTo("No renders yet");
            fresh.searchProperty().set("lighthouse");
            assertThat(fresh.statusProperty().get()).isEqualTo("Nothing matches");
        } finally {
            empty.close();
        }

        model.refresh();
        assertThat(model.statusProperty().get()).isEqualTo("450 renders");
        store.setStarred(ids.get(7), true);
        model.starredOnlyProperty().set(true);
        assertThat(model.items()).extracting(GenerationRecord::id).containsExactly(ids.get(7));
        assertThat(model.statusProperty().get()).isEqualTo("1 render");
        model.starredOnlyProperty().set(false);

        model.keepersOnlyProperty().set(true);
        assertThat(model.items()).extracting(GenerationRecord::id).containsExactly(ids.get(7));
        model.keepersOnlyProperty().set(false);

        model.providerIdProperty().set("bfl");
        assertThat(model.items()).isEmpty();
    }

    @Test
    void theRendersThatUsedAReferenceAreCountedAsSuch() {
        StoredReference ref = new StoredReference(Records.hash(9000), "image/png", 64, 64);
        long a = store.insert(Records.done("with ref", Records.hash(9001), RenderKind.DRAFT, null, "offline", false,
                List.of(ref)));

        model.usingReferenceProperty().set(ref);

        assertThat(model.items()).extracting(GenerationRecord::id).containsExactly(a);
        assertThat(model.statusProperty().get()).isEqualTo("1 render used this reference");
        long b = store.insert(Records.done("with ref too", Records.hash(9002), RenderKind.DRAFT, null, "offline",
                false, List.of(ref)));
        model.refresh();
        assertThat(model.items()).extracting(GenerationRecord::id).containsExactlyInAnyOrder(a, b);
        assertThat(model.statusProperty().get()).isEqualTo("2 renders used this reference");
    }

    @Test
    void aSentenceFromTheViewGoesToTheStatusLine() {
        model.say("Exported history #3.");
        assertThat(model.statusProperty().get()).isEqualTo("Exported history #3.");
    }
}
