package io.draftboard.history;

import io.draftboard.generation.CancelCharge;
import io.draftboard.generation.Cost;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.FaultPoint;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.Job;
import io.draftboard.generation.JobRecorder;
import io.draftboard.generation.ProviderInfo;
import io.draftboard.generation.Reference;
import io.draftboard.generation.Timings;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Writes every job's trail: the journal entry (and the reference images it needs) before the job is sent,
 * the provider's id when it is known, then the image into the content-addressed store and, in one
 * transaction, the history row and the journal's close. A row never points at a missing file, and a job
 * whose row is missing is still open in the journal, so a restart resumes it. Each saved image then gets its
 * history thumbnail, after the job has been reported, so history's grid decodes a small file rather than
 * making thumbnails from full-size images while the designer scrolls.
 */
public final class HistoryRecorder implements JobRecorder {
    private static final System.Logger LOG = System.getLogger(HistoryRecorder.class.getName());
    private final JobJournal journal;
    private final ImageStore images;
    private final Clock clock;
    private final Executor thumbnails;

    public HistoryRecorder(JobJournal journal, ImageStore images) {
        this(journal, images, Clock.systemUTC());
    }

    /** Records into the journal over {@code history}'s database (for fixtures that hold only a store). */
    public HistoryRecorder(HistoryStore history, ImageStore images) {
        this(new JobJournal(history.database()), images);
    }

    /** Makes each saved image's thumbnail on the job's own thread, once its row is in (tests; the app passes a thread). */
    public HistoryRecorder(JobJournal journal, ImageStore images, Clock clock) {
        this(journal, images, clock, Runnable::run);
    }

    /** Makes saved images' thumbnails on {@code thumbnails} (the studio: a background thread of its own). */
    public HistoryRecorder(JobJournal journal, ImageStore images, Clock clock, Executor thumbnails) {
        this.journal = journal;
        this.images = images;
        this.clock = clock;
        this.thumbnails = thumbnails;
    }

