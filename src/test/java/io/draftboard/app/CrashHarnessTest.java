package io.draftboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.cli.CliHarness;
import io.draftboard.files.AtomicFiles;
import io.draftboard.history.GenerationRecord;
import io.draftboard.history.GenerationStatus;
import io.draftboard.history.HistoryQuery;
import io.draftboard.history.HistoryStore;
import io.draftboard.history.ImageStore;
import io.draftboard.history.JobJournal;
import io.draftboard.simulator.BflSimulator;
import io.draftboard.simulator.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the CLI (SIGKILL, via destroyForcibly) at each phase of a BFL job against the simulator, restarts
 * with {@code jobs resume}, and checks that nothing the provider finished is lost and nothing was billed
 * twice. Writes its report to target/crash-report.txt.
 */
class CrashHarnessTest {
    private static final List<String> KILL_POINTS = List.of("before-submit", "after-submit", "polling", "downloading",
            "writing");

    @TempDir
    Path dir;

    @Test
    void aKilledCliLosesNothingTheProviderFinishedAndPaysForNothingTwice() throws Exception {
        List<String> report = new ArrayList<>();
        report.add(String.format("%-14s %-16s %-16s %-9s %s", "kill point", "sim. finished", "in history", "integrity",
                "journal after resume"));
        int totalFinished = 0;
        int totalInHistory = 0;
        try (BflSimulator sim = BflSimulator.start(SimulatorConfig.defaults()
                .withLatency(Duration.ofMillis(1200), Duration.ZERO)
                .withDownloads(Duration.ofMillis(1500), Duration.ofMinutes(10)))) {
            for (String point : KILL_POINTS) {
                Path home = dir.resolve(point);
                int acceptedBefore = sim.acceptedTasks();

                killAt(point, home, sim);
                int accepted = sim.acceptedTasks() - acceptedBefore;

                String resumed = run(home, sim, "jobs", "resume");
                assertThat(sim.acceptedTasks() - acceptedBefore).as(point + ": resume must not submit again")
                        .isEqualTo(accepted);

                try (HistoryStore history = HistoryStore.open(home.resolve("history.db"))) {
                    ImageStore images = new ImageStore(home.resolve("images"));
                    List<GenerationRecord> done = history.page(new HistoryQuery(null, false, null, null,
                            GenerationStatus.DONE, 100, null)).items();
                    for (GenerationRecord r : done) {
                        assertThat(images.find(r.image().sha256())).as(point + ": image of #" + r.id()).isPresent();
                        assertThat(r.remoteId()).isNotNull();
                    }
                    String integrity = history.database().integrityCheck();
                    assertThat(integrity).isEqualTo("ok");
                    assertThat(new JobJournal(history.database()).openJobs()).as(point + ": nothing left open").isEmpty();
                    assertThat(temporaryFiles(home)).as(point + ": no half-written files").isEmpty();
                    assertThat(done).as(point + ": every job the simulator finished is in history").hasSize(accepted);
                    totalFinished += accepted;
                    totalInHistory += done.size();
                    report.add(String.format("%-14s %-16d %-16d %-9s %s", point, accepted, done.size(), integrity,
                            resumed.strip().replace('\n', ';')));
                }
            }
        }
        report.add("total: " + totalFinished + " finished by the provider, " + totalInHistory + " in history, "
                + (totalFinished - totalInHistory) + " lost");
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "crash-report.txt"), report);
        report.forEach(System.out::println);
        assertThat(totalInHistory).isEqualTo(totalFinished);
    }

    private static void killAt(String point, Path home, BflSimulator sim) throws Exception {
        Path stderr = Files.createTempFile("draftboard-crash", ".err");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.draftboard.launch.Main", "generate", "--provider", "bfl",
                "--prompt", "crash test at " + point, "--steps", "6", "--width", "512", "--height", "512");
        pb.environment().put("DRAFTBOARD_HOME", home.toString());
        pb.environment().put("DRAFTBOARD_BFL_BASE_URL", sim.baseUrl());
        pb.environment().put("BFL_API_KEY", "crash-harness-key");
        pb.environment().put("DRAFTBOARD_PAUSE_AT", point);
        pb.redirectError(stderr.toFile());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = pb.start();
        try {
            await(Duration.ofSeconds(30), () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("the CLI exited before " + point + ": " + Files.readString(stderr));
                }
                return Files.readString(stderr).contains("DRAFTBOARD-PAUSED " + point);
            }, () -> "never reached " + point + ": " + Files.readString(stderr));
        } finally {
            process.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
        }
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as(point + ": the killed CLI is gone").isTrue();
        assertThat(Files.readString(stderr)).as(point + ": no stack trace reached the terminal").doesNotContain("\tat ");
        // Let the simulator finish what it accepted, as the real provider would while we are down.
        await(Duration.ofSeconds(30), () -> sim.pendingTasks() == 0,
                () -> point + ": the simulator still has " + sim.pendingTasks() + " task(s) pending");
    }

    /** A check that may read files. */
    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    /** A description built only when needed. */
    @FunctionalInterface
    private interface Why {
        String text() throws Exception;
    }

    /**
     * Returns as soon as {@code condition} holds, checking it every few milliseconds; fails with {@code why}
     * once {@code timeout} has passed. The outcome never depends on how long a fixed sleep was.
     */
    private static void await(Duration timeout, Condition condition, Why why) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("after " + timeout.toSeconds() + " s: " + why.text());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static String run(Path home, BflSimulator sim, String... args) {
        CliHarness.Run r = CliHarness.run(Map.of("DRAFTBOARD_HOME", home.toString(), "DRAFTBOARD_BFL_BASE_URL",
                sim.baseUrl(), "BFL_API_KEY", "crash-harness-key"), home, args);
        assertThat(r.code()).as(r.err()).isZero();
        return r.out();
    }

    private static List<Path> temporaryFiles(Path home) throws Exception {
        if (!Files.exists(home)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(home)) {
            return s.filter(p -> p.getFileName().toString().endsWith(AtomicFiles.TEMP_SUFFIX)).toList();
        }
    }
}
