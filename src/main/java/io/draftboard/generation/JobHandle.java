package io.draftboard.generation;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** A submitted job: its id, its eventual outcome, and a way to cancel it. */
public final class JobHandle {
    private final long id;
    private final Job job;
    private final CompletableFuture<JobOutcome> outcome;
    private final Runnable canceller;

    public JobHandle(long id, Job job, CompletableFuture<JobOutcome> outcome, Runnable canceller) {
        this.id = id;
        this.job = Objects.requireNonNull(job, "job");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.canceller = Objects.requireNonNull(canceller, "canceller");
    }

    public long id() {
        return id;
    }

    public Job job() {
        return job;
    }

    /** Completes (never exceptionally) when the job has finished and its result is recorded. */
    public CompletableFuture<JobOutcome> outcome() {
        return outcome;
    }

    /**
     * Asks the job to stop: at the provider if it can cancel, otherwise by abandoning it locally (a result
     * that still arrives is recorded, since it was paid for, but the job ends as cancelled).
     */
    public void cancel() {
        canceller.run();
    }

    public boolean isDone() {
        return outcome.isDone();
    }
}
