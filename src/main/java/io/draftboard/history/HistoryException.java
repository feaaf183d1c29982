package io.draftboard.history;

/** The history database failed; the message says what was being done. */
public class HistoryException extends RuntimeException {
    public HistoryException(String message, Throwable cause) {
        this(message, cause, true);
    }

    /** With {@code withCause}, the cause's own message is appended after a colon. */
    HistoryException(String message, Throwable cause, boolean withCause) {
        super(message + (withCause && cause != null && cause.getMessage() != null ? ": " + cause.getMessage() : ""),
                cause);
    }
}
