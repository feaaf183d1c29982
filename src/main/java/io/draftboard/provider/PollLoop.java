package io.draftboard.provider;

import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.RenderDurations;
import io.draftboard.imaging.DecoderWarmUp;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The wait-poll cycle shared by queue-style providers (BFL, Replicate, fal): waits as the job's {@link PollPlan}
 * says, asks the provider-specific {@link Step} for news, stops at a result, a failure or the timeout, and
 * teaches the schedule how long the job took.
 *
 * <p>A job started with its request ({@link #start(String, GenerationRequest, String, JobContext)}) is planned
 * from {@link RenderDurations}, the provider's past renders of the same kind in history, and its own time is
 * recorded there when it is seen done, so a CLI command that lives for one job polls as if it had seen the ones
 * before it. History is read once, when the job starts; if it cannot be read or written the job polls as a first
 * run would, never fails for it.
 */
public final class PollLoop {
    /** One poll: the result when the job is done, null while it is not. */
    @FunctionalInterface
    public interface Step<T> {
        T poll() throws ProviderException;
    }

    /** How many past renders a plan is fitted to: enough for a spread, recent enough to follow a provider's drift. */
    static final int PAST_RENDERS = 20;
    private static final System.Logger LOG = System.getLogger(PollLoop.class.getName());

    private final PollSchedule schedule;
    private final CancellableSleep sleep;
    private final Clock clock;
    private final Duration timeout;
    private final RenderDurations history;

    /** A loop that learns only within this process (tests, and callers without a history). */
    public PollLoop(PollSchedule schedule, CancellableSleep sleep, Clock clock, Duration timeout) {
        this(schedule, sleep, clock, timeout, RenderDurations.NONE);
    }

    /** A loop whose jobs are planned from {@code history}'s past render times as well. */
    public PollLoop(PollSchedule schedule, CancellableSleep sleep, Clock clock, Duration timeout,
            RenderDurations history) {
        this.schedule = schedule;
        this.sleep = sleep;
        this.clock = clock;
        this.timeout = timeout;
        this.history = history;
    }

    public <T> T run(String kind, String what, JobContext context, Step<T> step) throws ProviderException {
        try (Session session = start(kind, what, context)) {
            return session.until(step);
        }
    }

    /** Polls a render of {@code request} on provider {@code providerId}, planned from its past renders. */
    public <T> T run(String providerId, GenerationRequest request, String what, JobContext context, Step<T> step)
            throws ProviderException {
        return run(providerId, request, clock.instant(), what, context, step);
    }

    /**
     * As {@link #run(String, GenerationRequest, String, JobContext, Step)} for a job that began at {@code since},
     * before its polling: a create call that held the answer for a while (Replicate's {@code Prefer: wait}). The
     * plan and the time remembered both count from {@code since}, so they do not depend on how long the create
     * held on.
     */
    public <T> T run(String providerId, GenerationRequest request, Instant since, String what, JobContext context,
            Step<T> step) throws ProviderException {
        try (Session session = start(providerId, request, since, what, context)) {
            return session.until(step);
        }
    }

    /**
     * Starts the clock on one remote job, for providers that may need to wait again after a result: BFL
     * re-polls for a freshly signed link when the first one has expired, within the same timeout. Planned from
     * what this process saw of {@code kind} only.
     */
    public Session start(String kind, String what, JobContext context) {
        return new Session(kind, null, schedule.plan(kind, List.of()), clock.instant(), what, context);
    }

    /** As {@link #start(String, String, JobContext)}, planned from the provider's past renders in history too. */
    public Session start(String providerId, GenerationRequest request, String what, JobContext context) {
        return start(providerId, request, clock.instant(), what, context);
    }

    private Session start(String providerId, GenerationRequest request, Instant since, String what,
            JobContext context) {
        String kind = PollSchedule.kindOf(request.steps(), request.width(), request.height());
        RenderDurations.Workload workload = new RenderDurations.Workload(providerId, context.kind(), request.steps(),
                request.width(), request.height());
        return new Session(kind, workload, schedule.plan(kind, past(workload)), since, what, context);
    }

    private List<Duration> past(RenderDurations.Workload workload) {
        try {
            return history.recent(workload, PAST_RENDERS);
        } catch (RuntimeException e) { // a busy or damaged history must not fail a paid job
            LOG.log(Level.WARNING, "past render times unavailable, polling as a first run: " + e.getMessage());
            return List.of();
        }
    }

    /**
     * One remote job's polling: its start, its plan, its timeout, the last gap waited. Closing it waits for its
     * time to be written to history: a provider that downloads the image before closing has the write done
     * meanwhile, not before the download, and a CLI command that ends with the job has it on disk.
     */
    public final class Session implements AutoCloseable {
        private final String kind;
        /** What history knows this job as, or null when it is not to be remembered across processes. */
        private final RenderDurations.Workload workload;
        private final PollPlan plan;
        private final String what;
        private final JobContext context;
        private final Instant start;
        private Duration gap = Duration.ZERO;
        private Instant notBefore;
        private String unknownStatus;
        private Thread remembering;

        private Session(String kind, RenderDurations.Workload workload, PollPlan plan, Instant start, String what,
                JobContext context) {
            DecoderWarmUp.inBackground(); // a polled job ends in an image to check: the wait is time to get ready
            this.kind = kind;
            this.start = start;
            this.workload = workload;
            this.plan = plan;
            this.what = what;
            this.context = context;
        }

        /** The plan this job is polled by. */
        public PollPlan plan() {
            return plan;
        }

        /** Polls until {@code step} has a result, the step fails, or the job's time is up. */
        public <T> T until(Step<T> step) throws ProviderException {
            while (true) {
                Duration elapsed = Duration.between(start, clock.instant());
                if (elapsed.compareTo(timeout) > 0) {
                    throw new ProviderException(FailureKind.PERMANENT, what + " did not finish within "
                            + timeout.toMinutes() + " minutes" + (unknownStatus == null ? ""
                                    : "; its last status was \"" + unknownStatus + "\", which Draftboard does not know"));
                }
                gap = plan.nextDelay(elapsed);
                if (notBefore != null) { // the provider asked for a pause (Retry-After): it wins over the plan
                    Duration asked = Duration.between(clock.instant(), notBefore);
                    gap = asked.compareTo(gap) > 0 ? asked : gap;
                    notBefore = null;
                }
                sleep.sleep(gap, context);
                T result = step.poll();
                if (result != null) {
                    Duration seen = Duration.between(start, clock.instant());
                    schedule.completed(kind, seen, gap);
                    remember(seen.minus(gap.dividedBy(2))); // it finished during the last gap: its middle
                    return result;
                }
            }
        }

        /** Writes the job's time on its own thread, so the image is fetched while history is written. */
        private void remember(Duration took) {
            if (workload == null || remembering != null) {
                return;
            }
            Duration d = took.isNegative() ? Duration.ZERO : took;
            remembering = new Thread(() -> {
                try {
                    history.record(workload, d);
                } catch (RuntimeException e) { // the image matters more than the statistics
                    LOG.log(Level.WARNING, "could not remember a render time: " + e.getMessage());
                }
            }, "remember render time");
            remembering.setDaemon(true);
            remembering.start();
        }

        /** Waits for the job's time to be in history (a write of a few milliseconds); never fails. */
        @Override
        public void close() {
            if (remembering == null) {
                return;
            }
            try {
                remembering.join();
            } catch (InterruptedException e) { // a cancel: the statistics are not worth holding it up
                Thread.currentThread().interrupt();
            }
        }

        /**
         * The provider answered with a status Draftboard does not know (it is waited out as pending): the user is
         * told each new one while waiting, and the timeout's message names the last.
         */
        public void unknownStatus(String status) {
            if (status != null && !status.equals(unknownStatus)) {
                unknownStatus = status;
                context.status(status);
            }
        }

        /**
         * The provider answered a poll with "not now" (429 or 503, with or without {@code Retry-After}): the next
         * poll waits at least {@code retryAfter}, however due the plan says the job is.
         */
        public void backOff(Duration retryAfter) {
            if (retryAfter != null && !retryAfter.isNegative() && !retryAfter.isZero()) {
                notBefore = clock.instant().plus(retryAfter);
            }
        }

        /** An extra wait on top of the schedule (a step backing off a flaky network), cancellable as the rest. */
        public void pause(Duration delay) {
            sleep.sleep(delay, context);
        }
    }

    /**
     * A failure after the provider accepted (and billed) the job must not make the runner submit again:
     * retryable kinds become permanent, naming the remote job.
     */
    public static ProviderException noResubmit(ProviderException e, String provider, String remoteId) {
        if (!e.kind().retryable()) {
            return e;
        }
        return new ProviderException(FailureKind.PERMANENT, e.getMessage() + " (after " + provider + " accepted job "
                + remoteId + "; not resubmitted, to avoid paying twice)");
    }
}
