package io.draftboard.bench;

import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.RenderKind;
import io.draftboard.history.HistoryStore;
import io.draftboard.history.PastDurations;
import io.draftboard.http.HttpClients;
import io.draftboard.provider.CancellableSleep;
import io.draftboard.provider.PollSchedule;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.WarpClock;
import io.draftboard.provider.bfl.BflProvider;
import io.draftboard.settings.ApiKey;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.LongSupplier;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * How much latency polling adds when every job is its own CLI run: jobs whose latency L is drawn per job from a
 * spread, each run as the CLI runs it (a fresh composition: HTTP client, history connection, poll schedule and
 * BflProvider; its only memory of earlier jobs is history.db), against a BFL stand-in. Reported at p50 and p95:
 * time from the start of the client's submit request to the verified image bytes in hand / L, and from the submit's
 * arrival at the stand-in to the arrival of the poll that saw the task Ready / L (what polling controls); polls per
 * job; and the run's own time from the call to the provider to its submit request (apart, not in L); for
 * the fixed 0.5 s / 1 s / 2 s cadence, adaptive with an empty history, and adaptive with 20 past jobs in history
 * (the 20 are run the same way over the history first). Every client sees the same latencies.
 *
 * <p>Two modes. By default each run is a fresh set of objects in this JVM, timed on a {@link WarpClock}: the waits
 * between polls are skipped, so a 9 s job takes milliseconds, but everything else (HTTP round trips, the download,
 * reading and writing history) runs on, and counts as, real time. With {@code --processes} each run is a separate
 * JVM (a child of this one, on the same class path) and every clock is the real one: the child times its own job
 * from its submit request, so its JVM start (and the loading of what that request needs, shown apart as "start to
 * submit") is not counted, but everything cold after it is (the first connection, the first SQL, the image
 * readers), as in a CLI command; the waits are real, so it takes minutes.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.draftboard.bench.PollingBench
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.draftboard.bench.PollingBench \
 *     -Dexec.args=--processes
 * </pre>
 * (a number sets the measured jobs per client and spread: default 40 in this JVM, 20 with {@code --processes};
 * {@code -Dbench.verbose=true} prints every job, and where its time went around the waiting: the submit's round
 * trip, and the steps from the poll that saw the task ready to the image in hand). With {@code --processes} it
 * also prints the command's whole time less L (JVM start to exit, as a CLI user waits): the ratios start at the
 * submit, so work moved before it (a warm-up on another thread, say) improves them without shortening the command;
 * this column shows whether it did. {@code --launcher-options} starts each child with the JVM options the packaged
 * launcher gives the CLI (packaging/app-image.args and the Linux one, less the AppCDS archive, which belongs to the
 * app-image's class path): its GC and its compiler directives. {@code --app-image DIR} runs each child as the
 * packaged CLI runs: on the app-image's runtime, with its launcher's options and class path, AppCDS archive
 * included ({@code mvn -B -Ppackage -DskipTests package}, then {@code --app-image target/jpackage/Draftboard}).
 * {@code --drafts-only} skips the 6-9 s jobs (about 3 minutes instead of 17 with 20 jobs per client).
 */
public final class PollingBench {
    private static final int PAST_JOBS = 20;
    private static final String CHILD = "--child";

    private record Spread(String label, long fromMs, long toMs, GenerationRequest request, RenderKind kind) {
        List<Duration> draw(long seed, int n) {
            Random random = new Random(seed);
            List<Duration> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(Duration.ofMillis(fromMs + (long) (random.nextDouble() * (toMs - fromMs))));
            }
            return out;
        }
    }

    /**
     * Image in hand / L, the Ready poll's arrival / L (when the app knew), polls, the run's start to its submit,
     * and the whole command's time less L (with {@code --processes}; NaN otherwise).
     */
    private record Measured(double ratio, double seenRatio, int polls, long beforeSubmitNanos, double commandOverMs) {
    }

    /**
     * One run's times, in nanoseconds: from the submit request's start to the image in hand, from the call
     * to the provider to that submit (the run's own start-up: in a fresh JVM, loading what the request needs),
     * and the child process's whole life, start to exit, as a CLI user waits for it (-1 in this JVM).
     */
    private record Timed(long took, long beforeSubmit, long command) {
    }

    /** Runs one job the CLI way and times it. */
    private interface Runner {
        Timed run(Path home, Spread s, GenerationRequest request, boolean adaptive) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(CHILD)) {
            child(args);
            return;
        }
        boolean processes = List.of(args).contains("--processes");
        int image = List.of(args).indexOf("--app-image");
        ChildJvm childJvm = image >= 0 ? ChildJvm.ofAppImage(Path.of(args[image + 1]))
                : new ChildJvm(Path.of(System.getProperty("java.home"), "bin", "java"),
                        List.of(args).contains("--launcher-options") ? launcherOptions() : List.of(), classPath());
        int jobs = List.of(args).stream().filter(a -> a.matches("\\d+")).mapToInt(Integer::parseInt).findFirst()
                .orElse(processes ? 20 : 40);
        List<Spread> spreads = List.of(
                new Spread("L uniform 0.8-2.2 s (6-step 1 MP drafts)", 800, 2_200,
                        GenerationRequest.of("A red balloon on a wooden table", 1, 6, 1024, 1024), RenderKind.DRAFT),
                new Spread("L uniform 6-9 s (30-step 1 MP flex finals)", 6_000, 9_000,
                        GenerationRequest.of("A red balloon on a wooden table", 1, 30, 1024, 1024), RenderKind.FINAL));
        WarpClock warp = WarpClock.warped();
        LongSupplier nanos = processes ? System::nanoTime : warp::nanos;
        Path dir = Files.createTempDirectory("polling-bench");
        System.out.printf(Locale.ROOT, "polling bench: %d jobs per client, each its own CLI-like run (fresh objects, "
                + "memory = history.db); %s%n", jobs, processes ? "each job a separate JVM, real clock (JVM start not "
                        + "counted)" + childJvm.describe()
                        : "in this JVM, warped clock (waits skipped, real work counted)");
        try (FakeBfl bfl = new FakeBfl(nanos)) {
            Runner runner = processes ? inChild(bfl.baseUrl(), childJvm)
                    : (home, s, r, adaptive) -> oneRun(bfl.baseUrl(), warp, warp, warp::nanos, home, s.kind(), r,
                            adaptive);
            if (!processes) { // JIT, sockets: a child process is cold on purpose, as a CLI command is
                measure(bfl, runner, dir.resolve("warm-up"), spreads.get(0), List.of(Duration.ofMillis(800),
                        Duration.ofMillis(800), Duration.ofMillis(800), Duration.ofMillis(800)), true, false);
            }
            for (Spread s : spreads) {
                if (List.of(args).contains("--drafts-only") && s.kind() != RenderKind.DRAFT) {
                    continue;
                }
                System.out.println(s.label());
                List<Duration> latencies = s.draw(42, jobs);
                report("fixed 0.5 s / 1 s / 2 s (SDK-style)", measure(bfl, runner, dir.resolve("fixed-" + s.fromMs()),
                        s, latencies, false, true));
                report("adaptive, empty history", measure(bfl, runner, dir.resolve("empty-" + s.fromMs()), s,
                        latencies, true, true));
                Path shared = dir.resolve("history-" + s.fromMs());
                measure(bfl, runner, shared, s, s.draw(7, PAST_JOBS), true, false); // the first 20 runs fill history
                report("adaptive, " + PAST_JOBS + " past jobs in history", measure(bfl, runner, shared, s, latencies,
                        true, false));
            }
        }
    }

    /** Runs {@code latencies.size()} jobs one after another; {@code freshHistory}: each over a new, empty history. */
    private static List<Measured> measure(FakeBfl bfl, Runner runner, Path dir, Spread s, List<Duration> latencies,
            boolean adaptive, boolean freshHistory) throws Exception {
        List<Measured> out = new ArrayList<>();
        for (int i = 0; i < latencies.size(); i++) {
            Path home = freshHistory ? dir.resolve("run-" + i) : dir;
            Duration latency = latencies.get(i);
            bfl.nextLatency(latency);
            int pollsBefore = bfl.polls();
            Timed t = runner.run(home, s, s.request().withSeed(i), adaptive);
            Measured m = new Measured(t.took() / (double) latency.toNanos(),
                    (bfl.lastPollNanos() - bfl.lastSubmitNanos()) / (double) latency.toNanos(),
                    bfl.polls() - pollsBefore, t.beforeSubmit(),
                    t.command() < 0 ? Double.NaN : (t.command() - latency.toNanos()) / 1e6);
            if (Boolean.getBoolean("bench.verbose")) {
                System.out.printf(Locale.ROOT, "    L %5d ms  image in hand %5d ms  polls %2d  Ready seen %5d ms  "
                        + "before submit %4d ms%n", latency.toMillis(), t.took() / 1_000_000, m.polls(),
                        (bfl.lastPollNanos() - bfl.lastSubmitNanos()) / 1_000_000, t.beforeSubmit() / 1_000_000);
            }
            out.add(m);
        }
        return out;
    }

    /**
     * One CLI-like run: everything built afresh over {@code home}'s history, one job, everything closed. Timed from
     * the start of the submit request (seen by a listener on the HTTP client) to the verified image bytes in hand
     * (generate's return), on {@code nanos}; the journal and image writes around it are not counted.
     */
    private static Timed oneRun(String baseUrl, Clock clock, CancellableSleep sleep, LongSupplier nanos, Path home,
            RenderKind kind, GenerationRequest request, boolean adaptive) throws Exception {
        Phases phases = new Phases(nanos);
        OkHttpClient http = HttpClients.create().newBuilder().eventListener(phases).build();
        try (HistoryStore history = HistoryStore.open(home.resolve("history.db"))) {
            BflProvider provider = new BflProvider(new ProviderEndpoint(http, HttpUrl.get(baseUrl),
                    () -> new ApiKey("bench-key"), clock), new PollSchedule(adaptive), sleep, BflProvider.DEFAULT_TIMEOUT,
                    new PastDurations(history.database(), clock));
            long called = nanos.getAsLong();
            provider.generate(request, context(kind));
            long end = nanos.getAsLong();
            if (Boolean.getBoolean("bench.verbose")) {
                System.err.println(phases.describe(end));
            }
            return new Timed(end - phases.submitStart, phases.submitStart - called, -1);
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /**
     * Where a run's time goes around the waiting, from the HTTP client's events: the submit's round trip, and
     * from the end of the poll that saw the task ready to the image in hand.
     */
    private static final class Phases extends EventListener {
        private final LongSupplier nanos;
        private long submitStart = -1;
        private long submitConnected = -1;
        private long submitAnswered;
        private long lastPollEnd;
        private long downloadStart;
        private long downloadHeaders;
        private long downloadEnd;

        Phases(LongSupplier nanos) {
            this.nanos = nanos;
        }

        private static boolean isDownload(Call call) {
            return call.request().url().encodedPath().startsWith("/results/");
        }

        @Override
        public void callStart(Call call) {
            if (submitStart < 0 && call.request().method().equals("POST")) {
                submitStart = nanos.getAsLong();
            } else if (isDownload(call)) {
                downloadStart = nanos.getAsLong();
            }
        }

        @Override
        public void connectionAcquired(Call call, okhttp3.Connection connection) {
            if (submitConnected < 0) {
                submitConnected = nanos.getAsLong();
            }
        }

        @Override
        public void responseHeadersEnd(Call call, okhttp3.Response response) {
            if (call.request().method().equals("POST")) {
                submitAnswered = nanos.getAsLong();
            } else if (isDownload(call)) {
                downloadHeaders = nanos.getAsLong();
            }
        }

        @Override
        public void callEnd(Call call) {
            if (isDownload(call)) {
                downloadEnd = nanos.getAsLong();
            } else if (call.request().method().equals("GET")) {
                lastPollEnd = nanos.getAsLong();
            }
        }

        String describe(long end) {
            return String.format(Locale.ROOT, "      submit connected in %3d ms, answered in %3d ms; after the Ready "
                    + "poll: %3d ms to the download, %3d ms to its headers, %3d ms its body, %3d ms to the image in hand",
                    ms(submitConnected - submitStart), ms(submitAnswered - submitStart), ms(downloadStart
                            - lastPollEnd), ms(downloadHeaders - downloadStart), ms(downloadEnd - downloadHeaders),
                    ms(end - downloadEnd));
        }

        private static long ms(long nanos) {
            return nanos / 1_000_000;
        }
    }

    /** Each job a child JVM on this class path, running {@link #child} and printing its own time. */
    private static Runner inChild(String baseUrl, ChildJvm jvm) {
        return (home, s, r, adaptive) -> {
            Files.createDirectories(home);
            List<String> command = jvm.command("-Dbench.verbose=" + Boolean.getBoolean("bench.verbose"),
                    PollingBench.class.getName(), CHILD, baseUrl, home.toString(), adaptive ? "adaptive" : "fixed",
                    s.kind().name(), Integer.toString(r.steps()), Long.toString(r.seed()));
            long started = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            String[] words = out.split(" ");
            if (p.waitFor() != 0 || words.length != 4 || !words[0].equals("took")) {
                throw new IOException("child run failed (exit " + p.exitValue() + "): " + out);
            }
            return new Timed(Long.parseLong(words[1]), Long.parseLong(words[3]), System.nanoTime() - started);
        };
    }

    /** The JVM a child job runs on: its {@code java}, the options it is given and its class path. */
    private record ChildJvm(Path java, List<String> options, String classPath) {
        /**
         * The packaged launcher's JVM, as {@code bin/Draftboard} starts it: the app-image's jlinked runtime, the
         * options and class path of its {@code lib/app/Draftboard.cfg} (its AppCDS archive among them), with this
         * bench's class path after the app's, so the child's own classes load but every class the CLI shares with
         * it comes from the app's jars and archive (an archive allows entries after the class path it was made
         * with). The archive must have been made for the image where it lies: {@code bin/Draftboard --cds-train}
         * after copying an image.
         */
        static ChildJvm ofAppImage(Path image) throws IOException {
            Path app = image.resolve("lib").resolve("app");
            Path cfg = app.resolve("Draftboard.cfg");
            Path archive = app.resolve("draftboard.jsa");
            if (!Files.isRegularFile(cfg) || !Files.isRegularFile(archive)) {
                throw new IOException(image + " is not an app-image with its class archive (want " + cfg + " and "
                        + archive + "; mvn -Ppackage -DskipTests package makes target/jpackage/Draftboard)");
            }
            List<String> options = new ArrayList<>();
            List<String> classPath = new ArrayList<>();
            for (String line : Files.readAllLines(cfg)) {
                String value = line.substring(line.indexOf('=') + 1).replace("$APPDIR", app.toString());
                if (line.startsWith("java-options=")) {
                    options.add(value);
                } else if (line.startsWith("app.classpath=")) {
                    classPath.add(value);
                }
            }
            classPath.add(PollingBench.classPath());
            ChildJvm jvm = new ChildJvm(image.resolve("lib").resolve("runtime").resolve("bin").resolve("java"), options,
                    String.join(File.pathSeparator, classPath));
            jvm.requireArchive(archive);
            return jvm;
        }

        /**
         * The launcher's -Xlog:cds*=off hides an archive the JVM refused (one made for another path): -Xshare:on
         * makes that an error, so the bench never measures without the archive while saying it has it.
         */
        private void requireArchive(Path archive) throws IOException {
            try {
                Process p = new ProcessBuilder(command("-Xshare:on", "-version")).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor() != 0) {
                    throw new IOException(archive + " does not map with this class path (made for another path? "
                            + "run bin/Draftboard --cds-train in the image)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted checking " + archive, e);
            }
        }

        /**
         * {@code java}, the options, the class path, then {@code rest}: JVM flags first, then the main class
         * (or {@code -version}) and its arguments.
         */
        List<String> command(String... rest) {
            List<String> command = new ArrayList<>(List.of(java.toString()));
            command.addAll(options);
            command.addAll(List.of("-cp", classPath));
            command.addAll(List.of(rest));
            return command;
        }

        String describe() {
            return options.isEmpty() ? "" : ", on " + java + " with " + options;
        }
    }

    /**
     * The JVM options of packaging/app-image.args and packaging/linux/app-image.args, as jpackage gives them to the
     * launcher, with {@code $APPDIR} (where the packaging files land) read as packaging/; less the AppCDS archive.
     */
    private static List<String> launcherOptions() throws IOException {
        List<String> options = new ArrayList<>();
        for (Path args : List.of(Path.of("packaging", "app-image.args"), Path.of("packaging", "linux", "app-image.args"))) {
            for (String line : Files.readAllLines(args)) {
                if (line.startsWith("--java-options ")) {
                    String value = line.substring("--java-options ".length()).replace("\"", "").replace("$APPDIR/",
                            "packaging/");
                    List.of(value.split(" ")).stream().filter(o -> !o.contains("SharedArchiveFile") && !o.startsWith(
                            "-Xlog:cds")).forEach(options::add);
                }
            }
        }
        return options;
    }

    /** This class's class path: under {@code mvn exec:java} the project's is its loader's, not the JVM's. */
    private static String classPath() {
        if (PollingBench.class.getClassLoader() instanceof URLClassLoader loader) {
            List<String> paths = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                try {
                    paths.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException e) {
                    throw new IllegalStateException("class path entry " + url, e);
                }
            }
            return String.join(File.pathSeparator, paths);
        }
        return System.getProperty("java.class.path");
    }

    /** A child: one job on the real clock, the real sleep, and the history at the home it is given. */
    private static void child(String[] a) throws Exception {
        GenerationRequest request = GenerationRequest.of("A red balloon on a wooden table", Long.parseLong(a[6]),
                Integer.parseInt(a[5]), 1024, 1024);
        Timed t = oneRun(a[1], Clock.systemUTC(), CancellableSleep.REAL, System::nanoTime, Path.of(a[2]),
                RenderKind.valueOf(a[4]), request, a[3].equals("adaptive"));
        System.out.println("took " + t.took() + " before " + t.beforeSubmit());
    }

    /** What the job runner tells a provider about the job: here, only whether it is a draft or a final. */
    private static JobContext context(RenderKind kind) {
        return new JobContext() {
            @Override
            public void progress(double fraction) {
            }

            @Override
            public RenderKind kind() {
                return kind;
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void onCancel(Runnable action) {
            }
        };
    }

    private static void report(String label, List<Measured> runs) {
        double[] ratios = runs.stream().mapToDouble(Measured::ratio).sorted().toArray();
        double[] seen = runs.stream().mapToDouble(Measured::seenRatio).sorted().toArray();
        double polls = runs.stream().mapToInt(Measured::polls).average().orElse(0);
        int maxPolls = runs.stream().mapToInt(Measured::polls).max().orElse(0);
        double[] before = runs.stream().mapToDouble(m -> m.beforeSubmitNanos() / 1e6).sorted().toArray();
        double[] command = runs.stream().mapToDouble(Measured::commandOverMs).filter(d -> !Double.isNaN(d)).sorted()
                .toArray();
        System.out.printf(Locale.ROOT, "  %-36s image/L p50 %.3f p95 %.3f | ready seen/L p50 %.3f p95 %.3f | "
                + "polls/job %4.1f (max %d) | start to submit p50 %.0f ms%s%n", label, p(ratios, 0.5), p(ratios, 0.95),
                p(seen, 0.5), p(seen, 0.95), polls, maxPolls, p(before, 0.5), command.length == 0 ? ""
                        : String.format(Locale.ROOT, " | command - L p50 %.0f ms", p(command, 0.5)));
    }

    /** The {@code q} quantile of sorted {@code v}, nearest rank. */
    private static double p(double[] v, double q) {
        return v[Math.max(0, (int) Math.ceil(v.length * q) - 1)];
    }

    private PollingBench() {
    }
}
