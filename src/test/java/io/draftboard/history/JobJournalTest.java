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
    void aJobIsClaimedByExactlyOneResumerAndNeverFromARunningOwner() {
        java.util.Set<String> running = new java.util.HashSet<>(List.of("studio", "cli-1", "cli-2"));
        JobJournal studio = new JobJournal(db, "studio", running::contains);
        JobJournal cli1 = new JobJournal(db, "cli-1", running::contains);
        JobJournal cli2 = new JobJournal(db, "cli-2", running::contains);
        long job = studio.openJob("bfl", RenderKind.DRAFT, null, "{}", SENT);

        assertThat(cli1.claim(job)).as("the studio that sent it is still running").isFalse();
        assertThat(studio.claim(job)).as("the studio is already finishing it").isFalse();

        running.remove("studio"); // the studio was killed
        assertThat(cli1.claim(job)).isTrue();
        assertThat(cli2.claim(job)).as("cli-1 has it now").isFalse();
        assertThat(cli1.claim(job)).as("a second resume in the same process").isFalse();

        cli1.closeJob(job, JournalEntry.State.DONE, null);
        running.remove("cli-1");
        assertThat(cli2.claim(job)).as("closed jobs are nobody's to take").isFalse();
    }

    @Test
    void aJobLeftByAReleaseBeforeClaimsIsFreeToClaim() throws Exception {
        long job = journal.openJob("bfl", RenderKind.DRAFT, null, "{}", SENT);
        db.write("forget owner", c -> {
            try (java.sql.Statement s = c.createStatement()) {
                return s.executeUpdate("UPDATE jobs SET claimed_by = NULL, claimed_at = NULL");
            }
        });

        assertThat(journal.claim(job)).isTrue();
        assertThat(new JobJournal(db, "someone else", owner -> true).claim(job)).isFalse();
    }

    @Test
    void thisProcessIsRunningAndAGoneOrReusedPidIsNot() throws Exception {
        String me = ProcessIdentity.current();
        assertThat(ProcessIdentity.isRunning(me)).isTrue();
        long pid = ProcessHandle.current().pid();
        assertThat(ProcessIdentity.isRunning(pid + "@" + 1L)).as("same pid, another start: a reused pid").isFalse();
        assertThat(ProcessIdentity.isRunning("not a process")).isFalse();

        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(gone.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessIdentity.isRunning(String.valueOf(gone.pid()))).isFalse();
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

    @Test
    void aVersionThreeJournalKeepsItsJobsAndLearnsTheUnknownState() throws Exception {
        Path old = dir.resolve("v3.db");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + old);
                java.sql.Statement s = c.createStatement()) {
            for (Schema.Migration m : Schema.MIGRATIONS.subList(0, 3)) {
                for (String sql : m.statements()) {
                    s.execute(sql);
                }
            }
            s.execute("PRAGMA user_version = 3");
            s.execute("INSERT INTO jobs (created_at, updated_at, provider, kind, request, state, remote_id, polling_url, "
                    + "note, claimed_by, claimed_at) VALUES (1, 2, 'bfl', 'FINAL', '{}', 'SUBMITTED', 'task-1', "
                    + "'https://api.bfl.ai/v1/get_result?id=task-1', null, '4242@1', 3)");
            assertThatThrownBy(() -> s.execute("UPDATE jobs SET state = 'UNKNOWN'")).as("v3 does not know it")
                    .isInstanceOf(java.sql.SQLException.class);
        }
        try (HistoryDatabase migrated = HistoryDatabase.open(old)) {
            assertThat(migrated.schemaVersion()).isEqualTo(Schema.latestVersion());
            JobJournal j = new JobJournal(migrated, "me", owner -> false);
            JournalEntry kept = j.openJobs().get(0);
            assertThat(kept.remoteId()).isEqualTo("task-1");
            assertThat(kept.createdAt()).isEqualTo(Instant.ofEpochMilli(1));
            assertThat(j.claim(kept.id())).as("its claim columns survived: the old owner is gone").isTrue();

            long id = j.openJob("replicate", RenderKind.FINAL, null, "{}", SENT);
            j.closeJob(id, JournalEntry.State.UNKNOWN, "outcome unknown: Replicate may have rendered and billed it");
            JournalEntry unknown = j.recentJobs(1).get(0);
            assertThat(unknown.state()).isEqualTo(JournalEntry.State.UNKNOWN);
            assertThat(unknown.isOpen()).as("never resumed by resending").isFalse();
            assertThat(j.openJobs()).extracting(JournalEntry::id).containsExactly(kept.id());
        }
    }
}