    @Override
    public long opened(Job job) throws IOException {
        for (Reference ref : job.request().references()) {
            images.put(ref.bytes(), ref.mediaType());
        }
        try {
            return journal.openJob(job.provider().info().id(), job.kind(), job.parentId(),
                    JournalRequest.toJson(job.request()), clock.instant());
        } catch (HistoryException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void submitted(long journalId, String remoteId, String pollingUrl) throws IOException {
        if (journalId > 0) {
            try {
                journal.jobSubmitted(journalId, remoteId, pollingUrl);
            } catch (HistoryException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }

    @Override
    public long recordSuccess(long journalId, Job job, GenerationResult result, Timings timings) throws IOException {
        String hash = images.put(result.image(), result.mediaType());
        FaultPoint.reach("writing");
        StoredImage image = new StoredImage(hash, result.mediaType(), result.width(), result.height());
        Cost cost = result.cost() != null ? result.cost() : job.provider().estimateCost(job.request());
        long id = journal.insertClosingJob(record(job, timings, result.seed(), GenerationStatus.DONE, null, null, image,
                cost, result.remoteId(), result.revisedPrompt()), journalId, JournalEntry.State.DONE, null);
        // Only once the row is in: the draft is on screen already (pixels first) and the save never waits for,
        // nor fails with, its thumbnail. Made from the bytes in hand, not read back from disk.
        byte[] bytes = result.image();
        thumbnails.execute(() -> makeThumbnail(hash, bytes));
        return id;
    }

    private void makeThumbnail(String hash, byte[] bytes) {
        try {
            images.thumbnail(hash, bytes, ImageStore.THUMB_SIDE);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "thumbnail of " + hash + " not made now (history makes it when it "
                    + "first shows the image): " + e.getMessage());
        }
    }

    /**
     * A job the provider never accepted cost nothing. One it accepted is billed (Draftboard never resends such a
     * job for that reason), so it is recorded at the provider's price, marked as an estimate. If what failed
     * could be a lost answer rather than a refusal (an expired image link, a download or poll that broke off, a
     * timeout), the journal entry stays open for one more try: a resume asks the provider again (BFL hands out a
     * fresh link), and that try's result replaces this row. A failed retry of that kind closes the entry as lost.
     */
    @Override
    public boolean recordFailure(long journalId, Job job, FailureKind kind, String message, Timings timings,
            boolean billed) throws IOException {
        JournalEntry entry = journalId > 0 ? journal.find(journalId).orElse(null) : null;
        String remoteId = entry == null ? null : entry.remoteId();
        if (kind == FailureKind.OUTCOME_UNKNOWN) {
            // The request went out and no answer came back: the provider may have rendered and billed it. The
            // row keeps the estimate and the journal says "unknown", never "failed", so nobody resends it blindly.
            journal.insertClosingJob(record(job, timings, job.request().seed(), GenerationStatus.FAILED, kind, message,
                    null, new Cost(job.provider().estimateCost(job.request()).usd(), true), remoteId, null), journalId,
                    JournalEntry.State.UNKNOWN, message);
            return true;
        }
        if (remoteId == null) {
            // Whether a refused job is billed is not documented (providers.md §7); nothing is charged here.
            journal.insertClosingJob(record(job, timings, job.request().seed(), GenerationStatus.FAILED, kind, message,
                    null, Cost.FREE, null, null), journalId, JournalEntry.State.FAILED, message);
            return false;
        }
        // Accepted by the provider, so billed, unless the provider documents that this failure is not (BFL:
        // moderated tasks are not charged; AIgateway: failed jobs are not).
        Cost charged = billed
                ? new Cost(job.provider().estimateCost(job.request()).usd(), true) : Cost.FREE;
        GenerationRecord row = record(job, timings, job.request().seed(), GenerationStatus.FAILED, kind, message, null,
                charged, remoteId, null);
        boolean askedAgain = job.resumption() != null;
        // Worth asking again only for an image that was paid for: a free engine's lost job (ComfyUI restarted
        // and forgot it) is simply reported, and can be rendered again at no cost.
        if (!askedAgain && charged.usd() > 0 && mayStillBeFetched(kind)) {
            journal.insertKeepingOpen(row, journalId, "charged " + charged.display() + ", image not fetched: " + message);
        } else {
            journal.insertClosingJob(row, journalId, askedAgain && entry.generationId() != null
                    ? JournalEntry.State.LOST : JournalEntry.State.FAILED, message);
        }
        return billed;
    }

    /** A refusal (moderation, a bad request, the key, credits) is final; anything else may be a lost answer. */
    private static boolean mayStillBeFetched(FailureKind kind) {
        return switch (kind) {
            case MODERATED, INVALID_REQUEST, AUTH, CREDITS -> false;
            default -> true;
        };
    }

    @Override
    public void recordCancellation(long journalId, Job job, Timings timings, CancelCharge charge) throws IOException {
        Cost cost = job.provider().estimateCost(job.request());
        if (cost.usd() == 0 || !charge.billed()) {
            // A free local render, or a remote one the provider says it never ran: nothing was paid and there
            // is no image, so nothing worth a history row. The journal keeps what the provider said.
            if (journalId > 0) {
                journal.closeJob(journalId, JournalEntry.State.CANCELLED, cost.usd() == 0 ? "cancelled" : charge.reason());
            }
            return;
        }
        // A remote job abandoned mid-way may still be billed: keep it so the session spend is honest.
        JournalEntry entry = journalId > 0 ? journal.find(journalId).orElse(null) : null;
        journal.insertClosingJob(record(job, timings, job.request().seed(), GenerationStatus.CANCELLED, null,
                charge.reason(), null, new Cost(cost.usd(), true), entry == null ? null : entry.remoteId(), null),
                journalId, JournalEntry.State.CANCELLED, charge.reason());
    }

    private GenerationRecord record(Job job, Timings timings, long seed, GenerationStatus status,
            FailureKind errorKind, String errorMessage, StoredImage image, Cost cost, String remoteId,
            String revisedPrompt) throws IOException {
        GenerationRequest r = job.request();
        ProviderInfo info = job.provider().info();
        List<StoredReference> refs = new ArrayList<>(r.references().size());
        for (Reference ref : r.references()) {
            images.put(ref.bytes(), ref.mediaType());
            refs.add(new StoredReference(ref.sha256(), ref.mediaType(), ref.width(), ref.height()));
        }
        return new GenerationRecord(0, timings.finishedAt(), r.prompt(), seed, r.steps(), r.guidance(), r.width(),
                r.height(), r.outputFormat(), r.promptUpsampling(), r.safetyTolerance(), refs, info.id(), info.model(),
                job.kind(), job.parentId(), status, errorKind, errorMessage, image, cost,
                timings.queueWait().toMillis(), timings.runTime().toMillis(), timings.attempts(), remoteId,
                revisedPrompt, false, List.of());
    }
}
