package io.draftboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.files.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * Runs the CLI in-process the way a terminal would see it. Besides the command's own streams it captures the
 * process's {@code System.out} and {@code System.err} for the run, with a {@code java.util.logging} console
 * handler on the root logger as the JDK's default configuration has (bound to the captured stream), and checks
 * the contract every command keeps: no stack-trace line reaches the terminal, and the exit code is one of the
 * documented ones.
 */
public final class CliHarness {
    /** The documented exit codes (README). */
    public static final List<Integer> EXIT_CODES = List.of(ExitCode.OK, ExitCode.USAGE, ExitCode.MODERATED,
            ExitCode.AUTH_OR_CREDITS, ExitCode.PROVIDER_FAILED, ExitCode.CANCELLED);

    /** One run: exit code, the command's stdout and stderr, and whatever else reached the process's own streams. */
    public record Run(int code, String out, String err, String console) {
        /** Everything the terminal showed. */
        public String all() {
            return out + err + console;
        }
    }

    private CliHarness() {
    }

    public static Run run(Map<String, String> variables, Path workingDirectory, String... args) {
        return run(variables, workingDirectory, AtomicFiles.ChannelWriter.DIRECT, args);
    }

    /** As {@link #run(Map, Path, String...)}, writing files the command makes through {@code disk}. */
    public static Run run(Map<String, String> variables, Path workingDirectory, AtomicFiles.ChannelWriter disk,
            String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        Logger root = Logger.getLogger("");
        Handler[] before = root.getHandlers();
        int code;
        synchronized (CliHarness.class) {
            PrintStream captured = new PrintStream(new Tee(console, realErr), true, StandardCharsets.UTF_8);
            System.setOut(new PrintStream(new Tee(console, realOut), true, StandardCharsets.UTF_8));
            System.setErr(captured);
            ConsoleHandler defaultConsole = new ConsoleHandler(); // writes to the System.err of now: captured
            root.addHandler(defaultConsole);
            try {
                code = Cli.run(args, new CliEnvironment(variables, workingDirectory, new PrintWriter(out, true),
                        new PrintWriter(err, true), disk));
            } finally {
                defaultConsole.flush();
                root.removeHandler(defaultConsole);
                System.setOut(realOut);
                System.setErr(realErr);
            }
        }
        Run run = new Run(code, out.toString(), err.toString(), console.toString(StandardCharsets.UTF_8));
        assertThat(run.err() + run.console()).as("no stack trace reaches the terminal").doesNotContain("\tat ");
        assertThat(run.code()).as("a documented exit code").isIn(EXIT_CODES);
        assertThat(List.of(root.getHandlers())).as("logging configuration restored").isEqualTo(List.of(before));
        return run;
    }

    /** Writes to both: the capture, and the real stream (so a failing test still shows what happened). */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            a.flush();
            b.flush();
        }
    }
}
