package io.draftboard.cli;

import io.draftboard.app.Draftboard;
import io.draftboard.app.LogFile;
import io.draftboard.generation.InvalidRequestException;
import io.draftboard.history.HistoryException;
import io.draftboard.settings.AppDirs;
import io.draftboard.settings.DataHome;
import io.draftboard.settings.ProviderKeys;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The headless commands. Every failure ends as one line on stderr and an exit code from {@link ExitCode}; stack
 * traces go to the log file in the data directory ({@link LogFile}), never to the terminal.
 */
@Command(name = "draftboard", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Draftboard: live FLUX.2 [flex] drafts, linked finals and a searchable history.",
        subcommands = {GenerateCommand.class, HistoryCommand.class, JobsCommand.class, ProvidersCommand.class,
                SimulateCommand.class})
public final class Cli implements Runnable {
    private static final System.Logger LOG = System.getLogger(Cli.class.getName());
    /** The log of the command running on this thread. */
    private static final ThreadLocal<LogFile> LOG_FILE = new ThreadLocal<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: generate or history");
    }

    public static int run(String[] args, CliEnvironment env) {
        Path home;
        try {
            home = AppDirs.dataHome(env.variables());
        } catch (RuntimeException badPath) {
            home = null; // the command says so in its own words; there is no log to write
        }
        ProviderKeys keys = home == null ? null : new ProviderKeys(home.resolve("keys.json"), env.variables());
        java.util.function.Supplier<List<String>> secrets = keys == null ? List::of : keys::secrets;
        try (LogFile log = LogFile.install(home, secrets)) {
            LOG_FILE.set(log);
            CliEnvironment safe = env.withOutput(
                    new java.io.PrintWriter(new Terminal.SafeWriter(env.out(), secrets), true),
                    new java.io.PrintWriter(new Terminal.SafeWriter(env.err(), secrets), true));
            return execute(args, safe);
        } finally {
            LOG_FILE.remove();
        }
    }

    private static int execute(String[] args, CliEnvironment env) {
        CommandLine cl = new CommandLine(new Cli(), new Factory(env));
        cl.setOut(env.out());
        cl.setErr(env.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF)); // text, not escapes
        cl.setParameterExceptionHandler((ex, a) -> {
            String command = ex.getCommandLine().getCommandSpec().qualifiedName();
            env.err().println(command + ": " + Terminal.oneLine(describe(ex)) + " (see '" + command + " --help')");
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, line, parsed) -> failed(ex, env));
        // Search words may look like options ("-neon"): there, anything unknown is a word to find.
        cl.getSubcommands().get("history").getSubcommands().get("search").setUnmatchedOptionsArePositionalParams(true);
        int code;
        try {
            code = cl.execute(args);
        } catch (RuntimeException | Error e) { // picocli hands on what is not an Exception of the command's
            code = failed(e, env);
        }
        env.out().flush();
        env.err().flush();
        return code;
    }

    /**
     * One line for the user and a documented exit code; the trace goes to the log, and the line says where it
     * is. Local files (a full disk, a missing image, a damaged history) are exit code 2, like bad input: the
     * user can fix them; anything else is a failure of Draftboard's own, exit code 5.
     */
    private static int failed(Throwable ex, CliEnvironment env) {
        if (ex instanceof UserError u) {
            env.err().println("draftboard: " + Terminal.oneLine(u.getMessage()));
            return u.exitCode();
        }
        if (ex instanceof InvalidRequestException e) {
            env.err().println("draftboard: " + Terminal.oneLine(e.getMessage()));
            return ExitCode.USAGE;
        }
        if (ex instanceof HistoryException e) {
            // a damaged, busy or full history file: its message is the sentence; the trace is for the log only
            LOG.log(Level.WARNING, "history failed", e);
            env.err().println("draftboard: " + Terminal.oneLine(withLog(e.getMessage())));
            return ExitCode.USAGE;
        }
        if (ex instanceof IOException || ex instanceof java.io.UncheckedIOException) {
            LOG.log(Level.WARNING, "a local file failed", ex);
            env.err().println("draftboard: " + Terminal.oneLine(withLog(local(ex))));
            return ExitCode.USAGE;
        }
        LOG.log(Level.ERROR, "command failed", ex);
        env.err().println("draftboard: " + withLog((ex instanceof OutOfMemoryError ? "Draftboard ran out of memory"
                : "internal error (" + ex.getClass().getSimpleName() + ")") + "; see the log"));
        return ExitCode.PROVIDER_FAILED;
    }

    /**
     * {@code line}, saying where the log is when something was logged during this command: "see the log"
     * becomes "see /…/logs/draftboard.log", any other line gets "(details in …)".
     */
    static String withLog(String line) {
        LogFile log = LOG_FILE.get();
        if (log == null || !log.written()) {
            return line.endsWith("; see the log") ? line.substring(0, line.length() - "; see the log".length()) : line;
        }
        if (line.endsWith("see the log")) {
            return line.substring(0, line.length() - "the log".length()) + log.file();
        }
        return log.problems() > 0 ? line + " (details in " + log.file() + ")" : line;
    }

    /** A local file failure in a sentence: the cause named (no space left, no such file), not its consequence. */
    static String local(Throwable e) {
        Throwable io = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
        String file = io instanceof java.nio.file.FileSystemException f && f.getFile() != null ? f.getFile() : null;
        String message = io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage();
        if (message.contains("No space left on device") || message.contains("There is not enough space on the disk")) {
            return "the disk is full (no space left on device)" + (file != null ? " writing " + file : "");
        }
        if (io instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + file;
        }
        if (io instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + file;
        }
        return message;
    }

    /** Picocli's message, narrowed to the first unknown option with its closest match when there is one. */
    private static String describe(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                && u.getUnmatched().get(0).startsWith("-")) {
            String unknown = u.getUnmatched().get(0);
            java.util.List<String> suggestions = u.getSuggestions();
            return "unknown option '" + unknown + "'"
                    + (suggestions.isEmpty() ? "" : "; did you mean '" + suggestions.get(0) + "'?");
        }
        return ex.getMessage();
    }

    /** Opens the services over the data home the environment names; a bad data home is a usage error. */
    static Draftboard open(CliEnvironment env) {
        DataHome home;
        try {
            home = DataHome.open(AppDirs.dataHome(env.variables()));
        } catch (DataHome.DataHomeException e) {
            throw new UserError(e.getMessage());
        }
        try {
            Draftboard app = Draftboard.open(home, env.variables());
            if (app.corruptBackup() != null) {
                env.err().println("draftboard: warning: the history database was unreadable; it was kept as "
                        + app.corruptBackup() + " and a new history was started");
            }
            return app;
        } catch (IOException e) {
            throw new UserError("cannot open history in " + home.root() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Draftboard " + Draftboard.version()};
        }
    }

    /** Hands the environment to every command through its constructor. */
    private record Factory(CliEnvironment env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(CliEnvironment.class).newInstance(env);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
