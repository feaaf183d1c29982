package io.draftboard.generation;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider's failure, already classified. The message is shown to the user as-is, so it must be a
 * sentence about what happened and must never contain a key, a signed URL or a data URI.
 */
public final class ProviderException extends Exception {
    private final FailureKind kind;
    private final Duration retryAfter;
    private final boolean billed;

    public ProviderException(FailureKind kind, String message) {
        this(kind, message, null, null);
    }

    public ProviderException(FailureKind kind, String message, Duration retryAfter, Throwable cause) {
        this(kind, message, retryAfter, cause, true);
    }

    private ProviderException(FailureKind kind, String message, Duration retryAfter, Throwable cause, boolean billed) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryAfter = retryAfter;
        this.billed = billed;
    }

    /**
     * This failure, marked as one the provider documents as not charged although it had accepted the job
     * (AIgateway: a job that ends {@code failed}). For failures that are free by their kind alone (BFL's
     * moderated tasks) the provider says so in {@link Provider#billsFailure} instead.
     */
    public ProviderException notBilled() {
        ProviderException copy = new ProviderException(kind, getMessage(), retryAfter, getCause(), false);
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** False when the provider documents this very failure as not charged ({@link #notBilled()}). */
    public boolean billed() {
        return billed;
    }

    public static ProviderException rateLimited(String message, Duration retryAfter) {
        return new ProviderException(FailureKind.RATE_LIMITED, message, retryAfter, null);
    }

    public FailureKind kind() {
        return kind;
    }

    /**
     * This failure with {@code redact} applied to its message (the same exception when nothing changes): a
     * provider's text can carry what it was sent. Copies every field; one added here must be copied too.
     */
    public ProviderException redacted(java.util.function.UnaryOperator<String> redact) {
        String message = getMessage();
        String clean = redact.apply(message);
        if (java.util.Objects.equals(message, clean)) {
            return this;
        }
        ProviderException copy = new ProviderException(kind, clean, retryAfter, getCause(), billed);
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** The wait the provider asked for (HTTP Retry-After), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
