package io.draftboard.generation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every render the studio sends goes through here (live drafts, finals, the seed explorer, re-runs): it is
 * charged to the session when it fires (providers bill on submission), queued on the {@link JobRunner}, and
 * timed when it lands, so the slider can say how long the next one takes. Toolkit-free and thread-safe: drafts
 * fire from the debounce timer, finals from the UI thread, outcomes arrive on workers.
 */
public final class RenderService {

    /** What the studio hears of every render, on the thread where it happened. */
    public interface Listener {
        /** {@code job} was charged and queued. */
        default void charged(Job job) {
        }

        /** A worker started {@code job}. */
        default void started(Job job) {
        }

        /** {@code job} ended; a success is recorded in history by now. */
        default void finished(Job job, JobOutcome outcome) {
        }
    }

    private final JobRunner jobs;
    private final SessionSpend spend = new SessionSpend();
    private final RenderTimeEstimate times = new RenderTimeEstimate();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public RenderService(JobRunner jobs) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /**
     * Charges, queues and times {@code job}; {@code events} hears its progress. A job that fails in a way its
     * provider does not bill ({@link JobOutcome.Failed#billed}), or that was cancelled before the provider ran it
     * ({@link CancelCharge}), is refunded before listeners hear it finished.
     *
     * @return the job's handle, whose outcome completes only once the service has settled the job (spend
     *         refunded if unbilled, time learned, listeners told), so whoever waits on it sees the settled books
     */
    public JobHandle submit(Job job, JobListener events) {
        Cost charged = job.provider().estimateCost(job.request());
        boolean draft = job.kind() == RenderKind.DRAFT;
        if (draft) {
            spend.chargeDraft(charged);
        } else {
            spend.charge(charged);
        }
        listeners.forEach(l -> l.charged(job));
        JobHandle handle = jobs.submit(job, event -> {
            if (event instanceof JobEvent.Started) {
                listeners.forEach(l -> l.started(job));
            }
            events.onEvent(event);
        });
        CompletableFuture<JobOutcome> settled = new CompletableFuture<>();
        handle.outcome().thenAccept(outcome -> {
            try {
                settle(job, charged, outcome);
                listeners.forEach(l -> l.finished(job, outcome));
            } finally {
                settled.complete(outcome); // never exceptionally, as JobHandle promises, whatever a listener did
            }
        });
        return new JobHandle(handle.id(), job, settled, handle::cancel);
    }

    private void settle(Job job, Cost charged, JobOutcome outcome) {
        boolean unbilled = outcome instanceof JobOutcome.Failed f && !f.billed()
                || outcome instanceof JobOutcome.Cancelled c && !c.charge().billed();
        if (unbilled) {
            if (job.kind() == RenderKind.DRAFT) {
                spend.refundDraft(charged);
            } else {
                spend.refund(charged);
            }
        }
        if (outcome instanceof JobOutcome.Succeeded s) {
            times.record(job.provider().info().id(), job.request(), s.timings().runTime());
        }
    }

    public SessionSpend spend() {
        return spend;
    }

    /** How long {@code request} will take on {@code providerId}, once it has rendered something. */
    public Optional<Duration> estimate(String providerId, GenerationRequest request) {
        return times.estimate(providerId, request);
    }

    /** A render of an earlier session, known by its numbers, teaches the estimate too. */
    public void learn(String providerId, int steps, int width, int height, Duration took) {
        times.record(providerId, steps, width, height, took);
    }
}
