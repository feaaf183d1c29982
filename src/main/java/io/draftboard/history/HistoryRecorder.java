package io.draftboard.history;

import io.draftboard.generation.Cost;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.Job;
import io.draftboard.generation.JobRecorder;
import io.draftboard.generation.ProviderInfo;
import io.draftboard.generation.Reference;
import io.draftboard.generation.Timings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes every finished job to disk and history before the job is reported done: the image (and its
 * references) into the content-addressed store first, then one history row in one transaction, so a row
 * never points at a missing file.
 */
public final class HistoryRecorder implements JobRecorder {
    private final HistoryStore history;
    private final ImageStore images;

    public HistoryRecorder(HistoryStore history, ImageStore images) {
        this.history = history;
        this.images = images;
    }

    @Override
    public long recordSuccess(Job job, GenerationResult result, Timings timings) throws IOException {
        String hash = images.put(result.image(), result.mediaType());
        StoredImage image = new StoredImage(hash, result.mediaType(), result.width(), result.height());
        Cost cost = result.cost() != null ? result.cost() : job.provider().estimateCost(job.request());
        return history.insert(record(job, timings, result.seed(), GenerationStatus.DONE, null, null, image, cost,
                result.remoteId(), result.revisedPrompt()));
    }

    @Override
    public void recordFailure(Job job, FailureKind kind, String message, Timings timings) throws IOException {
        // Whether a failed job is billed is not documented (providers.md §7); nothing is charged here.
        history.insert(record(job, timings, job.request().seed(), GenerationStatus.FAILED, kind, message, null,
                Cost.FREE, null, null));
    }

    @Override
    public void recordCancellation(Job job, Timings timings) throws IOException {
        Cost cost = job.provider().estimateCost(job.request());
        if (cost.usd() == 0) {
            return; // a free local render that was abandoned leaves nothing worth keeping
        }
        // A remote job abandoned mid-way may still be billed: keep it so the session spend is honest.
        history.insert(record(job, timings, job.request().seed(), GenerationStatus.CANCELLED, null, null, null,
                cost, null, null));
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
