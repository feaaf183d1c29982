package io.draftboard.bench;

import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.RenderKind;
import io.draftboard.history.HistoryStore;
import io.draftboard.history.PastDurations;
import io.draftboard.http.HttpClients;
import io.draftboard.provider.PollSchedule;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.WarpClock;
import io.draftboard.provider.bfl.BflProvider;
import io.draftboard.settings.ApiKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * How much latency polling adds when every job is its own CLI run: jobs whose latency L is drawn per job from a
 * spread, each run as the CLI runs it (a fresh composition: HTTP client, history connection, job runner, poll
 * schedule and BflProvider; its only memory of earlier jobs is history.db), against a BFL stand-in. Reported at
 * p50 and p95: app-observed time from submit to image bytes in hand / L, and to the answer of the poll that saw
 * the task Ready / L (what polling controls: the download after it costs the same for every client); and polls
 * per job; for
 * the fixed 0.5 s / 1 s / 2 s cadence, adaptive with an empty history, and adaptive with 20 past jobs in history
 * (the 20 are the first 20 runs of an empty history, run the same way). Every client sees the same latencies.
 *
 * <p>Each run is a fresh set of objects in this JVM, not a fresh JVM: a JVM start costs a second or more on this
 * machine and does not change what is measured, which starts at the job. The clock is a {@link WarpClock}: the
 * waits between polls are skipped, so a 9 s job takes milliseconds, but everything else (HTTP round trips, the
 * download, reading and writing history) runs on, and counts as, real time.
 *
 * <pre>mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.draftboard.bench.PollingBench</pre>
 * (an argument sets the jobs per client and spread, default 40).
 */
public final class PollingBench {
    private static final int PAST_JOBS = 20;

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

    /** Image in hand / L, the Ready poll's answer / L (when the app knew), polls. */
    private record Measured(double ratio, double seenRatio, int polls) {
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        List<Spread> spreads = List.of(
                new Spread("L uniform 0.8-2.2 s (6-step 1 MP drafts)", 800, 2_200,
                        GenerationRequest.of("A red balloon on a wooden table", 1, 6, 1024, 1024), RenderKind.DRAFT),
                new Spread("L uniform 6-9 s (30-step 1 MP flex finals)", 6_000, 9_000,
                        GenerationRequest.of("A red balloon on a wooden table", 1, 30, 1024, 1024), RenderKind.FINAL));
        WarpClock clock = WarpClock.warped();
        Path dir = Files.createTempDirectory("polling-bench");
        System.out.printf(Locale.ROOT, "polling bench: %d jobs per client, each its own CLI-like run (fresh objects, "
                + "memory = history.db); warped clock (waits skipped, real work counted)%n", jobs);
        try (FakeBfl bfl = new FakeBfl(clock)) {
            run(bfl, clock, dir, spreads.get(0), GenerationRequest.of("warm-up", 1, 6, 1024, 1024), 5); // JIT, sockets
            for (Spread s : spreads) {
                System.out.println(s.label());
                List<Duration> latencies = s.draw(42, jobs);
                report("fixed 0.5 s / 1 s / 2 s (SDK-style)", measure(bfl, clock, dir.resolve("fixed-" + s.fromMs()),
                        s, latencies, false, false));
                report("adaptive, empty history", measure(bfl, clock, dir.resolve("empty-" + s.fromMs()), s,
                        latencies, true, true));
                Path shared = dir.resolve("history-" + s.fromMs());
                measure(bfl, clock, shared, s, s.draw(7, PAST_JOBS), true, false); // the first 20 runs fill history
                report("adaptive, " + PAST_JOBS + " past jobs in history", measure(bfl, clock, shared, s, latencies,
                        true, false));
            }
        }
    }

    /** Runs {@code latencies.size()} jobs one after another; {@code freshHistory}: each over a new, empty history. */
    private static List<Measured> measure(FakeBfl bfl, WarpClock clock, Path dir, Spread s, List<Duration> latencies,
            boolean adaptive, boolean freshHistory) throws Exception {
        List<Measured> out = new ArrayList<>();
        for (int i = 0; i < latencies.size(); i++) {
            Path home = freshHistory ? dir.resolve("run-" + i) : dir;
            bfl.nextLatency(latencies.get(i));
            out.add(oneRun(bfl, clock, home, s, s.request().withSeed(i), adaptive, latencies.get(i)));
        }
        return out;
    }

    private static void run(FakeBfl bfl, WarpClock clock, Path dir, Spread s, GenerationRequest r, int n)
            throws Exception {
        for (int i = 0; i < n; i++) {
            bfl.nextLatency(Duration.ofMillis(s.fromMs()));
            oneRun(bfl, clock, dir.resolve("warm-up"), s, r, true, Duration.ofMillis(s.fromMs()));
        }
    }

    /**
     * One CLI-like run: everything built afresh over {@code home}'s history, one job, everything closed. Timed from
     * the submit to the image bytes in hand (what polling controls; the journal and image writes around it are not).
     */
    private static Measured oneRun(FakeBfl bfl, WarpClock clock, Path home, Spread s, GenerationRequest request,
            boolean adaptive, Duration latency) throws Exception {
        OkHttpClient http = HttpClients.create();
        try (HistoryStore history = HistoryStore.open(home.resolve("history.db"))) {
            BflProvider provider = new BflProvider(new ProviderEndpoint(http, HttpUrl.get(bfl.baseUrl()),
                    () -> new ApiKey("bench-key"), clock), new PollSchedule(adaptive), clock, BflProvider.DEFAULT_TIMEOUT,
                    new PastDurations(history.database(), clock));
            int pollsBefore = bfl.polls();
            long t0 = clock.nanos();
            provider.generate(request, context(s.kind()));
            long took = clock.nanos() - t0;
            Measured m = new Measured(took / (double) latency.toNanos(),
                    (bfl.lastPollNanos() - t0) / (double) latency.toNanos(), bfl.polls() - pollsBefore);
            if (Boolean.getBoolean("bench.verbose")) {
                System.out.printf(Locale.ROOT, "    L %5d ms  observed %5d ms  polls %2d  Ready seen %d ms%n",
                        latency.toMillis(), took / 1_000_000, m.polls(), (bfl.lastPollNanos() - t0) / 1_000_000);
            }
            return m;
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
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
        System.out.printf(Locale.ROOT, "  %-36s image/L p50 %.3f p95 %.3f | ready seen/L p50 %.3f p95 %.3f | "
                + "polls/job %4.1f (max %d)%n", label, p(ratios, 0.5), p(ratios, 0.95), p(seen, 0.5), p(seen, 0.95),
                polls, maxPolls);
    }

    /** The {@code q} quantile of sorted {@code v}, nearest rank. */
    private static double p(double[] v, double q) {
        return v[Math.max(0, (int) Math.ceil(v.length * q) - 1)];
    }

    private PollingBench() {
    }
}
