package io.draftboard.ui.task;

/**
 * Why background work failed: what was being done and the exception, with one line for the designer.
 *
 * @param what  the task's name, e.g. "Reading history"
 * @param cause the exception the work threw
 */
public record TaskFailure(String what, Throwable cause) {

    /** "Reading history failed: the disk is full" — never a stack trace. */
    public String message() {
        return what + " failed: " + reason();
    }

    /** The cause's own message, or its kind when it has none. */
    public String reason() {
        String text = cause.getMessage();
        return text == null || text.isBlank() ? cause.getClass().getSimpleName() : text.strip();
    }
}
