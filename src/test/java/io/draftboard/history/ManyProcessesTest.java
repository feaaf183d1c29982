package io.draftboard.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processes, not threads: the studio beside CLIs, or scripts running several, share one history file. Each
 * {@link HistoryWriterProcess} records renders the way a generate does and resumes what it can claim; afterwards
 * every render is in history exactly once, every job a crash left is resumed by exactly one process, and SQLite
 * finds the file sound.
 */
class ManyProcessesTest {
    private static final int PROCESSES = 4;
    private static final int RENDERS = 60;
    private static final int LEFT_BY_A_CRASH = 8;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void severalProcessesCreateOneHistoryTogetherAndLoseNothing() throws Exception {
        Path file = dir.resolve("fresh").resolve("history.db");
        Files.createDirectories(file.getParent());

        runTogether(file, 5);

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(query(c, "SELECT count(*), count(DISTINCT prompt) FROM generations"))
                    .containsExactly(List.of(PROCESSES * 5L, PROCESSES * 5L));
            assertThat(query(c, "PRAGMA user_version")).containsExactly(List.of((long) Schema.latestVersion()));
            assertThat(query(c, "PRAGMA integrity_check")).containsExactly(List.of("ok"));
        }
    }

    @Test
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void severalProcessesWritingOneHistoryLoseNoRenderAndResumeEachJobOnce() throws Exception {
        Path file = dir.resolve("shared").resolve("history.db");
        List<Long> crashed = oldHistoryWithOpenJobs(file);

        Map<String, List<String>> outputs = runTogether(file, RENDERS);

        Map<Long, Integer> resumedBy = new HashMap<>();
        outputs.values().forEach(lines -> lines.stream().filter(l -> l.startsWith("resumed "))
                .forEach(l -> resumedBy.merge(Long.parseLong(l.substring("resumed ".length())), 1, Integer::sum)));
        assertThat(resumedBy).as("each job a crash left is resumed by exactly one process")
                .containsOnlyKeys(crashed).allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(query(c, "SELECT prompt, count(*) FROM generations GROUP BY prompt HAVING count(*) > 1"))
                    .as("no render recorded twice").isEmpty();
            assertThat(query(c, "SELECT count(*) FROM generations WHERE status = 'DONE'"))
                    .as("every render of every process, and every resumed job")
                    .containsExactly(List.of((long) PROCESSES * RENDERS + LEFT_BY_A_CRASH));
            for (int p = 0; p < PROCESSES; p++) {
                assertThat(query(c, "SELECT count(*) FROM generations WHERE prompt LIKE 'p" + p + "-%'"))
                        .containsExactly(List.of((long) RENDERS));
            }
            assertThat(query(c, "SELECT count(*) FROM jobs WHERE state IN ('PENDING', 'SUBMITTED')"))
                    .as("nothing left open").containsExactly(List.of(0L));
            assertThat(query(c, "SELECT count(*) FROM jobs j JOIN generations g ON g.id = j.generation_id "
                    + "WHERE j.state = 'DONE'")).as("every closed job points at its row")
                    .containsExactly(List.of((long) PROCESSES * RENDERS + LEFT_BY_A_CRASH));
            assertThat(query(c, "PRAGMA integrity_check")).containsExactly(List.of("ok"));
        }
    }

    /**
     * A history from the release before journal claims (schema v2) with jobs a crash left open: the processes
     * also race to migrate it.
     */
    private static List<Long> oldHistoryWithOpenJobs(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        List<Long> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            for (Schema.Migration m : Schema.MIGRATIONS.subList(0, 2)) {
                for (String sql : m.statements()) {
                    s.execute(sql);
                }
            }
            s.execute("PRAGMA user_version = 2");
            for (int i = 0; i < LEFT_BY_A_CRASH; i++) {
                s.execute("INSERT INTO jobs (created_at, updated_at, provider, kind, request, state, remote_id) "
                        + "VALUES (0, 0, 'bfl', 'DRAFT', '{}', 'SUBMITTED', 'task-" + i + "')");
                try (ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
                    rs.next();
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Starts the processes, lets them all go at once, waits for them; returns each one's stdout lines. */
    private static Map<String, List<String>> runTogether(Path file, int renders) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        List<Path> errors = new ArrayList<>();
        Map<String, List<String>> outputs = new HashMap<>();
        try {
            for (int p = 0; p < PROCESSES; p++) {
                Path err = Files.createTempFile(file.getParent(), "p" + p, ".err");
                ProcessBuilder pb = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                        System.getProperty("java.class.path"), HistoryWriterProcess.class.getName(), file.toString(),
                        "p" + p, String.valueOf(renders));
                pb.redirectError(err.toFile());
                processes.add(pb.start());
                errors.add(err);
            }
            List<BufferedReader> readers = new ArrayList<>();
            for (int p = 0; p < PROCESSES; p++) {
                BufferedReader r = new BufferedReader(new InputStreamReader(processes.get(p).getInputStream(),
                        StandardCharsets.UTF_8));
                assertThat(r.readLine()).as("p%d started: %s", p, Files.readString(errors.get(p))).isEqualTo("ready");
                readers.add(r);
            }
            for (Process process : processes) {
                try (OutputStream go = process.getOutputStream()) {
                    go.write("go\n".getBytes(StandardCharsets.UTF_8));
                }
            }
            for (int p = 0; p < PROCESSES; p++) {
                List<String> lines = readers.get(p).lines().toList();
                Process process = processes.get(p);
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("p%d finished", p).isTrue();
                assertThat(process.exitValue()).as("p%d: %s", p, Files.readString(errors.get(p))).isZero();
                assertThat(lines).as("p%d: %s", p, Files.readString(errors.get(p))).endsWith("done");
                outputs.put("p" + p, lines);
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
        return outputs;
    }

    private static List<List<Object>> query(Connection c, String sql) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object v = rs.getObject(i);
                    row.add(v instanceof Integer n ? Long.valueOf(n) : v);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
