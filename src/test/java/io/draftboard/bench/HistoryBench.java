package io.draftboard.bench;

import io.draftboard.generation.RenderKind;
import io.draftboard.history.GenerationRecord;
import io.draftboard.history.HistoryQuery;
import io.draftboard.history.HistoryStore;
import io.draftboard.history.Records;
import io.draftboard.history.StoredReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;


/**
 * History at scale: 100,000 realistic rows, then insert rate, FTS search and paging latencies.
 * Goals: FTS search p95 < 50 ms, newest page of 200 p95 < 20 ms.
 *
 * <pre>mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.draftboard.bench.HistoryBench</pre>
 */
public final class HistoryBench {

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("draftboard-bench");
        Path db = dir.resolve("history.db");
        SplittableRandom random = new SplittableRandom(7);
        System.out.printf(Locale.ROOT, "history bench: %,d rows, %d cores, SQLite via sqlite-jdbc%n", rows,
                Runtime.getRuntime().availableProcessors());

        try (HistoryStore store = HistoryStore.open(db)) {
            long t0 = System.nanoTime();
            HistoryRows.populate(store, rows, random, Records::hash);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "bulk insert (1,000-row transactions): %,.0f rows/s (%.1f s)%n", rows / seconds, seconds);

            long t1 = System.nanoTime();
            int singles = 500;
            for (int i = 0; i < singles; i++) {
                store.insert(Records.done(HistoryRows.prompt(random), Records.hash(rows + i)));
            }
            System.out.printf(Locale.ROOT, "single-row insert (one transaction each, as a finished job does): %,.0f rows/s%n",
                    singles / ((System.nanoTime() - t1) / 1e9));
        }

        long open0 = System.nanoTime();
        HistoryStore store = HistoryStore.open(db);
        System.out.printf(Locale.ROOT, "open existing database: %.1f ms%n", (System.nanoTime() - open0) / 1e6);
        try (store) {
            List<String> queries = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int words = 1 + i % 3;
                StringBuilder q = new StringBuilder();
                for (int w = 0; w < words; w++) {
                    String[] pool = switch (w) {
                        case 0 -> HistoryRows.SUBJECTS;
                        case 1 -> HistoryRows.COLOURS;
                        default -> HistoryRows.SETTINGS;
                    };
                    String word = pool[random.nextInt(pool.length)].split(" ")[0];
                    q.append(w == 0 ? "" : " ").append(w == words - 1 && i % 4 == 0 ? word.substring(0, Math.max(2, word.length() - 2)) : word);
                }
                queries.add(q.toString());
            }
            long[] hits = new long[1];
            time("FTS search, first page of 200 (1-3 words)", queries.size(), i -> {
                hits[0] += store.page(HistoryQuery.search(queries.get(i), 200)).items().size();
                return null;
            });
            System.out.printf(Locale.ROOT, "  (%.0f results a query on average)%n", hits[0] / (double) queries.size());
            time("newest page of 200", 200, i -> store.page(HistoryQuery.newest(200)));
            HistoryQuery.Cursor deep = new HistoryQuery.Cursor(rows / 2);
            time("page of 200 from the middle (cursor)", 200, i -> store.page(HistoryQuery.newest(200).after(deep)));
            time("starred only, page of 200", 200,
                    i -> store.page(new HistoryQuery(null, true, null, null, null, 200, null)));
            time("finals from bfl, page of 200", 200,
                    i -> store.page(new HistoryQuery(null, false, "bfl", RenderKind.FINAL, null, 200, null)));
            time("search + starred filter, page of 200", 100,
                    i -> store.page(new HistoryQuery(queries.get(i), true, null, null, null, 200, null)));
            time("scroll: 50 consecutive pages of 200", 5, i -> {
                HistoryQuery q = HistoryQuery.newest(200);
                for (int p = 0; p < 50; p++) {
                    HistoryQuery.Page page = store.page(q);
                    q = q.after(page.next());
                }
                return null;
            });
            time("count all rows", 20, i -> store.count(HistoryQuery.newest(1)));
        }
        long size = Files.size(db) + (Files.exists(dir.resolve("history.db-wal")) ? Files.size(dir.resolve("history.db-wal")) : 0);
        System.out.printf(Locale.ROOT, "database size: %.1f MB (%.0f bytes a row)%n", size / 1048576.0, size / (double) rows);
    }

    private interface Work {
        Object run(int i) throws Exception;
    }

    private static void time(String label, int runs, Work work) throws Exception {
        work.run(0); // warm the statement cache and page cache
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            work.run(i);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-45s p50 %7.2f ms   p95 %7.2f ms   max %7.2f ms%n", label, ms[runs / 2],
                ms[Math.min(runs - 1, (int) Math.ceil(runs * 0.95) - 1)], ms[runs - 1]);
    }

    private HistoryBench() {
    }

}
