package io.draftboard.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.history.GenerationRecord;
import io.draftboard.history.HistoryStore;
import io.draftboard.history.ImageStore;
import io.draftboard.history.Records;
import io.draftboard.ui.task.TaskRunnerCore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting with undo, over a real history and no toolkit: tasks run on the calling thread. */
class HistoryDeletionTest {
    @TempDir
    Path dir;
    private HistoryStore store;
    private final ObservableList<GenerationRecord> items = FXCollections.observableArrayList();
    private final AtomicReference<String> status = new AtomicReference<>("");
    private HistoryDeletion deletion;

    @BeforeEach
    void setUp() throws Exception {
        store = HistoryStore.open(dir.resolve("history.db"));
        List<GenerationRecord> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rows.add(Records.done("poster " + i, Records.hash(i)));
        }
        for (long id : store.insertAll(rows)) {
            items.add(0, store.find(id).orElseThrow());
        }
        deletion = new HistoryDeletion(store, new ImageStore(dir.resolve("images")), TaskRunnerCore.sameThread(),
                items, status::set);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void aDeletedRowLeavesTheViewAndUndoPutsItBackInItsPlace() {
        GenerationRecord middle = items.get(1);

        deletion.delete(middle);
        assertThat(items).doesNotContain(middle);
        assertThat(deletion.hides(middle)).isTrue();
        assertThat(store.find(middle.id())).as("not deleted until the next deletion").isPresent();

        assertThat(deletion.undo()).isTrue();
        assertThat(items.get(1)).isEqualTo(middle);
        assertThat(deletion.hasPending()).isFalse();
        assertThat(deletion.undo()).as("nothing left to undo").isFalse();
    }

    @Test
    void theNextDeletionDeletesTheOneBeforeForReal() {
        GenerationRecord first = items.get(0);
        GenerationRecord second = items.get(1);

        deletion.delete(first);
        deletion.delete(second);

        assertThat(store.find(first.id())).isEmpty();
        assertThat(store.find(second.id())).isPresent();
        assertThat(status.get()).isEqualTo("Deleted history #" + second.id() + ". Undo with Ctrl+Z.");
    }

    @Test
    void aStarredRowIsAskedAboutFirst() {
        GenerationRecord starred = items.get(0).withStarred(true);
        items.set(0, starred);

        deletion.delete(starred);
        assertThat(deletion.confirmingProperty().get()).isEqualTo(starred);
        assertThat(items).contains(starred);

        deletion.keep();
        assertThat(items).contains(starred);
        assertThat(status.get()).isEqualTo("Kept history #" + starred.id() + ".");

        deletion.delete(starred);
        deletion.confirm();
        assertThat(deletion.confirmingProperty().get()).isNull();
        assertThat(items).doesNotContain(starred);
    }

    @Test
    void aStarTheStoreKeptWhileTheRowWaitedForUndoComesBackWithIt() {
        GenerationRecord row = items.get(2);
        deletion.delete(row);
        store.setStarred(row.id(), true);

        deletion.starred(row.id(), true);
        deletion.undo();

        assertThat(items.get(2).starred()).isTrue();
    }
}
