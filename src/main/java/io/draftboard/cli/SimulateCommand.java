package io.draftboard.cli;

import io.draftboard.simulator.BflSimulator;
import io.draftboard.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve Black Forest Labs' FLUX.2 [flex] API shape on 127.0.0.1, rendered by the offline engine.",
                "Point Draftboard at it with DRAFTBOARD_BFL_BASE_URL=http://127.0.0.1:PORT/ and any BFL_API_KEY."})
final class SimulateCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Option(names = "--port", defaultValue = "8787", description = "Port on 127.0.0.1 (0: any free port).")
    int port;

    @Option(names = "--latency-fixed-ms", defaultValue = "400", description = "Fixed part of each job's latency.")
    long fixedMs;

    @Option(names = "--latency-per-step-mp-ms", defaultValue = "60", description = "Added per step per megapixel.")
    long perStepMpMs;

    @Option(names = "--rate-limit-every", defaultValue = "0", description = "Answer every Nth submit with 429.")
    int rateLimitEvery;

    @Option(names = "--retry-after-s", defaultValue = "1", description = "Retry-After sent with a 429.")
    long retryAfterS;

    @Option(names = "--fail-first", defaultValue = "0", description = "Answer the first N requests with 503.")
    int failFirst;

    @Option(names = "--moderate", description = "Prompts containing this word end as Request Moderated.")
    String moderate;

    @Option(names = "--slow-download-ms", defaultValue = "0", description = "Time spent sending each image.")
    long slowDownloadMs;

    @Option(names = "--url-ttl-ms", defaultValue = "600000", description = "How long result links stay valid.")
    long urlTtlMs;

    @Option(names = "--key", description = "Accept only this key (default: any non-blank key).")
    String key;

    SimulateCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new UserError("--port must be between 0 and 65535 (got " + port + ")");
        }
        SimulatorConfig config = new SimulatorConfig(port, Duration.ofMillis(fixedMs), Duration.ofMillis(perStepMpMs),
                rateLimitEvery, Duration.ofSeconds(retryAfterS), failFirst, moderate, Duration.ofMillis(slowDownloadMs),
                Duration.ofMillis(urlTtlMs), 24, key);
        BflSimulator simulator;
        try {
            simulator = BflSimulator.start(config);
        } catch (java.net.BindException e) {
            throw new UserError("port " + port + " on 127.0.0.1 is already in use; pick another with --port");
        }
        env.out().println("BFL simulator listening on " + simulator.baseUrl());
        env.out().println("Use it with: DRAFTBOARD_BFL_BASE_URL=" + simulator.baseUrl() + " BFL_API_KEY=any "
                + "java -jar target/draftboard.jar generate --provider bfl --prompt ...");
        env.out().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "bfl-simulator-stop"));
        stopped.await();
        return ExitCode.OK;
    }
}
