package io.draftboard.generation;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * Runs jobs off the UI thread on a bounded pool, one retry policy for all providers, at most
 * {@link ProviderCapabilities#maxConcurrentJobs()} jobs per provider at once (the rest wait locally rather
 * than provoke a storm of 429s), and records every result through the {@link JobRecorder} before reporting
 * the job finished.
 *
 * <p>Cancellation is cooperative: the job's context says it is cancelled, remote-cancel hooks run, retry
 * waits end early. Worker threads are never interrupted, because an interrupt in the middle of a file or
 * SQLite write closes the channel under it and could lose the very result we must keep.
 */
public final class JobRunner implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JobRunner.class.getName());
    private static final Duration SLOT_POLL = Duration.ofMillis(50);

    private final ExecutorService executor;
    private final RetryPolicy policy;
    private final JobRecorder recorder;
    private final Clock clock;
    private final RetryPause pause;
    private final DoubleSupplier random;
    private final Map<String, Semaphore> slots = new ConcurrentHashMap<>();
    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    public JobRunner(int threads, RetryPolicy policy, JobRecorder recorder) {
        this(threads, policy, recorder, Clock.systemUTC(), RetryPause.REAL,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    public JobRunner(int threads, RetryPolicy policy, JobRecorder recorder, Clock clock, RetryPause pause,
            DoubleSupplier random) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.random = Objects.requireNonNull(random, "random");
        AtomicInteger threadNumber = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "draftboard-job-" + threadNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
    }

    /** Queues {@code job}; {@code listener} hears its events on the worker thread. */
    public JobHandle submit(Job job, JobListener listener) {
        long id = ids.incrementAndGet();
        Running run = new Running(id, job, listener, clock.instant());
        running.put(id, run);
        run.emit(new JobEvent.Queued(id, run.queuedAt));
        try {
            run.future = executor.submit(run::execute);
        } catch (RejectedExecutionException e) {
            run.finish(new JobOutcome.Failed(FailureKind.PERMANENT, "Draftboard is shutting down",
                    run.timings(run.queuedAt, 0)));
        }
        return new JobHandle(id, job, run.outcome, run::cancel);
    }

    /** Jobs queued or running now. */
    public int activeJobs() {
        return running.size();
    }

    /** Cancels every job and waits up to {@code grace} for workers to record what they already have. */
    public void shutdown(Duration grace) {
        running.values().forEach(Running::cancel);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, "{0} job(s) still running at shutdown", running.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops taking jobs and leaves the ones in flight alone: the app is quitting, and a job that does not
     * finish within {@code grace} stays open in the journal, to be resumed (polled, never resent) at the next
     * start. Nothing is cancelled, so a paid job is never abandoned by quitting.
     */
    public void detach(Duration grace) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.INFO, "{0} job(s) left to the journal at exit", running.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(5));
    }

    private Semaphore slotFor(Provider provider) {
        ProviderInfo info = provider.info();
        int permits = Math.max(1, info.capabilities().maxConcurrentJobs());
        return slots.computeIfAbsent(info.id(), k -> new Semaphore(permits, true));
    }

    private final class Running implements JobContext {
        final long id;
        final Job job;
        final JobListener listener;
        final Instant queuedAt;
        final CompletableFuture<JobOutcome> outcome = new CompletableFuture<>();
        final CountDownLatch cancelled = new CountDownLatch(1);
        final AtomicBoolean finished = new AtomicBoolean();
        /** Set by whichever comes first: a worker starting the job, or a cancel while it is queued. */
        final AtomicBoolean claimed = new AtomicBoolean();
        final List<Runnable> cancelHooks = new CopyOnWriteArrayList<>();
        volatile Future<?> future;
        volatile Instant startedAt;
        /** Touched only by the worker thread running this job. */
        boolean holdingSlot;
        /** The journal entry, once opened (0 if the recorder keeps no journal). */
        volatile long journalId;

        Running(long id, Job job, JobListener listener, Instant queuedAt) {
            this.id = id;
            this.job = job;
            this.listener = listener;
            this.queuedAt = queuedAt;
        }

        @Override
        public RenderKind kind() {
            return job.kind();
        }

        void execute() {
            if (!claimed.compareAndSet(false, true)) {
                return; // cancelled while queued; already reported
            }
            Semaphore slot = slotFor(job.provider());
            try {
                if (!acquire(slot)) {
                    cancelledBeforeStart();
                    return;
                }
                startedAt = clock.instant();
                journalId = job.resumption() != null ? job.resumption().journalId() : recorder.opened(job);
                FaultPoint.reach("before-submit");
                attempts(slot);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finish(new JobOutcome.Cancelled(timings(startedAt == null ? clock.instant() : startedAt, 0)));
            } catch (IOException e) {
                LOG.log(Level.ERROR, "job " + id + " could not be journaled", e);
                finish(new JobOutcome.Failed(FailureKind.PERMANENT, "The job could not be written to the journal, so "
                        + "it was not sent: " + describe(e), timings(startedAt == null ? clock.instant() : startedAt, 0)));
            } catch (RuntimeException | Error e) {
                crashed(e);
            } finally {
                release(slot);
            }
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
                    startedAt = clock.instant();
                }
                failed(FailureKind.PERMANENT, message, 1);
            } finally {
                finish(new JobOutcome.Failed(FailureKind.PERMANENT, message, timings(startedAt, 1)));
            }
        }

        /** Waits for one of the provider's slots; false if the job was cancelled meanwhile. */
        private boolean acquire(Semaphore slot) throws InterruptedException {
            while (!isCancelled()) {
                if (slot.tryAcquire(SLOT_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                    holdingSlot = true;
                    return true;
                }
            }
            return false;
        }

        private void release(Semaphore slot) {
            if (holdingSlot) {
                holdingSlot = false;
                slot.release();
            }
        }

        private void attempts(Semaphore slot) throws InterruptedException {
            for (int attempt = 1; ; attempt++) {
                emit(new JobEvent.Started(id, clock.instant(), attempt));
                try {
                    GenerationResult result = job.resumption() != null
                            ? job.provider().resume(job.request(), job.resumption(), this)
                            : job.provider().generate(job.request(), this);
                    succeeded(result, attempt);
                    return;
                } catch (JobCancelledException e) {
                    cancelledWhileRunning(attempt);
                    return;
                } catch (ProviderException e) {
                    if (isCancelled()) {
                        cancelledWhileRunning(attempt);
                        return;
                    }
                    Optional<Duration> delay = policy.delayAfter(attempt, e, random);
                    if (delay.isEmpty()) {
                        failed(e.kind(), e.getMessage(), attempt);
                        return;
                    }
                    emit(new JobEvent.Retrying(id, clock.instant(), attempt, delay.get(), e.kind(), e.getMessage()));
                    // Give the provider slot to others while we wait out a rate limit or an outage.
                    release(slot);
                    if (pause.await(delay.get(), cancelled) || !acquire(slot)) {
                        cancelledWhileRunning(attempt);
                        return;
                    }
                }
            }
        }

        private void succeeded(GenerationResult result, int attempts) {
            Timings timings = timings(startedAt, attempts);
            long generationId;
            try {
                generationId = recorder.recordSuccess(journalId, job, result, timings);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.ERROR, "job " + id + ": result could not be saved", e);
                String message = "The image was rendered but could not be saved: " + describe(e);
                failed(FailureKind.PERMANENT, message, attempts);
                return;
            }
            // A provider that cannot cancel may still deliver after a cancel: the result is kept (it was
            // paid for) but the job reports what the user asked for.
            finish(isCancelled() ? new JobOutcome.Cancelled(timings)
                    : new JobOutcome.Succeeded(result, timings, generationId));
        }

        private void failed(FailureKind kind, String message, int attempts) {
            Timings timings = timings(startedAt, attempts);
            try {
                recorder.recordFailure(journalId, job, kind, message, timings);
            } catch (IOException | RuntimeException | Error e) {
                LOG.log(Level.WARNING, "job " + id + ": failure could not be recorded", e);
            }
            finish(new JobOutcome.Failed(kind, message, timings));
        }

        private void cancelledWhileRunning(int attempts) {
            Timings timings = timings(startedAt, attempts);
            try {
                recorder.recordCancellation(journalId, job, timings);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "job " + id + ": cancellation could not be recorded", e);
            }
            finish(new JobOutcome.Cancelled(timings));
        }

        private void cancelledBeforeStart() {
            Instant now = clock.instant();
            finish(new JobOutcome.Cancelled(new Timings(queuedAt, now, now, 0)));
        }

        Timings timings(Instant started, int attempts) {
            return new Timings(queuedAt, started, clock.instant(), attempts);
        }

        void cancel() {
            if (cancelled.getCount() == 0) {
                return;
            }
            cancelled.countDown();
            for (Runnable hook : cancelHooks) {
                runHook(hook);
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

        void finish(JobOutcome result) {
            if (finished.compareAndSet(false, true)) {
                running.remove(id);
                emit(new JobEvent.Finished(id, clock.instant(), result));
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
            emit(new JobEvent.Progress(id, clock.instant(), Math.max(0, Math.min(1, fraction))));
        }

        @Override
        public void submitted(String remoteId, String pollingUrl) {
            try {
                recorder.submitted(journalId, remoteId, pollingUrl);
            } catch (IOException e) {
                // The job runs on; only a crash in the next moments would lose the way back to it.
                LOG.log(Level.ERROR, "job " + id + ": provider job id could not be journaled", e);
            }
            emit(new JobEvent.Submitted(id, clock.instant(), remoteId, pollingUrl));
            FaultPoint.reach("after-submit");
        }

        @Override
        public void status(String text) {
            emit(new JobEvent.Status(id, clock.instant(), text));
        }

        @Override
        public void preview(byte[] image, int step, int of) {
            if (image != null && image.length > 0) {
                emit(new JobEvent.Preview(id, clock.instant(), image, step, of));
            }
        }

        @Override
        public void downloading(long bytes) {
            emit(new JobEvent.Downloading(id, clock.instant(), bytes));
        }

        @Override
        public boolean isCancelled() {
            return cancelled.getCount() == 0;
        }

        @Override
        public void onCancel(Runnable action) {
            cancelHooks.add(action);
            if (isCancelled() && cancelHooks.remove(action)) {
                runHook(action);
            }
        }

        private void runHook(Runnable hook) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cancel hook failed", e);
            }
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
