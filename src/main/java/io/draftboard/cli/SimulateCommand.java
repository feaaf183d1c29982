package io.draftboard.cli;

import io.draftboard.simulator.BflSimulator;
import io.draftboard.simulator.GatewaySimulator;
import io.draftboard.simulator.GatewaySimulatorConfig;
import io.draftboard.simulator.RunflowSimulator;
import io.draftboard.simulator.RunflowSimulatorConfig;
import io.draftboard.simulator.SimulatorConfig;
import io.draftboard.simulator.comfyui.ComfyUiSimulator;
import io.draftboard.simulator.comfyui.ComfyUiSimulatorConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve Black Forest Labs' FLUX.2 [flex] API shape on 127.0.0.1, rendered by the offline engine.",
                "Point Draftboard at it with DRAFTBOARD_BFL_BASE_URL=http://127.0.0.1:PORT/ and any BFL_API_KEY.",
                "With --comfyui, serve a ComfyUI stand-in instead (HTTP routes and /ws with progress and preview frames);",
                "point Draftboard at it with DRAFTBOARD_COMFYUI_BASE_URL=http://127.0.0.1:PORT/ and --provider comfyui.",
                "With --runflow, serve Runflow's runs API (DRAFTBOARD_RUNFLOW_BASE_URL, any RUNFLOW_API_KEY);",
                "with --gateway, an OpenAI-compatible images API (DRAFTBOARD_<ID>_BASE_URL=http://127.0.0.1:PORT/v1/)."})
