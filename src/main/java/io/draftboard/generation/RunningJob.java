package io.draftboard.generation;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One job from queued to finished: waits for a provider slot, opens its journal entry, makes attempts under
 * the retry policy (giving the slot back while it waits out a delay), records how it ended before reporting
 * it, and is the {@link JobContext} its provider reports to. It reports exactly one {@link JobOutcome},
 * whatever races with what (a cancel while queued, a result after a cancel, a crash).
 */
final class RunningJob implements JobContext {
    private static final System.Logger LOG = System.getLogger(JobRunner.class.getName());

    private final long id;
    private final Job job;
    private final JobListener listener;
    private final JobServices services;
    /** Told once, when the job has finished (the runner stops counting it). */
    private final Runnable onFinished;
    private final Instant queuedAt;
    private final CompletableFuture<JobOutcome> outcome = new CompletableFuture<>();
    private final JobCancellation cancellation = new JobCancellation();
    private final AtomicBoolean finished = new AtomicBoolean();
    /** Set by whichever comes first: a worker starting the job, or a cancel while it is queued. */
    private final AtomicBoolean claimed = new AtomicBoolean();
    private volatile Future<?> future;
    private volatile Instant startedAt;
    /** The journal entry, once opened (0 if the recorder keeps no journal). */
    private volatile long journalId;

    RunningJob(long id, Job job, JobListener listener, JobServices services, Runnable onFinished) {
        this.id = id;
        this.job = job;
        this.listener = listener;
        this.services = services;
        this.onFinished = onFinished;
        this.queuedAt = services.clock().instant();
    }

    long id() {
        return id;
    }

    Instant queuedAt() {
        return queuedAt;
    }

    CompletableFuture<JobOutcome> outcome() {
        return outcome;
    }

    /** The pool's handle on the queued task, dropped from the queue if the job is cancelled before it starts. */
    void queuedAs(Future<?> task) {
        future = task;
    }

    /** Runs the job on the calling (worker) thread. */
    void execute() {
        if (!claimed.compareAndSet(false, true)) {
            return; // cancelled while queued; already reported
        }
        ProviderSlots.JobSlot slot = services.slots().slotFor(job.provider());
        try {
            if (!slot.acquire(this::isCancelled)) {
                cancelledBeforeStart();
                return;
            }
            startedAt = services.clock().instant();
            journalId = job.resumption() != null ? job.resumption().journalId() : services.recorder().opened(job);
            FaultPoint.reach("before-submit");
            attempts(slot);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(new JobOutcome.Cancelled(timings(startedOrNow(), 0)));
        } catch (IOException e) {
            LOG.log(Level.ERROR, "job " + id + " could not be journaled", e);
            finish(new JobOutcome.Failed(FailureKind.PERMANENT, "The job could not be written to the journal, so "
                    + "it was not sent: " + describe(e), timings(startedOrNow(), 0)));
        } catch (RuntimeException | Error e) {
            crashed(e);
        } finally {
            slot.release();
        }
    }

    private Instant startedOrNow() {
        return startedAt == null ? services.clock().instant() : startedAt;
    }

    /**
     * A bug or an {@link Error} (out of memory included), not a provider answer: the detail goes to the log,
     * the user gets a sentence, the journal is closed as any failure is (the recorder decides what a job the
     * provider had accepted cost), and the job always ends, so nobody waits on it forever.
     */
    private void crashed(Throwable e) {
        String provider = job.provider().info().displayName();
        String message = e instanceof OutOfMemoryError
                ? "Draftboard ran out of memory during the " + provider + " job; see the log"
                : "Internal error in " + provider + " (" + e.getClass().getSimpleName() + "); see the log";
        try {
            LOG.log(Level.ERROR, "job " + id + " crashed in " + job.provider().info().id(), e);
            if (startedAt == null) {
                startedAt = services.clock().instant();
            }
            failed(FailureKind.PERMANENT, message, 1, true);
        } finally {
            finish(new JobOutcome.Failed(FailureKind.PERMANENT, message, timings(startedAt, 1),
                    job.provider().billsFailure(FailureKind.PERMANENT)));
        }
    }

