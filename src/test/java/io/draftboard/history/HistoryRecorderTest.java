package io.draftboard.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.CancelCharge;
import io.draftboard.generation.Cost;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.Job;
import io.draftboard.generation.Reference;
import io.draftboard.generation.RenderKind;
import io.draftboard.generation.Timings;
import io.draftboard.ui.FakeEngine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What history keeps of each way a job ends, as the designer later sees it in the browser and the session
 * spend: the image and its price, a refusal that cost nothing, a paid job whose image may still be fetched
 * (left open for a resume), an answer that never came, and a cancel that may have been billed.
 */
class HistoryRecorderTest {
    private static final Instant T = Instant.parse("2026-12-03T08:00:00Z");
    private static final Timings TIMINGS = new Timings(T, T.plusSeconds(1), T.plusSeconds(5), 2);
    private static final byte[] SKETCH_BYTES = {7, 7};
    private static final Reference SKETCH = new Reference(sha256(SKETCH_BYTES), "image/png", 640, 480, SKETCH_BYTES);

    @TempDir
    Path dir;
    private HistoryStore store;
    private ImageStore images;
    private JobJournal journal;
    private HistoryRecorder recorder;
    /** A megapixel at $0.05: a 1024x1024 render costs about $0.05. */
    private final FakeEngine paid = new FakeEngine("paid", 0.05, 4);
    private final FakeEngine free = new FakeEngine("free", 0, 4);

