package io.draftboard.history;

import io.draftboard.generation.RenderKind;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One of several processes writing one history at once ({@link ManyProcessesTest}). Prints "ready", waits for
 * a line on stdin so every process starts together, then opens the database (racing the others to create it),
 * records {@code count} renders the way a generate does (journal entry opened, submitted, closed with its row)
 * and finally resumes whatever open journal entries it can claim, printing "resumed <id>" for each.
 */
public final class HistoryWriterProcess {
    private HistoryWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String tag = args[1];
        int count = Integer.parseInt(args[2]);
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        try (HistoryDatabase db = HistoryDatabase.open(file)) {
            HistoryStore store = new HistoryStore(db);
            JobJournal journal = new JobJournal(db);
            for (int i = 0; i < count; i++) {
                long job = journal.openJob("offline", RenderKind.DRAFT, null, "{}", Instant.now());
                journal.jobSubmitted(job, tag + "-" + i, null);
                store.count(HistoryQuery.newest(1)); // a read between the writes, as the studio's browser does
                long id = journal.insertClosingJob(Records.done(tag + "-" + i, Records.hash(i)), job,
                        JournalEntry.State.DONE, null);
                if (i % 5 == 0) {
                    store.setStarred(id, true);
                }
            }
            for (JournalEntry open : journal.openJobs()) {
                if (journal.claim(open.id())) {
                    journal.insertClosingJob(Records.done("resumed-" + open.id(), Records.hash(0)), open.id(),
                            JournalEntry.State.DONE, "resumed by " + tag);
                    System.out.println("resumed " + open.id());
                }
            }
        }
        System.out.println("done");
    }
}
