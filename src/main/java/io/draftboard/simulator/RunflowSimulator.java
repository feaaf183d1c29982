package io.draftboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.InvalidRequestException;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.Reference;
import io.draftboard.imaging.ImageDecodeException;
import io.draftboard.json.Json;
import io.draftboard.provider.MegapixelPricing;
import io.draftboard.provider.offline.OfflineProvider;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for api.runflow.io on 127.0.0.1, written from Runflow's public docs ("Runs", "Errors", "Rate limits",
 * the flex model page), not from Draftboard's client: it checks what the real one would (a Bearer token, a known
 * model, a JSON body with an {@code input} object, a prompt, values in range) and answers with Runflow's error
 * envelope ({@code code}, {@code message}, {@code errors[]}). A run goes {@code queued} → {@code dispatching} →
 * {@code running} → {@code succeeded} over its latency, rendered by the offline engine, its normalised output a
 * presigned-style link. There is no public cancel, as on Runflow.
 *
 * <p>Where the docs leave a field unconfirmed (docs/providers-unconfirmed.md), it follows the flex page and the
 * klein pages: {@code image_size} (preset or {@code {width, height}}), {@code num_inference_steps},
 * {@code guidance_scale}, {@code image_urls}, and an {@code images[]} output.
 */
public final class RunflowSimulator implements AutoCloseable {
    public static final String FLEX = "black-forest-labs/flux-2-flex";
    private static final Set<String> MODELS = Set.of(FLEX);
    private static final Map<String, int[]> PRESETS = Map.of("square_hd", new int[] {1024, 1024}, "square",
            new int[] {512, 512}, "portrait_4_3", new int[] {768, 1024}, "portrait_16_9", new int[] {576, 1024},
            "landscape_4_3", new int[] {1024, 768}, "landscape_16_9", new int[] {1024, 576});

    private final RunflowSimulatorConfig config;
    private final HttpServer server;
    private final OfflineProvider engine = new OfflineProvider();
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final AtomicInteger creates = new AtomicInteger();
    private final AtomicInteger polls = new AtomicInteger();
    private double balance;

    private record Run(String id, Instant created, long latencyMillis, GenerationRequest request, String failure,
            String failureCode, double cost, CompletableFuture<GenerationResult> render) {
    }

    private RunflowSimulator(RunflowSimulatorConfig config) throws IOException {
        this.config = config;
        this.balance = config.balanceUsd();
        this.server = SimHttp.start(config.port(), "runflow-simulator", this::handle);
    }

    public static RunflowSimulator start(RunflowSimulatorConfig config) throws IOException {
        return new RunflowSimulator(config);
    }

    /** The base URL to give {@code DRAFTBOARD_RUNFLOW_BASE_URL}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Runs created, each billed. */
    public int creates() {
        return creates.get();
    }

    public int polls() {
        return polls.get();
    }

