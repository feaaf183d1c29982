package io.draftboard.bench;

import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.JobContext;
import io.draftboard.http.HttpClients;
import io.draftboard.provider.CancellableSleep;
import io.draftboard.provider.PollSchedule;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.bfl.BflProvider;
import io.draftboard.settings.ApiKey;
import io.draftboard.simulator.BflSimulator;
import io.draftboard.simulator.SimulatorConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * How much latency polling adds: N 1 MP drafts through the real BflProvider against the simulator with a
 * known job latency L, reporting app-observed time (submit to image bytes in hand) / L and polls per job,
 * for the adaptive schedule and for the fixed 0.5/1/2 s cadence SDKs use. Goal: p50 ratio <= 1.05.
 *
 * <pre>mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.draftboard.bench.PollingBench</pre>
 */
public final class PollingBench {
    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        SimulatorConfig config = SimulatorConfig.defaults().withLatency(Duration.ofMillis(1500), Duration.ofMillis(100));
        GenerationRequest draft = GenerationRequest.of("A red balloon on a wooden table, headline \"SALE\"", 1, 6, 1024, 1024);
        double latencyMs = config.latency(6, draft.outputMegapixels()).toNanos() / 1e6;
        System.out.printf(Locale.ROOT, "polling bench: %d sequential 1 MP drafts (6 steps), simulated latency L = %.0f ms%n",
                jobs, latencyMs);
        try (BflSimulator sim = BflSimulator.start(config)) {
            run("adaptive (learns per steps x size)", new PollSchedule(true), sim, draft, jobs, latencyMs);
            run("fixed 0.5 s / 1 s / 2 s (SDK-style)", new PollSchedule(false), sim, draft, jobs, latencyMs);
        }
    }

    private static void run(String label, PollSchedule schedule, BflSimulator sim, GenerationRequest draft, int jobs,
            double latencyMs) throws Exception {
        BflProvider bfl = new BflProvider(new ProviderEndpoint(HttpClients.create(), okhttp3.HttpUrl.get(sim.baseUrl()),
                () -> new ApiKey("bench-key"), Clock.systemUTC()), schedule, CancellableSleep.REAL, Duration.ofMinutes(2));
        bfl.generate(draft.withSeed(999), JobContext.none()); // warm-up: JIT, connection pool, first estimate
        double[] ratios = new double[jobs];
        int pollsBefore = sim.polls();
        for (int i = 0; i < jobs; i++) {
            long t0 = System.nanoTime();
            bfl.generate(draft.withSeed(i), JobContext.none());
            ratios[i] = (System.nanoTime() - t0) / 1e6 / latencyMs;
        }
        double pollsPerJob = (sim.polls() - pollsBefore) / (double) jobs;
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "%-38s observed/L p50 %.3f  p95 %.3f  max %.3f   polls/job %.1f%n", label,
                ratios[jobs / 2], ratios[Math.min(jobs - 1, (int) Math.ceil(jobs * 0.95) - 1)], ratios[jobs - 1],
                pollsPerJob);
    }

    private PollingBench() {
    }
}
