package io.draftboard.generation;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The one retry policy: only rate-limited and transient failures are retried, at most {@code maxAttempts}
 * attempts in all, waiting what the provider's Retry-After asks (up to {@code maxRetryAfter}) or else an
 * exponential backoff with "equal jitter" (half fixed, half random) so many clients do not retry in step.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(120));
    public static final RetryPolicy NEVER = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /**
     * The wait before attempt {@code failedAttempt + 1}, or empty when the failure must not be retried
     * (its kind is not retryable, the attempts are used up, or the provider asked for a longer wait than we
     * are willing to hold a job for).
     */
    public Optional<Duration> delayAfter(int failedAttempt, ProviderException failure, DoubleSupplier random) {
        if (!failure.kind().retryable() || failedAttempt >= maxAttempts) {
            return Optional.empty();
        }
        Optional<Duration> asked = failure.retryAfter();
        if (asked.isPresent()) {
            return asked.get().compareTo(maxRetryAfter) > 0 ? Optional.empty() : asked;
        }
        long base = baseDelay.toMillis() << Math.min(20, failedAttempt - 1);
        long capped = Math.min(maxDelay.toMillis(), base);
        long half = capped / 2;
        return Optional.of(Duration.ofMillis(half + (long) (random.getAsDouble() * (capped - half))));
    }
}
