package io.draftboard.generation;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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

    private final ExecutorService executor;
    private final JobServices services;
    private final Map<Long, RunningJob> running = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    public JobRunner(int threads, RetryPolicy policy, JobRecorder recorder) {
        this(threads, policy, recorder, Clock.systemUTC(), RetryPause.REAL,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    public JobRunner(int threads, RetryPolicy policy, JobRecorder recorder, Clock clock, RetryPause pause,
            DoubleSupplier random) {
        this.services = new JobServices(policy, recorder, clock, pause, random, new ProviderSlots());
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
        RunningJob run = new RunningJob(id, job, listener, services, () -> running.remove(id));
        running.put(id, run);
        run.emit(new JobEvent.Queued(id, run.queuedAt()));
        try {
            run.queuedAs(executor.submit(run::execute));
        } catch (RejectedExecutionException e) {
            run.finish(new JobOutcome.Failed(FailureKind.PERMANENT, "Draftboard is shutting down",
                    run.timings(run.queuedAt(), 0)));
        }
        return new JobHandle(id, job, run.outcome(), run::cancel);
    }

    /** Jobs queued or running now. */
    public int activeJobs() {
        return running.size();
    }

    /** Cancels every job and waits up to {@code grace} for workers to record what they already have. */
    public void shutdown(Duration grace) {
        running.values().forEach(RunningJob::cancel);
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
}
