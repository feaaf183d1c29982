package io.draftboard.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.draftboard.app.Draftboard;
import io.draftboard.files.AtomicFiles;
import io.draftboard.generation.RenderKind;
import io.draftboard.history.GenerationMetadata;
import io.draftboard.history.GenerationRecord;
import io.draftboard.history.HistoryQuery;
import io.draftboard.history.ImageExport;
import io.draftboard.imaging.ImageDecodeException;
import io.draftboard.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Browse, search, export and delete recorded generations.",
        subcommands = {HistoryCommand.ListCommand.class, HistoryCommand.SearchCommand.class,
                HistoryCommand.ShowCommand.class, HistoryCommand.ExportCommand.class,
                HistoryCommand.DeleteCommand.class, HistoryCommand.StarCommand.class})
final class HistoryCommand implements Runnable {
    private static final System.Logger LOG = System.getLogger(HistoryCommand.class.getName());
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is needed: list, search, show, export, delete or star");
    }

    /** Filters shared by list and search. */
    static final class Filters {
        @Option(names = "--limit", defaultValue = "20", description = "How many rows (default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--starred", description = "Starred only.")
        boolean starred;

        @Option(names = "--provider", description = "Only this provider's renders.")
        String provider;

        @Option(names = "--kind", description = "draft or final.")
        RenderKind kind;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        HistoryQuery query(String text) {
            if (limit < 1 || limit > 10_000) {
                throw new UserError("--limit must be between 1 and 10000 (got " + limit + ")");
            }
            return new HistoryQuery(text, starred, provider, kind, null, limit, null);
        }
    }

    static void printRows(CliEnvironment env, List<GenerationRecord> rows, boolean json) {
        if (json) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            rows.forEach(r -> array.add(GenerationMetadata.toJson(r, Draftboard.version())));
            env.out().println(Json.pretty(array));
            return;
        }
        if (rows.isEmpty()) {
            env.out().println("No generations found.");
            return;
        }
        for (GenerationRecord r : rows) {
            env.out().println(line(r));
        }
    }

    static String line(GenerationRecord r) {
        String prompt = Terminal.oneLine(r.prompt().replaceAll("\\s+", " "));
        if (prompt.codePointCount(0, prompt.length()) > 60) {
            prompt = prompt.substring(0, prompt.offsetByCodePoints(0, 59)) + "\u2026";
        }
        return String.format(Locale.ROOT, "#%-6d %s  %-5s %2d steps  seed %-16d %4dx%-4d %-8s %s%s%s",
                r.id(), WHEN.format(r.createdAt()), r.kind().name().toLowerCase(Locale.ROOT), r.steps(), r.seed(),
                r.width(), r.height(), r.providerId(), r.starred() ? "\u2605 " : "",
                r.status().name().equals("DONE") ? "" : "[" + r.status().name().toLowerCase(Locale.ROOT) + "] ",
                prompt);
    }

    static GenerationRecord find(Draftboard app, long id) {
        return app.history().find(id).orElseThrow(() -> new UserError("no generation #" + id + " in history"));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Newest generations first.")
    static final class ListCommand implements Callable<Integer> {
        private final CliEnvironment env;
        @picocli.CommandLine.Mixin
        Filters filters = new Filters();

        ListCommand(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            HistoryQuery q = filters.query(null);
            try (Draftboard app = Cli.open(env)) {
                printRows(env, app.history().page(q).items(), filters.json);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true, description = "Full-text search over prompts.")
    static final class SearchCommand implements Callable<Integer> {
        private final CliEnvironment env;
        @Parameters(arity = "1..*", paramLabel = "WORDS", description = "Words to find (the last may be a prefix).")
        List<String> words;
        @picocli.CommandLine.Mixin
        Filters filters = new Filters();

        SearchCommand(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            HistoryQuery q = filters.query(String.join(" ", words));
            try (Draftboard app = Cli.open(env)) {
                printRows(env, app.history().page(q).items(), filters.json);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Every recorded field of one generation.")
    static final class ShowCommand implements Callable<Integer> {
        private final CliEnvironment env;
        @Parameters(paramLabel = "ID")
        long id;
        @Option(names = "--json")
        boolean json;

        ShowCommand(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            try (Draftboard app = Cli.open(env)) {
                GenerationRecord r = find(app, id);
                var node = GenerationMetadata.toJson(r, Draftboard.version());
                if (r.image() != null) {
                    node.put("imagePath", app.images().find(r.image().sha256()).map(Path::toString).orElse(null));
                }
                if (json) {
                    env.out().println(Json.pretty(node));
                } else {
                    env.out().println(line(r));
                    node.fields().forEachRemaining(e -> env.out().println(String.format(Locale.ROOT, "  %-17s %s",
                            e.getKey(), Terminal.oneLine(e.getValue().isTextual() ? e.getValue().asText()
                                    : e.getValue().toString()))));
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write a generation's image as PNG, with its parameters or stripped for a client.")
    static final class ExportCommand implements Callable<Integer> {
        private final CliEnvironment env;
        @Parameters(paramLabel = "ID")
        long id;
        @Option(names = "--out", required = true, paramLabel = "FILE")
        String out;
        @Option(names = "--strip", description = "Leave out every text chunk (prompt, parameters).")
        boolean strip;

        ExportCommand(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() throws IOException {
            Path target = PngOutput.checked(env, out);
            try (Draftboard app = Cli.open(env)) {
                GenerationRecord r = find(app, id);
                if (r.image() == null) {
                    throw new UserError("generation #" + id + " has no image (" + r.status().name().toLowerCase(Locale.ROOT) + ")");
                }
                byte[] stored;
                try {
                    stored = app.images().read(r.image().sha256());
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "image of #" + id + " unreadable", e);
                    throw new UserError("generation #" + id + ": its image file is missing from " + app.images().root()
                            + " (removed outside Draftboard?); nothing was exported");
                }
                byte[] png = strip ? ImageExport.stripped(r, stored) : ImageExport.withMetadata(r, stored, Draftboard.version());
                try {
                    AtomicFiles.write(target, png, env.disk());
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "export to " + target + " failed", e);
                    throw new UserError(out + " could not be written: " + Cli.withLog(Cli.local(e)));
                }
                env.out().println("Exported #" + id + " to " + target + (strip ? " (metadata stripped)" : ""));
            } catch (ImageDecodeException e) {
                throw new UserError("generation #" + id + ": stored image is unreadable: " + e.getMessage());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a generation and every image file no other generation uses.")
    static final class DeleteCommand implements Callable<Integer> {
        private final CliEnvironment env;
        @Parameters(paramLabel = "ID")
        long id;

        DeleteCommand(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() throws IOException {
            try (Draftboard app = Cli.open(env)) {
                find(app, id);
                var deletion = app.history().delete(id);
                for (String hash : deletion.unusedImages()) {
                    app.images().delete(hash);
                }
                env.out().println("Deleted #" + id + " (" + deletion.unusedImages().size() + " image file"
                        + (deletion.unusedImages().size() == 1 ? "" : "s") + " removed)");
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "star", mixinStandardHelpOptions = true, description = "Star (or with --off, unstar) a generation.")
    static final class StarCommand implements Callable<Integer> {
        private final CliEnvironment env;
        @Parameters(paramLabel = "ID")
        long id;
        @Option(names = "--off")
        boolean off;

        StarCommand(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            try (Draftboard app = Cli.open(env)) {
                find(app, id);
                app.history().setStarred(id, !off);
                env.out().println((off ? "Unstarred #" : "Starred #") + id);
            }
            return ExitCode.OK;
        }
    }
}
