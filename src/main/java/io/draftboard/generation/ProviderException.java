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

    public ProviderException(FailureKind kind, String message) {
        this(kind, message, null, null);
    }

    public ProviderException(FailureKind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryAfter = retryAfter;
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
        ProviderException copy = new ProviderException(kind, clean, retryAfter, getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** The wait the provider asked for (HTTP Retry-After), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