final class SimulateCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Option(names = "--port", description = "Port on 127.0.0.1 (default 8787, or 8188 with --comfyui; 0: any free port).")
    Integer port;

    @Option(names = "--comfyui", description = "Be a ComfyUI server with FLUX.2 [dev] and [klein] installed.")
    boolean comfyui;

    @Option(names = "--runflow", description = "Be Runflow's runs API with FLUX.2 [flex] (no public cancel, as Runflow).")
    boolean runflow;

    @Option(names = "--gateway", description = "Be an OpenAI-compatible images gateway (/v1/images/generations and edits).")
    boolean gateway;

    @Option(names = "--async-jobs", description = "Gateway: answer 202 with a job to poll at /v1/jobs/{id}, as AIgateway "
            + "does for heavy models (polls sooner than 3 s apart answer 304).")
    boolean asyncJobs;

    @Option(names = "--report-cost", description = "Gateway: report what each image cost in metadata.cost, as Lumenfall "
            + "does.")
    boolean reportCost;

    @Option(names = "--model", description = "Gateway: the model id it serves (default black-forest-labs/flux-2-flex).")
    String model;

    @Option(names = "--balance-usd", defaultValue = "100",
            description = "Runflow: the account's balance; a run costing more is refused with 402.")
    double balanceUsd;

    @Option(names = "--step-delay-ms", defaultValue = "40",
            description = "ComfyUI: extra time per sampling step, so the render can be watched (and cancelled).")
    long stepDelayMs;

    @Option(names = "--no-websocket", description = "ComfyUI: refuse /ws, as a proxy that drops websockets does.")
    boolean noWebsocket;

    @Option(names = "--missing-model", description = "ComfyUI: leave out this model file (repeatable).")
    List<String> missingModels = List.of();

    @Option(names = "--missing-node", description = "ComfyUI: leave out this node class (repeatable).")
    List<String> missingNodes = List.of();

    @Option(names = "--oom", description = "ComfyUI: prompts containing this word run out of GPU memory.")
    String oomWord;

    @Option(names = "--fail", description = "ComfyUI, Runflow, gateway: prompts containing this word fail (ComfyUI: in "
            + "the sampler node).")
    String failWord;

    @Option(names = "--token", description = "ComfyUI: require 'Authorization: Bearer TOKEN', as an auth proxy would.")
    String token;

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

    @Option(names = "--moderate", description = "Prompts containing this word end as moderated (BFL: Request "
            + "Moderated; Runflow: failed by the safety checker; gateway: a content-policy error).")
    String moderate;

    @Option(names = "--slow-download-ms", defaultValue = "0", description = "Time spent sending each image.")
    long slowDownloadMs;

    @Option(names = "--url-ttl-ms", defaultValue = "600000", description = "How long result links stay valid.")
    long urlTtlMs;

    @Option(names = "--key", description = "Accept only this key or Bearer token (default: any non-blank one).")
    String key;

    SimulateCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        int port = this.port != null ? this.port : comfyui ? 8188 : 8787;
        if (port < 0 || port > 65535) {
            throw new UserError("--port must be between 0 and 65535 (got " + port + ")");
        }
        if (comfyui) {
            return comfyUi(port);
        }
        if (runflow) {
            return runflow(port);
        }
        if (gateway) {
            return gateway(port);
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

    private int runflow(int port) throws Exception {
        RunflowSimulatorConfig config = RunflowSimulatorConfig.defaults().withPort(port).withKey(key)
                .withLatency(Duration.ofMillis(fixedMs), Duration.ofMillis(perStepMpMs)).withFaults(failWord, moderate)
                .withBalance(balanceUsd);
        RunflowSimulator simulator;
        try {
            simulator = RunflowSimulator.start(config);
        } catch (java.net.BindException e) {
            throw new UserError("port " + port + " on 127.0.0.1 is already in use; pick another with --port");
        }
        env.out().println("Runflow simulator listening on " + simulator.baseUrl());
        env.out().println("Use it with: DRAFTBOARD_RUNFLOW_BASE_URL=" + simulator.baseUrl() + " RUNFLOW_API_KEY=any "
                + "java -jar target/draftboard.jar generate --provider runflow --prompt ...");
        return serveUntilStopped(simulator::close, "runflow-simulator-stop");
    }

    private int gateway(int port) throws Exception {
        GatewaySimulatorConfig config = new GatewaySimulatorConfig(port, key,
                model == null ? GatewaySimulatorConfig.FLEX : model, asyncJobs, reportCost, failWord, moderate,
                Duration.ofMillis(fixedMs), Duration.ofMillis(perStepMpMs));
        GatewaySimulator simulator;
        try {
            simulator = GatewaySimulator.start(config);
        } catch (java.net.BindException e) {
            throw new UserError("port " + port + " on 127.0.0.1 is already in use; pick another with --port");
        }
        env.out().println("OpenAI-compatible gateway simulator listening on " + simulator.baseUrl() + " (model "
                + config.model() + (asyncJobs ? ", 202 jobs" : "") + ")");
        env.out().println("Use it with: DRAFTBOARD_AIGATEWAY_BASE_URL=" + simulator.baseUrl() + " AIGATEWAY_API_KEY=any "
                + "java -jar target/draftboard.jar generate --provider aigateway --prompt ...");
        return serveUntilStopped(simulator::close, "gateway-simulator-stop");
    }

    private int serveUntilStopped(Runnable close, String name) throws InterruptedException {
        env.out().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            close.run();
            stopped.countDown();
        }, name));
        stopped.await();
        return ExitCode.OK;
    }

    private int comfyUi(int port) throws Exception {
        ComfyUiSimulatorConfig config = ComfyUiSimulatorConfig.defaults().withPort(port)
                .withStepDelay(Duration.ofMillis(Math.max(0, stepDelayMs))).withFaults(oomWord, failWord).withToken(token);
        for (String model : missingModels) {
            config = config.withoutModel(model);
        }
        for (String node : missingNodes) {
            config = config.withoutNode(node);
        }
        if (noWebsocket) {
            config = config.withoutWebsocket();
        }
        ComfyUiSimulator simulator;
        try {
            simulator = ComfyUiSimulator.start(config);
        } catch (java.net.BindException e) {
            throw new UserError("port " + port + " on 127.0.0.1 is already in use; pick another with --port");
        }
        env.out().println("ComfyUI stand-in listening on " + simulator.baseUrl() + " (" + simulator.describe() + ")");
        env.out().println("Use it with: DRAFTBOARD_COMFYUI_BASE_URL=" + simulator.baseUrl()
                + " java -jar target/draftboard.jar generate --provider comfyui --prompt ...");
        env.out().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "comfyui-simulator-stop"));
        stopped.await();
        return ExitCode.OK;
    }
}