    private void attempts(ProviderSlots.JobSlot slot) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            emit(new JobEvent.Started(id, services.clock().instant(), attempt));
            try {
                GenerationResult result = job.resumption() != null
                        ? job.provider().resume(job.request(), job.resumption(), this)
                        : job.provider().generate(job.request(), this);
                succeeded(result, attempt);
                return;
            } catch (JobCancelledException e) {
                cancelledWhileRunning(attempt, e.charge());
                return;
            } catch (ProviderException e) {
                if (isCancelled()) {
                    cancelledWhileRunning(attempt, CancelCharge.UNKNOWN);
                    return;
                }
                Optional<Duration> delay = services.policy().delayAfter(attempt, e, services.random());
                if (delay.isEmpty()) {
                    failed(e.kind(), e.getMessage(), attempt, e.billed());
                    return;
                }
                emit(new JobEvent.Retrying(id, services.clock().instant(), attempt, delay.get(), e.kind(),
                        e.getMessage()));
                // Give the provider slot to others while we wait out a rate limit or an outage.
                slot.release();
                if (services.pause().await(delay.get(), cancellation.latch()) || !slot.acquire(this::isCancelled)) {
                    cancelledWhileRunning(attempt, CancelCharge.UNKNOWN);
                    return;
                }
            }
        }
    }

    private void succeeded(GenerationResult result, int attempts) {
        Timings timings = timings(startedAt, attempts);
        long generationId;
        try {
            generationId = services.recorder().recordSuccess(journalId, job, result, timings);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "job " + id + ": result could not be saved", e);
            String message = "The image was rendered but could not be saved: " + describe(e);
            failed(FailureKind.PERMANENT, message, attempts, true);
            return;
        }
        // A provider that cannot cancel may still deliver after a cancel: the result is kept (it was
        // paid for) but the job reports what the user asked for.
        finish(isCancelled() ? new JobOutcome.Cancelled(timings)
                : new JobOutcome.Succeeded(result, timings, generationId));
    }

    /**
     * {@code documentedBilled}: false when the provider said this failure is not charged; its kind may say so
     * too ({@link Provider#billsFailure}). The one place both are weighed; the recorder has the last word (a
     * job the provider never accepted is not billed), so the outcome, and the spend it settles, match history.
     */
    private void failed(FailureKind kind, String message, int attempts, boolean documentedBilled) {
        Timings timings = timings(startedAt, attempts);
        boolean billed = documentedBilled && job.provider().billsFailure(kind);
        try {
            billed = services.recorder().recordFailure(journalId, job, kind, message, timings, billed);
        } catch (IOException | RuntimeException | Error e) {
            LOG.log(Level.WARNING, "job " + id + ": failure could not be recorded", e);
        }
        finish(new JobOutcome.Failed(kind, message, timings, billed));
    }

    private void cancelledWhileRunning(int attempts, CancelCharge charge) {
        Timings timings = timings(startedAt, attempts);
        try {
            services.recorder().recordCancellation(journalId, job, timings, charge);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "job " + id + ": cancellation could not be recorded", e);
        }
        finish(new JobOutcome.Cancelled(timings, charge));
    }

    private void cancelledBeforeStart() {
        Instant now = services.clock().instant();
        finish(new JobOutcome.Cancelled(new Timings(queuedAt, now, now, 0)));
    }

    Timings timings(Instant started, int attempts) {
        return new Timings(queuedAt, started, services.clock().instant(), attempts);
    }

    /** The user (or shutdown) cancels: from any thread, any number of times. */
    void cancel() {
        if (!cancellation.cancel()) {
            return;
        }
        if (claimed.compareAndSet(false, true)) {
            // Never started, and now never will: report it here, and drop it from the queue.
            cancelledBeforeStart();
            Future<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
        }
    }

    /** Reports {@code result} once: the first call wins, later ones are ignored. */
    void finish(JobOutcome result) {
        if (finished.compareAndSet(false, true)) {
            onFinished.run();
            emit(new JobEvent.Finished(id, services.clock().instant(), result));
            outcome.complete(result);
        }
    }

    void emit(JobEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "job listener failed on " + event.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void progress(double fraction) {
        emit(new JobEvent.Progress(id, services.clock().instant(), Math.max(0, Math.min(1, fraction))));
    }

    @Override
    public void submitted(String remoteId, String pollingUrl) {
        try {
            services.recorder().submitted(journalId, remoteId, pollingUrl);
        } catch (IOException e) {
            // The job runs on; only a crash in the next moments would lose the way back to it.
            LOG.log(Level.ERROR, "job " + id + ": provider job id could not be journaled", e);
        }
        emit(new JobEvent.Submitted(id, services.clock().instant(), remoteId, pollingUrl));
        FaultPoint.reach("after-submit");
    }

    @Override
    public void status(String text) {
        emit(new JobEvent.Status(id, services.clock().instant(), text));
    }

    @Override
    public void preview(byte[] image, int step, int of) {
        if (image != null && image.length > 0) {
            emit(new JobEvent.Preview(id, services.clock().instant(), image, step, of));
        }
    }

    @Override
    public void downloading(long bytes) {
        emit(new JobEvent.Downloading(id, services.clock().instant(), bytes));
    }

    @Override
    public RenderKind kind() {
        return job.kind();
    }

    @Override
    public boolean isCancelled() {
        return cancellation.isCancelled();
    }

    @Override
    public void onCancel(Runnable action) {
        cancellation.onCancel(action);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