    @Override
    public void close() {
        SimHttp.stop(server);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.startsWith("/files/") && method.equals("GET")) { // presigned: no token
                file(ex, path.substring("/files/".length()).replace(".png", ""));
                return;
            }
            String token = SimHttp.bearer(ex);
            if (token == null || (config.requiredKey() != null && !config.requiredKey().equals(token))) {
                error(ex, 401, "UNAUTHORIZED", "Missing or invalid token.", null);
                return;
            }
            if (method.equals("POST") && path.startsWith("/v1/models/") && path.endsWith("/runs")) {
                create(ex, path.substring("/v1/models/".length(), path.length() - "/runs".length()));
            } else if (method.equals("GET") && path.startsWith("/v1/runs/")) {
                poll(ex, path.substring("/v1/runs/".length()));
            } else {
                error(ex, 404, "NOT_FOUND", "No route " + method + " " + path + ".", null);
            }
        } catch (RuntimeException e) {
            error(ex, 500, "INTERNAL_ERROR", "simulator error: " + e.getClass().getSimpleName(), null);
        }
    }

    private void create(HttpExchange ex, String model) throws IOException {
        if (!MODELS.contains(model)) {
            error(ex, 404, "NOT_FOUND", "Model " + model + " not found.", null);
            return;
        }
        JsonNode body = Json.parseOrNull(SimHttp.body(ex));
        if (body == null || !body.isObject() || !body.path("input").isObject()) {
            error(ex, 400, "BAD_REQUEST", "The body must be a JSON object with an input object.", null);
            return;
        }
        JsonNode in = body.get("input");
        List<String[]> problems = new ArrayList<>();
        if (!in.path("prompt").isTextual() || in.path("prompt").asText().isBlank()) {
            problems.add(new String[] {"input.prompt", "Field required"});
        }
        int[] size = size(in.get("image_size"), problems);
        int steps = integer(in, "num_inference_steps", 28, 1, 50, problems);
        double guidance = in.has("guidance_scale") && !in.get("guidance_scale").isNumber() ? -1
                : in.path("guidance_scale").asDouble(3.5);
        if (guidance < 1.5 || guidance > 10) {
            problems.add(new String[] {"input.guidance_scale", "must be a number from 1.5 to 10"});
        }
        String format = in.path("output_format").asText("jpeg");
        if (!format.equals("jpeg") && !format.equals("png")) {
            problems.add(new String[] {"input.output_format", "must be one of jpeg, png"});
        }
        if (in.has("seed") && !in.get("seed").isIntegralNumber()) {
            problems.add(new String[] {"input.seed", "must be an integer"});
        }
        List<Reference> refs = new ArrayList<>();
        for (JsonNode u : in.path("image_urls")) {
            try {
                refs.add(SimHttp.dataUri(u.asText(null)));
            } catch (ImageDecodeException e) {
                problems.add(new String[] {"input.image_urls", "an entry is not an image: " + e.getMessage()});
            }
        }
        if (body.has("callback_url") && !body.get("callback_url").isTextual()) {
            problems.add(new String[] {"callback_url", "must be a string"});
        }
        GenerationRequest request = null;
        if (problems.isEmpty()) {
            try {
                request = new GenerationRequest(in.get("prompt").asText(), in.path("seed").asLong(42), steps, guidance,
                        size[0], size[1], refs, OutputFormat.parse(format), false, 2);
            } catch (InvalidRequestException e) {
                problems.add(new String[] {"input." + e.field(), e.getMessage()});
            }
        }
        if (!problems.isEmpty()) {
            error(ex, 422, "VALIDATION_ERROR", "Input validation failed.", problems);
            return;
        }
        double cost = cost(request);
        synchronized (this) {
            if (cost > balance) {
                error(ex, 402, "INSUFFICIENT_CREDIT", "Account balance is too low. Top up.", null);
                return;
            }
            balance -= cost;
        }
        creates.incrementAndGet();
        String prompt = request.prompt().toLowerCase(Locale.ROOT);
        String failCode = contains(prompt, config.moderateWord()) ? "CONTENT_POLICY_VIOLATION"
                : contains(prompt, config.failWord()) ? "PROVIDER_ERROR" : null;
        String failMessage = failCode == null ? null : failCode.startsWith("CONTENT")
                ? "NSFW content detected by the safety checker" : "upstream provider returned an error (simulated)";
        GenerationRequest toRender = request;
        CompletableFuture<GenerationResult> render = failCode != null ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> SimHttp.render(engine, toRender));
        String id = UUID.randomUUID().toString();
        long latency = config.latency(steps, size[0] * (double) size[1] / 1_000_000.0).toMillis();
        Run run = new Run(id, Instant.now(), latency, request, failMessage, failCode, cost, render);
        runs.put(id, run);
        SimHttp.send(ex, 201, Json.write(describe(run, "queued")));
    }

    private void poll(HttpExchange ex, String id) throws IOException {
        polls.incrementAndGet();
        Run run = runs.get(id);
        if (run == null) {
            error(ex, 404, "RUN_NOT_FOUND", "The run_id does not exist or belongs to another org.", null);
            return;
        }
        long elapsed = java.time.Duration.between(run.created(), Instant.now()).toMillis();
        String status = elapsed < run.latencyMillis() / 10 ? "queued" : elapsed < run.latencyMillis() / 5 ? "dispatching"
                : elapsed < run.latencyMillis() || !run.render().isDone() ? "running"
                : run.failure() != null || run.render().isCompletedExceptionally() ? "failed" : "succeeded";
        SimHttp.send(ex, 200, Json.write(describe(run, status)));
    }

    private ObjectNode describe(Run run, String status) {
        ObjectNode o = Json.object();
        o.put("id", run.id());
        o.put("target_type", "model");
        o.put("status_code", status);
        o.put("created_at", run.created().toString());
        ObjectNode input = o.putObject("input");
        input.put("prompt", run.request().prompt());
        if (status.equals("succeeded")) {
            ObjectNode out = o.putObject("output");
            GenerationResult r = run.render().join();
            out.putArray("images").addObject().put("url", baseUrl() + "files/" + run.id() + ".png?X-Amz-Signature=sim")
                    .put("width", r.width()).put("height", r.height()).put("content_type", r.mediaType());
            out.put("seed", run.request().seed());
            o.put("cost", String.format(Locale.ROOT, "%.4f", run.cost()));
            o.put("duration_ms", run.latencyMillis());
        } else if (status.equals("failed")) {
            o.putNull("output");
            o.put("failure_code", run.failureCode() == null ? "INTERNAL_ERROR" : run.failureCode());
            o.put("failure_stage_code", "execute");
            o.put("failure_message", run.failure() == null ? "the render failed (simulated)" : run.failure());
        } else {
            o.putNull("output");
        }
        return o;
    }

    private void file(HttpExchange ex, String id) throws IOException {
        Run run = runs.get(id);
        GenerationResult r = run == null ? null : run.render().getNow(null);
        if (r == null) {
            SimHttp.send(ex, 404, "<Error><Code>NoSuchKey</Code></Error>".getBytes(), "application/xml");
            return;
        }
        SimHttp.send(ex, 200, r.image(), r.mediaType());
    }

    private static int[] size(JsonNode n, List<String[]> problems) {
        if (n == null || n.isNull()) {
            return new int[] {1024, 768}; // fal-style default, landscape_4_3
        }
        if (n.isTextual() && PRESETS.containsKey(n.asText())) {
            return PRESETS.get(n.asText());
        }
        if (n.isObject() && n.path("width").isIntegralNumber() && n.path("height").isIntegralNumber()) {
            return new int[] {n.get("width").asInt(), n.get("height").asInt()};
        }
        problems.add(new String[] {"input.image_size", "must be a preset (" + String.join(", ", PRESETS.keySet())
                + ") or {width, height}"});
        return new int[] {1024, 768};
    }

    private static int integer(JsonNode in, String field, int fallback, int min, int max, List<String[]> problems) {
        JsonNode n = in.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isIntegralNumber() || n.asInt() < min || n.asInt() > max) {
            problems.add(new String[] {"input." + field, "must be an integer from " + min + " to " + max});
            return fallback;
        }
        return n.asInt();
    }

    /** $0.05 per megapixel of output and of each input, rounded up: the flex model page. */
    private static double cost(GenerationRequest r) {
        int mp = MegapixelPricing.megapixelsRoundedUp(r.width(), r.height());
        for (Reference ref : r.references()) {
            mp += MegapixelPricing.megapixelsRoundedUp(ref.width(), ref.height());
        }
        return mp * 0.05;
    }

    private static boolean contains(String prompt, String word) {
        return word != null && !word.isBlank() && prompt.contains(word.toLowerCase(Locale.ROOT));
    }

    private static void error(HttpExchange ex, int status, String code, String message, List<String[]> fields)
            throws IOException {
        ObjectNode o = Json.object();
        o.put("code", code);
        o.put("message", message);
        if (fields == null) {
            o.putNull("errors");
        } else {
            ArrayNode errors = o.putArray("errors");
            fields.forEach(f -> errors.addObject().put("field", f[0]).put("message", f[1]));
        }
        SimHttp.send(ex, status, Json.write(o));
    }
}
