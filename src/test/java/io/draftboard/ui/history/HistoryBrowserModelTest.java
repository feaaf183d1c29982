package io.draftboard.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.history.GenerationRecord;
import io.draftboard.history.HistoryStore;
import io.draftboard.history.ImageStore;
import io.draftboard.history.Records;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser's paging rules, on direct executors over a real history: no toolkit needed. */
class HistoryBrowserModelTest {
    @TempDir
    Path dir;
    private HistoryStore store;
    private HistoryBrowserModel model;

    @BeforeEach
    void setUp() throws Exception {
        store = HistoryStore.open(dir.resolve("history.db"));
        List<GenerationRecord> rows = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            rows.add(Records.done("poster " + i, Records.hash(i)));
        }
        store.insertAll(rows);
        model = new HistoryBrowserModel(store, new ImageStore(dir.resolve("images")), Runnable::run, Runnable::run);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void aNewRenderGoesOnTopWithoutDroppingThePagesAlreadyScrolledThrough() {
        model.refresh();
        model.loadMore();
        assertThat(model.items()).hasSize(400);

        long id = store.insert(Records.done("a fresh draft", Records.hash(1000)));
        model.rendered();

        assertThat(model.items()).hasSize(401);
        assertThat(model.items().get(0).id()).isEqualTo(id);
        model.loadMore();
        assertThat(model.items()).hasSize(451); // the cursor still points past the loaded pages
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
    }
}
