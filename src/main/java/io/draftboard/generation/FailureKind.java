package io.draftboard.generation;

/** The closed set of ways a generation can fail, each with its retry rule and CLI exit code (design.md). */
public enum FailureKind {
    /** 400/422 with field details, or a local limit: fix the request. */
    INVALID_REQUEST(false, 2, "Invalid request"),
    /** 401/403, BFL's 422 "Invalid API key format": fix the key. */
    AUTH(false, 4, "Authentication failed"),
    /** 402, fal's "Exhausted balance", quota 429s: top up. */
    CREDITS(false, 4, "Out of credits"),
    /** Request or Content Moderated, content-policy 422s. */
    MODERATED(false, 3, "Refused by moderation"),
    /** 429: retried after Retry-After. */
    RATE_LIMITED(true, 5, "Rate limited"),
    /** 5xx, network failures, timeouts: retried with backoff. */
    TRANSIENT(true, 5, "Temporary provider failure"),
    /** The provider's Error status, an unknown model, anything else. */
    PERMANENT(false, 5, "Generation failed"),
    /**
     * A call that bills reached the provider whole and no answer came back (a read timeout, a reset, the
     * connection closed): it may have rendered and billed the image. Never resent automatically.
     */
    OUTCOME_UNKNOWN(false, 5, "Outcome unknown");

    private final boolean retryable;
    private final int exitCode;
    private final String title;

    FailureKind(boolean retryable, int exitCode, String title) {
        this.retryable = retryable;
        this.exitCode = exitCode;
        this.title = title;
    }

    public boolean retryable() {
        return retryable;
    }

    public int exitCode() {
        return exitCode;
    }

    /** A short human title for the UI and CLI, e.g. "Refused by moderation". */
    public String title() {
        return title;
    }
}
