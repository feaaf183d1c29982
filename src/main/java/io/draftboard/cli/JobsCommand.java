package io.draftboard.cli;

import io.draftboard.app.Draftboard;
import io.draftboard.app.JobResumer;
import io.draftboard.history.JournalEntry;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "jobs", mixinStandardHelpOptions = true, description = "The job journal: what was sent, and what a crash left.",
        subcommands = {JobsCommand.ListCommand.class, JobsCommand.ResumeCommand.class})
final class JobsCommand implements Runnable {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed: list or resume");
    }

    static String line(JournalEntry e) {
        return String.format(Locale.ROOT, "job %-5d %s  %-10s %-9s %-5s%s%s", e.id(), WHEN.format(e.createdAt()),
                e.providerId(), e.state().name().toLowerCase(Locale.ROOT), e.kind().name().toLowerCase(Locale.ROOT),
                e.remoteId() == null ? "" : "  task " + Terminal.oneLine(e.remoteId()),
                e.generationId() != null ? "  -> history #" + e.generationId()
                        : e.note() != null ? "  (" + Terminal.oneLine(e.note()) + ")" : "");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Newest journal entries first.")
    static final class ListCommand implements Callable<Integer> {
        private final CliEnvironment env;
        @Option(names = "--limit", defaultValue = "20")
        int limit;
        @Option(names = "--open", description = "Only jobs still pending or submitted.")
        boolean open;

        ListCommand(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            try (Draftboard app = Cli.open(env)) {
                List<JournalEntry> jobs = open ? app.journal().openJobs() : app.journal().recentJobs(limit);
                if (jobs.isEmpty()) {
                    env.out().println(open ? "No unfinished jobs." : "The journal is empty.");
                }
                jobs.forEach(j -> env.out().println(line(j)));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Finish every job a crash interrupted: poll what the provider accepted, report the rest.")
    static final class ResumeCommand implements Callable<Integer> {
        private final CliEnvironment env;

        ResumeCommand(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            try (Draftboard app = Cli.open(env)) {
                List<JobResumer.Outcome> outcomes = new JobResumer(app).resumeAll();
                if (outcomes.isEmpty()) {
                    env.out().println("No unfinished jobs.");
                }
                for (JobResumer.Outcome o : outcomes) {
                    env.out().println("job " + o.entry().id() + " (" + o.entry().providerId() + "): " + Terminal.oneLine(o.result())
                            + (o.generationId() != null ? " -> history #" + o.generationId() : ""));
                }
            }
            return ExitCode.OK;
        }
    }
}
