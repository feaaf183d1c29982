package io.draftboard.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may see of the world: its environment variables, working directory and output streams.
 * Passed in rather than read from {@code System}, so tests run commands in-process with a temp data home.
 */
public record CliEnvironment(Map<String, String> variables, Path workingDirectory, PrintWriter out, PrintWriter err) {

    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), Path.of("").toAbsolutePath(),
                new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** A path as the user typed it, relative to the working directory. */
    public Path resolve(String userPath) {
        return workingDirectory.resolve(userPath).normalize();
    }
}
