package io.draftboard.cli;

/** Bad usage or input: printed as one line, exit code {@link ExitCode#USAGE}, nothing written. */
final class UserError extends RuntimeException {
    private final int exitCode;

    UserError(String message) {
        this(message, ExitCode.USAGE);
    }

    UserError(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
