package io.draftboard.cli;

import io.draftboard.files.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may see of the world: its environment variables, working directory, output streams, and how
 * bytes reach the disk (a seam, so tests can fill the disk up mid-write). Passed in rather than read from
 * {@code System}, so tests run commands in-process with a temp data home.
 */
public record CliEnvironment(Map<String, String> variables, Path workingDirectory, PrintWriter out, PrintWriter err,
        AtomicFiles.ChannelWriter disk) {

    public CliEnvironment(Map<String, String> variables, Path workingDirectory, PrintWriter out, PrintWriter err) {
        this(variables, workingDirectory, out, err, AtomicFiles.ChannelWriter.DIRECT);
    }

    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), Path.of("").toAbsolutePath(),
                new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** A path as the user typed it, relative to the working directory. */
    public Path resolve(String userPath) {
        return workingDirectory.resolve(userPath).normalize();
    }

    /** The same world, writing through {@code disk}. */
    public CliEnvironment withDisk(AtomicFiles.ChannelWriter disk) {
        return new CliEnvironment(variables, workingDirectory, out, err, disk);
    }

    /** The same world, printing to {@code out} and {@code err}. */
    CliEnvironment withOutput(PrintWriter out, PrintWriter err) {
        return new CliEnvironment(variables, workingDirectory, out, err, disk);
    }
}
