package io.draftboard.cli;

/** Exit codes of every command (design.md, "Contracts"). */
public final class ExitCode {
    public static final int OK = 0;
    public static final int USAGE = 2;
    public static final int MODERATED = 3;
    public static final int AUTH_OR_CREDITS = 4;
    public static final int PROVIDER_FAILED = 5;
    public static final int CANCELLED = 130;

    private ExitCode() {
    }
}
