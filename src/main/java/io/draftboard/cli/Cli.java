package io.draftboard.cli;

import io.draftboard.app.Draftboard;
import io.draftboard.generation.InvalidRequestException;
import io.draftboard.history.HistoryException;
import io.draftboard.settings.AppDirs;
import io.draftboard.settings.DataHome;
import java.io.IOException;
import java.lang.System.Logger.Level;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The headless commands. Every failure a user can cause ends as one line on stderr and an exit code from
 * {@link ExitCode}; stack traces go to the log, never to the terminal.
 */
@Command(name = "draftboard", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Draftboard: live FLUX.2 [flex] drafts, linked finals and a searchable history.",
        subcommands = {GenerateCommand.class, HistoryCommand.class, JobsCommand.class, ProvidersCommand.class,
                SimulateCommand.class})
public final class Cli implements Runnable {
    private static final System.Logger LOG = System.getLogger(Cli.class.getName());

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: generate or history");
    }

    public static int run(String[] args, CliEnvironment env) {
        CommandLine cl = new CommandLine(new Cli(), new Factory(env));
        cl.setOut(env.out());
        cl.setErr(env.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            String command = ex.getCommandLine().getCommandSpec().qualifiedName();
            env.err().println(command + ": " + describe(ex) + " (see '" + command + " --help')");
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof UserError u) {
                env.err().println("draftboard: " + u.getMessage());
                return u.exitCode();
            }
            if (ex instanceof InvalidRequestException e) {
                env.err().println("draftboard: " + e.getMessage());
                return ExitCode.USAGE;
            }
            if (ex instanceof HistoryException e) {
                // a damaged or busy history file: its message is the sentence; the trace is for the log only
                LOG.log(Level.DEBUG, "history failed", e);
                env.err().println("draftboard: " + e.getMessage());
                return ExitCode.USAGE;
            }
            LOG.log(Level.ERROR, "command failed", ex);
            env.err().println("draftboard: unexpected error (" + ex.getClass().getSimpleName() + "): "
                    + ex.getMessage());
            return 1;
        });
        // Search words may look like options ("-neon"): there, anything unknown is a word to find.
        cl.getSubcommands().get("history").getSubcommands().get("search").setUnmatchedOptionsArePositionalParams(true);
        int code = cl.execute(args);
        env.out().flush();
        env.err().flush();
        return code;
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
