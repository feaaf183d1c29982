package io.draftboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.RenderKind;
import io.draftboard.history.JournalEntry;
import io.draftboard.settings.DataHome;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;
import org.junit.jupiter.api.io.TempDir;

class JobResumerTest {
    @TempDir
    Path home;

    @Test
    void aJobAnotherRunningDraftboardOwnsIsSkippedAndLeftToIt() throws Exception {
        try (Draftboard app = Draftboard.open(DataHome.open(home), Map.of())) {
            long job = app.journal().openJob("offline", RenderKind.DRAFT, null, "{}", Instant.EPOCH);
            ownedBy(job, String.valueOf(ProcessHandle.current().parent().orElseThrow().pid())); // alive: our parent

            List<JobResumer.Outcome> outcomes = new JobResumer(app).resumeAll();

            assertThat(outcomes).extracting(JobResumer.Outcome::result).containsExactly(JobResumer.SKIPPED);
            assertThat(app.journal().openJobs()).extracting(JournalEntry::id, JournalEntry::state)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(job, JournalEntry.State.PENDING));
        }
    }

    @Test
    void aJobWhoseOwnerStoppedIsClaimedAndClosed() throws Exception {
        try (Draftboard app = Draftboard.open(DataHome.open(home), Map.of())) {
            long job = app.journal().openJob("offline", RenderKind.DRAFT, null, "{}", Instant.EPOCH);
            ownedBy(job, null); // as a release before journal claims left it

            List<JobResumer.Outcome> outcomes = new JobResumer(app).resumeAll();

            assertThat(outcomes).extracting(JobResumer.Outcome::result).containsExactly(
                    "lost: Draftboard stopped before the offline render finished; nothing was billed");
            assertThat(app.journal().openJobs()).isEmpty();
            assertThat(app.journal().recentJobs(1)).extracting(JournalEntry::state)
                    .containsExactly(JournalEntry.State.LOST);
        }
    }

    @Test
    void theStudioResumesOnItsOwnThreadAfterTheWindowShowsAndTheJobsStillFinish() throws Exception {
        // Issue 15: the studio no longer resumes in init(), before the first frame; deferred, nothing is lost.
        try (Draftboard app = Draftboard.open(DataHome.open(home), Map.of())) {
            long job = app.journal().openJob("offline", RenderKind.DRAFT, null, "{}", Instant.EPOCH);
            ownedBy(job, null);

            Thread resume = JobResumer.resumeInBackground(app);

            assertThat(resume.isDaemon()).isTrue();
            assertThat(resume).isNotSameAs(Thread.currentThread());
            resume.join(10_000);
            assertThat(resume.isAlive()).isFalse();
            // The resumed job closes on a worker: wait on that condition, not a guessed time.
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.journal().openJobs().isEmpty());
        }
    }

    private void ownedBy(long job, String owner) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("history.db"));
                PreparedStatement ps = c.prepareStatement("UPDATE jobs SET claimed_by = ? WHERE id = ?")) {
            ps.setString(1, owner);
            ps.setLong(2, job);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }
}