    @BeforeEach
    void setUp() throws Exception {
        store = HistoryStore.open(dir.resolve("history.db"));
        images = new ImageStore(dir.resolve("images"));
        journal = new JobJournal(store.database());
        recorder = new HistoryRecorder(journal, images);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private static Job job(FakeEngine provider, List<Reference> refs) {
        return new Job(GenerationRequest.of("a lighthouse", 42, 28, 1024, 1024).withReferences(refs), provider,
                RenderKind.FINAL, null);
    }

    @Test
    void aRenderIsKeptWithItsImageItsReferencesAndThePriceTheProviderNamed() throws Exception {
        Job job = job(paid, List.of(SKETCH));
        long journalId = recorder.opened(job);
        assertThat(images.read(SKETCH.sha256())).as("references are stored before the job is sent")
                .containsExactly(7, 7);
        recorder.submitted(journalId, "task-9", "https://poll/9");
        assertThat(journal.find(journalId).orElseThrow().remoteId()).isEqualTo("task-9");

        long id = recorder.recordSuccess(journalId, job, new GenerationResult(new byte[] {1, 2, 3}, "image/png", 77,
                1024, 1024, "task-9", "a lighthouse, dusk", new Cost(0.06, false)), TIMINGS);

        GenerationRecord row = store.find(id).orElseThrow();
        assertThat(row.status()).isEqualTo(GenerationStatus.DONE);
        assertThat(row.seed()).as("the provider's echo").isEqualTo(77);
        assertThat(row.cost()).isEqualTo(new Cost(0.06, false));
        assertThat(row.revisedPrompt()).isEqualTo("a lighthouse, dusk");
        assertThat(row.remoteId()).isEqualTo("task-9");
        assertThat(row.providerId()).isEqualTo("paid");
        assertThat(row.kind()).isEqualTo(RenderKind.FINAL);
        assertThat(row.createdAt()).isEqualTo(T.plusSeconds(5));
        assertThat(row.queueMillis()).isEqualTo(1000);
        assertThat(row.renderMillis()).isEqualTo(4000);
        assertThat(row.attempts()).isEqualTo(2);
        assertThat(row.references()).containsExactly(new StoredReference(SKETCH.sha256(), "image/png", 640, 480));
        assertThat(images.read(row.image().sha256())).containsExactly(1, 2, 3);
        assertThat(journal.openJobs()).isEmpty();
    }

    @Test
    void aRenderWhoseProviderNamedNoPriceIsKeptAtItsEstimate() throws Exception {
        Job job = job(paid, List.of());
        long id = recorder.recordSuccess(recorder.opened(job), job, new GenerationResult(new byte[] {1}, "image/png",
                42, 1024, 1024, null, null, null), TIMINGS);

        assertThat(store.find(id).orElseThrow().cost()).isEqualTo(paid.estimateCost(job.request()));
    }

    @Test
    void aJobTheProviderNeverAcceptedCostsNothingAndIsClosed() throws Exception {
        Job job = job(paid, List.of());
        long journalId = recorder.opened(job);

        assertThat(recorder.recordFailure(journalId, job, FailureKind.TRANSIENT, "connection refused", TIMINGS, true))
                .as("recorded as not billed, so the session spend gives it back").isFalse();

        GenerationRecord row = onlyRow();
        assertThat(row.status()).isEqualTo(GenerationStatus.FAILED);
        assertThat(row.errorKind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(row.errorMessage()).isEqualTo("connection refused");
        assertThat(row.cost().usd()).isZero();
        assertThat(journal.find(journalId).orElseThrow().state()).isEqualTo(JournalEntry.State.FAILED);
    }

    @Test
    void anAnswerThatNeverCameIsChargedAsAnEstimateAndMarkedUnknownNeverFailed() throws Exception {
        Job job = job(paid, List.of());
        long journalId = recorder.opened(job);

        assertThat(recorder.recordFailure(journalId, job, FailureKind.OUTCOME_UNKNOWN, "no answer in 60 s", TIMINGS,
                true)).isTrue();

        GenerationRecord row = onlyRow();
        assertThat(row.cost()).isEqualTo(new Cost(paid.estimateCost(job.request()).usd(), true));
        assertThat(row.cost().usd()).isPositive();
        JournalEntry entry = journal.find(journalId).orElseThrow();
        assertThat(entry.state()).isEqualTo(JournalEntry.State.UNKNOWN);
        assertThat(entry.note()).isEqualTo("no answer in 60 s");
    }

    @Test
    void aPaidJobWhoseImageWasNotFetchedIsChargedAndLeftOpenForAResume() throws Exception {
        Job job = job(paid, List.of());
        long journalId = recorder.opened(job);
        recorder.submitted(journalId, "task-9", "https://poll/9");

        assertThat(recorder.recordFailure(journalId, job, FailureKind.TRANSIENT, "image link expired", TIMINGS, true))
                .isTrue();

        GenerationRecord row = onlyRow();
        assertThat(row.cost().usd()).isPositive();
        assertThat(row.remoteId()).isEqualTo("task-9");
        assertThat(journal.openJobs()).extracting(JournalEntry::id).containsExactly(journalId);
        assertThat(journal.find(journalId).orElseThrow().note()).startsWith("charged ")
                .endsWith("image not fetched: image link expired");
    }

    @Test
    void aRefusalOfAnAcceptedJobIsChargedButFinal() throws Exception {
        Job job = job(paid, List.of());
        long journalId = recorder.opened(job);
        recorder.submitted(journalId, "task-9", "https://poll/9");

        recorder.recordFailure(journalId, job, FailureKind.MODERATED, "flagged", TIMINGS, true);

        assertThat(onlyRow().cost().usd()).isPositive();
        assertThat(journal.openJobs()).isEmpty();
        assertThat(journal.find(journalId).orElseThrow().state()).isEqualTo(JournalEntry.State.FAILED);
    }

    @Test
    void anAcceptedJobWhoseFailureTheProviderDocumentsAsFreeCostsNothingAndIsClosed() throws Exception {
        Job job = job(paid, List.of());
        long journalId = recorder.opened(job);
        recorder.submitted(journalId, "job-3", "https://poll/3");

        assertThat(recorder.recordFailure(journalId, job, FailureKind.PERMANENT, "job failed", TIMINGS, false)).isFalse();

        assertThat(onlyRow().cost().usd()).isZero();
        assertThat(journal.openJobs()).as("nothing paid, nothing to fetch later").isEmpty();
    }

    @Test
    void aFreeEnginesLostJobIsSimplyReportedNotKeptOpen() throws Exception {
        Job job = job(free, List.of());
        long journalId = recorder.opened(job);
        recorder.submitted(journalId, "prompt-1", null);

        recorder.recordFailure(journalId, job, FailureKind.TRANSIENT, "ComfyUI restarted", TIMINGS, true);

        assertThat(onlyRow().cost().usd()).isZero();
        assertThat(journal.openJobs()).isEmpty();
    }

    @Test
    void aCancelledFreeRenderOrOneNeverRunLeavesNoRowOnlyTheJournalsWord() throws Exception {
        Job freeJob = job(free, List.of());
        long freeId = recorder.opened(freeJob);
        recorder.recordCancellation(freeId, freeJob, TIMINGS, CancelCharge.UNKNOWN);

        Job paidJob = job(paid, List.of());
        long paidId = recorder.opened(paidJob);
        recorder.recordCancellation(paidId, paidJob, TIMINGS,
                new CancelCharge(CancelCharge.Billing.NOT_BILLED, "cancelled before it started"));

        assertThat(store.page(HistoryQuery.newest(10)).items()).isEmpty();
        assertThat(journal.find(freeId).orElseThrow().note()).isEqualTo("cancelled");
        assertThat(journal.find(paidId).orElseThrow().note()).isEqualTo("cancelled before it started");
        assertThat(journal.find(paidId).orElseThrow().state()).isEqualTo(JournalEntry.State.CANCELLED);
    }

    @Test
    void aCancelThatMayHaveBeenBilledIsKeptSoTheSpendIsHonest() throws Exception {
        Job job = job(paid, List.of());
        long journalId = recorder.opened(job);
        recorder.submitted(journalId, "task-9", "https://poll/9");

        recorder.recordCancellation(journalId, job, TIMINGS, CancelCharge.UNKNOWN);

        GenerationRecord row = onlyRow();
        assertThat(row.status()).isEqualTo(GenerationStatus.CANCELLED);
        assertThat(row.cost()).isEqualTo(new Cost(paid.estimateCost(job.request()).usd(), true));
        assertThat(row.errorMessage()).isEqualTo("cancelled; it may still be billed");
        assertThat(row.remoteId()).isEqualTo("task-9");
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private GenerationRecord onlyRow() {
        List<GenerationRecord> rows = store.page(HistoryQuery.newest(10)).items();
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }
}
