package io.draftboard.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.draftboard.generation.RenderKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobJournalTest {
    private static final Instant SENT = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path dir;
    private HistoryDatabase db;
    private HistoryStore history;
    private JobJournal journal;

    @BeforeEach
    void open() throws Exception {
        db = HistoryDatabase.open(dir.resolve("history.db"));
        history = new HistoryStore(db);
        journal = new JobJournal(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aJobOpenedSubmittedAndClosedReadsBackWithItsState() {
        long id = journal.openJob("bfl", RenderKind.FINAL, 12L, "{\"prompt\":\"poster\"}", SENT);

        JournalEntry pending = journal.openJobs().get(0);
        assertThat(pending.id()).isEqualTo(id);
        assertThat(pending.state()).isEqualTo(JournalEntry.State.PENDING);
        assertThat(pending.providerId()).isEqualTo("bfl");
        assertThat(pending.kind()).isEqualTo(RenderKind.FINAL);
        assertThat(pending.parentId()).isEqualTo(12L);
        assertThat(pending.request()).isEqualTo("{\"prompt\":\"poster\"}");
        assertThat(pending.createdAt()).isEqualTo(SENT);
        assertThat(pending.remoteId()).isNull();

        journal.jobSubmitted(id, "task-7", "https://api.example/poll/task-7");
        JournalEntry submitted = journal.openJobs().get(0);
        assertThat(submitted.state()).isEqualTo(JournalEntry.State.SUBMITTED);
        assertThat(submitted.remoteId()).isEqualTo("task-7");
        assertThat(submitted.pollingUrl()).isEqualTo("https://api.example/poll/task-7");

        journal.closeJob(id, JournalEntry.State.LOST, "the provider forgot it");
        assertThat(journal.openJobs()).isEmpty();
        JournalEntry closed = journal.recentJobs(10).get(0);
        assertThat(closed.id()).isEqualTo(id);
        assertThat(closed.state()).isEqualTo(JournalEntry.State.LOST);
        assertThat(closed.note()).isEqualTo("the provider forgot it");
        assertThat(closed.generationId()).isNull();
        assertThat(closed.remoteId()).as("kept after closing").isEqualTo("task-7");
    }

    @Test
    void savingTheResultClosesTheJobAndLinksItsRow() {
        long job = journal.openJob("offline", RenderKind.DRAFT, null, "{}", SENT);

        long row = journal.insertClosingJob(Records.done("a red balloon", Records.hash(1)), job, JournalEntry.State.DONE,
                null);

        assertThat(journal.openJobs()).isEmpty();
        JournalEntry done = journal.recentJobs(1).get(0);
        assertThat(done.state()).isEqualTo(JournalEntry.State.DONE);
        assertThat(done.generationId()).isEqualTo(row);
        assertThat(history.find(row).map(GenerationRecord::prompt)).contains("a red balloon");
    }

    @Test
    void aRowThatCannotBeSavedLeavesTheJobOpenForAResume() {
        long job = journal.openJob("offline", RenderKind.FINAL, null, "{}", SENT);
        GenerationRecord orphan = Records.done("final of a missing draft", Records.hash(2), RenderKind.FINAL, 999L,
                "offline", false, List.of()); // parent 999 does not exist: the foreign key refuses the row

        assertThatThrownBy(() -> journal.insertClosingJob(orphan, job, JournalEntry.State.DONE, null))
                .isInstanceOf(HistoryException.class).hasMessageStartingWith("cannot save generation");

        assertThat(journal.openJobs()).extracting(JournalEntry::id, JournalEntry::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(job, JournalEntry.State.PENDING));
        assertThat(history.count(HistoryQuery.newest(1))).isZero();
    }

    @Test
    void recentJobsAreNewestFirstAndOpenJobsOldestFirst() {
        long a = journal.openJob("offline", RenderKind.DRAFT, null, "{}", SENT);
        long b = journal.openJob("offline", RenderKind.DRAFT, null, "{}", SENT);
        long c = journal.openJob("offline", RenderKind.DRAFT, null, "{}", SENT);
        journal.closeJob(b, JournalEntry.State.CANCELLED, "cancelled");

        assertThat(journal.recentJobs(2)).extracting(JournalEntry::id).containsExactly(c, b);
        assertThat(journal.openJobs()).extracting(JournalEntry::id).containsExactly(a, c);
    }
}
