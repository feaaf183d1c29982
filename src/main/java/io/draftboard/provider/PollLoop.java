package io.draftboard.provider;

import io.draftboard.generation.FailureKind;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The wait-poll cycle shared by queue-style providers (Replicate, fal): waits as the {@link PollSchedule}
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
        Instant start = clock.instant();
        while (true) {
            Duration elapsed = Duration.between(start, clock.instant());
            if (elapsed.compareTo(timeout) > 0) {
                throw new ProviderException(FailureKind.PERMANENT, what + " did not finish within "
                        + timeout.toMinutes() + " minutes");
            }
            Duration gap = schedule.nextDelay(kind, elapsed);
            sleep.sleep(gap, context);
            T result = step.poll();
            if (result != null) {
                schedule.completed(kind, Duration.between(start, clock.instant()), gap);
                return result;
            }
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
