package io.draftboard.app;

import io.draftboard.generation.Cost;
import io.draftboard.generation.InvalidRequestException;
import io.draftboard.generation.Job;
import io.draftboard.generation.JobHandle;
import io.draftboard.generation.JobListener;
import io.draftboard.generation.JobOutcome;
import io.draftboard.generation.Provider;
import io.draftboard.generation.Resumption;
import io.draftboard.history.JournalEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Picks up what a crash left in the journal, and jobs the provider billed but whose image never arrived. A job
 * the provider had accepted is polled again (never submitted again, so never paid twice), which for a signed
 * link that expired means a fresh one where the provider hands it out; if that fails too, the image is lost
 * and the result says what was charged. A job that was not yet confirmed is closed as lost with the reason,
 * because re-sending it could bill it twice.
 */
public final class JobResumer {
    private final Draftboard app;

    /** The result of a job another running Draftboard process is finishing. */
    public static final String SKIPPED = "skipped: another Draftboard process is finishing it";

    /** What happened to one open journal entry. */
    public record Outcome(JournalEntry entry, String result, Long generationId) {
    }

    public JobResumer(Draftboard app) {
        this.app = app;
    }

    /**
     * The studio's way: reads the journal and resumes every open job on a daemon thread of its own, returned
     * started, so nothing (the first frame least of all) waits for the journal or the jobs. A failure to read
     * the journal is logged; the jobs stay open for the next start.
     */
    public static Thread resumeInBackground(Draftboard app) {
        Thread resume = new Thread(() -> {
            try {
                JobResumer resumer = new JobResumer(app);
                app.journal().openJobs().forEach(resumer::resume);
            } catch (RuntimeException e) {
                System.getLogger(JobResumer.class.getName()).log(System.Logger.Level.WARNING,
                        "could not resume the jobs a crash left open", e);
            }
        }, "draftboard-resume");
        resume.setDaemon(true);
        resume.start();
        return resume;
    }

    /** Resumes every open job and waits for them; the list says what became of each. */
    public List<Outcome> resumeAll() {
        List<CompletableFuture<Outcome>> running = new ArrayList<>();
        for (JournalEntry entry : app.journal().openJobs()) {
            running.add(resume(entry));
        }
        List<Outcome> outcomes = new ArrayList<>();
        running.forEach(f -> outcomes.add(f.join()));
        return outcomes;
    }

    /**
     * Finishes {@code entry} unless another running Draftboard is already doing so (the studio and a CLI both
     * resume at start): the journal hands each job to exactly one process.
     */
    public CompletableFuture<Outcome> resume(JournalEntry entry) {
        if (!app.journal().claim(entry.id())) {
            return CompletableFuture.completedFuture(new Outcome(entry, SKIPPED, null));
        }
        if (entry.state() == JournalEntry.State.PENDING) {
            String why = entry.providerId().equals("offline")
                    ? "Draftboard stopped before the offline render finished; nothing was billed"
                    : "Draftboard stopped before " + entry.providerId() + " confirmed the job; it was not resent, "
                            + "so it is billed at most once (check the provider's dashboard)";
            return CompletableFuture.completedFuture(lost(entry, why));
        }
        Provider provider;
        Job job;
        try {
            provider = app.providers().get(entry.providerId());
            job = new Job(app.restoreRequest(entry), provider, entry.kind(), entry.parentId(),
                    new Resumption(entry.id(), entry.remoteId(), entry.pollingUrl()));
        } catch (IOException | InvalidRequestException e) {
            return CompletableFuture.completedFuture(lost(entry, "cannot be resumed: " + e.getMessage()));
        }
        JobHandle handle = app.jobs().submit(job, JobListener.NONE);
        // The provider accepted it, so it is billed: a loss says what it cost (the history row records it too).
        String charged = new Cost(provider.estimateCost(job.request()).usd(), true).display();
        boolean unfetched = entry.generationId() != null;
        return handle.outcome().thenApply(outcome -> {
            if (outcome instanceof JobOutcome.Succeeded s) {
                return new Outcome(entry, "recovered", s.generationId());
            }
            if (outcome instanceof JobOutcome.Failed f) {
                return new Outcome(entry, unfetched
                        ? "lost: the image could not be fetched again (" + f.message() + "); " + charged + " was charged"
                        : "lost: " + f.message() + "; " + charged + " was charged (the provider had accepted it)", null);
            }
            return new Outcome(entry, "cancelled", null);
        });
    }

    private Outcome lost(JournalEntry entry, String why) {
        app.journal().closeJob(entry.id(), JournalEntry.State.LOST, why);
        return new Outcome(entry, "lost: " + why, null);
    }
}
