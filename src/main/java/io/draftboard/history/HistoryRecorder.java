package io.draftboard.history;

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

/**
 * Writes every job's trail: the journal entry (and the reference images it needs) before the job is sent,
 * the provider's id when it is known, then the image into the content-addressed store and, in one
 * transaction, the history row and the journal's close. A row never points at a missing file, and a job
 * whose row is missing is still open in the journal, so a restart resumes it.
 */
public final class HistoryRecorder implements JobRecorder {
    private final JobJournal journal;
    private final ImageStore images;
    private final Clock clock;

    public HistoryRecorder(JobJournal journal, ImageStore images) {
        this(journal, images, Clock.systemUTC());
    }

    /** Records into the journal over {@code history}'s database (for fixtures that hold only a store). */
    public HistoryRecorder(HistoryStore history, ImageStore images) {
        this(new JobJournal(history.database()), images);
    }

    public HistoryRecorder(JobJournal journal, ImageStore images, Clock clock) {
        this.journal = journal;
        this.images = images;
        this.clock = clock;
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
        return journal.insertClosingJob(record(job, timings, result.seed(), GenerationStatus.DONE, null, null, image,
                cost, result.remoteId(), result.revisedPrompt()), journalId, JournalEntry.State.DONE, null);
    }

    @Override
    public void recordFailure(long journalId, Job job, FailureKind kind, String message, Timings timings)
            throws IOException {
        // Whether a failed job is billed is not documented (providers.md §7); nothing is charged here. A job
        // whose outcome is unknown may have been rendered and billed: it keeps its estimate, and the journal
        // says it is unknown, not failed.
        boolean unknown = kind == FailureKind.OUTCOME_UNKNOWN;
        journal.insertClosingJob(record(job, timings, job.request().seed(), GenerationStatus.FAILED, kind, message, null,
                unknown ? job.provider().estimateCost(job.request()) : Cost.FREE, null, null), journalId,
                unknown ? JournalEntry.State.UNKNOWN : JournalEntry.State.FAILED, message);
    }

    @Override
    public void recordCancellation(long journalId, Job job, Timings timings) throws IOException {
        Cost cost = job.provider().estimateCost(job.request());
        if (cost.usd() == 0) {
            // a free local render that was abandoned leaves nothing worth keeping in history
            if (journalId > 0) {
                journal.closeJob(journalId, JournalEntry.State.CANCELLED, "cancelled");
            }
            return;
        }
        // A remote job abandoned mid-way may still be billed: keep it so the session spend is honest.
        journal.insertClosingJob(record(job, timings, job.request().seed(), GenerationStatus.CANCELLED, null, null, null,
                cost, null, null), journalId, JournalEntry.State.CANCELLED, "cancelled");
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
