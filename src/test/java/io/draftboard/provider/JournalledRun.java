package io.draftboard.provider;

import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.Job;
import io.draftboard.generation.JobEvent;
import io.draftboard.generation.JobOutcome;
import io.draftboard.generation.JobRunner;
import io.draftboard.generation.Provider;
import io.draftboard.generation.RenderKind;
import io.draftboard.generation.RenderService;
import io.draftboard.generation.RetryPolicy;
import io.draftboard.history.GenerationRecord;
import io.draftboard.history.HistoryDatabase;
import io.draftboard.history.HistoryRecorder;
import io.draftboard.history.HistoryStore;
import io.draftboard.history.ImageStore;
import io.draftboard.history.JobJournal;
import io.draftboard.history.JournalEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One job run as the app runs it: through the {@link RenderService} (charged to the session) on a
 * {@link JobRunner} with the default retry policy, recorded by a {@link HistoryRecorder} into a fresh history,
 * except that retries do not wait. Wire tests use it to see what a failure does end to end: how many times
 * the runner tried, what the journal says, what the session was charged.
 */
public final class JournalledRun implements AutoCloseable {
    private final HistoryDatabase db;
    private final JobJournal journal;
    private final HistoryStore history;
    private final JobRunner runner;
    private final RenderService renders;

    /** What became of the job. */
    public record Result(JobOutcome outcome, int attempts, JournalEntry journal, Optional<GenerationRecord> record) {
    }

    public JournalledRun(Path dir) throws IOException {
        db = HistoryDatabase.open(dir.resolve("history.db"));
        journal = new JobJournal(db);
        history = new HistoryStore(db);
        runner = new JobRunner(2, RetryPolicy.DEFAULT, new HistoryRecorder(journal, new ImageStore(dir.resolve("images"))),
                Clock.systemUTC(), (delay, cancelled) -> false, () -> 0.5);
        renders = new RenderService(runner);
    }

    public Result run(Provider provider, GenerationRequest request) throws Exception {
        return run(provider, request, event -> false);
    }

    /** As {@link #run}, but the job is cancelled as soon as the provider has accepted it (a superseded draft). */
    public Result runCancelledOnceSubmitted(Provider provider, GenerationRequest request) throws Exception {
        return runCancelledOn(provider, request, JobEvent.Submitted.class::isInstance);
    }

    /** As {@link #run}, but the job is cancelled at the first event {@code when} accepts. */
    public Result runCancelledOn(Provider provider, GenerationRequest request,
            java.util.function.Predicate<JobEvent> when) throws Exception {
        return run(provider, request, when);
    }

    private Result run(Provider provider, GenerationRequest request, java.util.function.Predicate<JobEvent> cancelOn)
            throws Exception {
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        Job job = new Job(request, provider, RenderKind.FINAL, null);
        CompletableFuture<io.draftboard.generation.JobHandle> handle = new CompletableFuture<>();
        // The handle's outcome completes once the service has settled the job's spend.
        handle.complete(renders.submit(job, event -> {
            events.add(event);
            if (cancelOn.test(event)) {
                handle.thenAccept(io.draftboard.generation.JobHandle::cancel);
            }
        }));
        JobOutcome outcome = handle.join().outcome().get(60, TimeUnit.SECONDS);
        int attempts = (int) events.stream().filter(e -> e instanceof JobEvent.Started).count();
        JournalEntry entry = journal.recentJobs(1).get(0);
        Optional<GenerationRecord> record = entry.generationId() == null ? Optional.empty()
                : history.find(entry.generationId());
        return new Result(outcome, attempts, entry, record);
    }

    /** The session's spend so far, as the studio shows it. */
    public double spentUsd() {
        return renders.spend().spent().usd();
    }

    @Override
    public void close() {
        runner.close();
        db.close();
    }
}
