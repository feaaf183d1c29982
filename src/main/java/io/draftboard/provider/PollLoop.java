package io.draftboard.provider;

import io.draftboard.generation.FailureKind;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The wait-poll cycle shared by queue-style providers (BFL, Replicate, fal): waits as the {@link PollSchedule}
 * says, asks the provider-specific {@link Step} for news, stops at a result, a failure or the timeout, and
 * teaches the schedule how long the job took.
 */
public final class PollLoop {
    /** One poll: the result when the job is done, null while it is not. */
    @FunctionalInterface
    public interface Step<T> {
        T poll() throws ProviderException;
    }

    private final PollSchedule schedule;
    private final CancellableSleep sleep;
    private final Clock clock;
    private final Duration timeout;

    public PollLoop(PollSchedule schedule, CancellableSleep sleep, Clock clock, Duration timeout) {
        this.schedule = schedule;
        this.sleep = sleep;
        this.clock = clock;
        this.timeout = timeout;
    }

    public <T> T run(String kind, String what, JobContext context, Step<T> step) throws ProviderException {
        return start(kind, what, context).until(step);
    }

    /**
     * Starts the clock on one remote job, for providers that may need to wait again after a result: BFL
     * re-polls for a freshly signed link when the first one has expired, within the same timeout.
     */
    public Session start(String kind, String what, JobContext context) {
        return new Session(kind, what, context);
    }

    /** One remote job's polling: its start, its timeout, the last gap waited. */
    public final class Session {
        private final String kind;
        private final String what;
        private final JobContext context;
        private final Instant start = clock.instant();
        private Duration gap = Duration.ZERO;
        private String unknownStatus;

        private Session(String kind, String what, JobContext context) {
            this.kind = kind;
            this.what = what;
            this.context = context;
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
                gap = schedule.nextDelay(kind, elapsed);
                sleep.sleep(gap, context);
                T result = step.poll();
                if (result != null) {
                    schedule.completed(kind, Duration.between(start, clock.instant()), gap);
                    return result;
                }
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
