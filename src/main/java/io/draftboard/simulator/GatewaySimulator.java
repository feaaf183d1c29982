package io.draftboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible images gateway on 127.0.0.1, written from OpenAI's images API and the gateways' docs
 * (providers.md §2, aigateway.sh/docs/async-jobs): a Bearer token, {@code model} and {@code prompt} required, one
 * image per request, {@code size} "WxH" (FLUX fields such as {@code steps} honoured when sent), edits as multipart
 * with real image parts, errors as {@code {error: {message, type, param, code}}}. With async jobs it answers 202
 * and serves {@code /v1/jobs/{id}}, answering 304 to polls less than 3 s apart, as AIgateway says it does.
 */
public final class GatewaySimulator implements AutoCloseable {
    private static final Duration POLL_GAP = Duration.ofSeconds(3);
    private final GatewaySimulatorConfig config;
    private final HttpServer server;
    private final OfflineProvider engine = new OfflineProvider();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicInteger generations = new AtomicInteger();
    private final AtomicInteger notModified = new AtomicInteger();

    private static final class Job {
        final Instant created = Instant.now();
        final long latencyMillis;
        final CompletableFuture<GenerationResult> render;
        final String failCode;
        final double cost;
        volatile Instant lastPoll;

        Job(long latencyMillis, CompletableFuture<GenerationResult> render, String failCode, double cost) {
            this.latencyMillis = latencyMillis;
            this.render = render;
            this.failCode = failCode;
            this.cost = cost;
        }
    }

    private GatewaySimulator(GatewaySimulatorConfig config) throws IOException {
        this.config = config;
        this.server = SimHttp.start(config.port(), "gateway-simulator", this::handle);
    }

    public static GatewaySimulator start(GatewaySimulatorConfig config) throws IOException {
        return new GatewaySimulator(config);
    }

    /** The base URL a gateway entry takes, API version included. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/";
    }

    /** Generations accepted (each billed). */
    public int generations() {
        return generations.get();
    }

    /** Polls answered 304 for coming sooner than 3 s after the last. */
    public int notModified() {
        return notModified.get();
    }

    @Override
    public void close() {
        SimHttp.stop(server);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.startsWith("/v1/files/") && method.equals("GET")) { // signed links: no key
                Job job = jobs.get(path.substring("/v1/files/".length()).replace(".png", ""));
                GenerationResult r = job == null ? null : job.render.getNow(null);
                if (r == null) {
                    error(ex, 404, "file not found", "invalid_request_error", null, "not_found");
                } else {
                    SimHttp.send(ex, 200, r.image(), r.mediaType());
                }
                return;
            }
            String token = SimHttp.bearer(ex);
            if (token == null || (config.requiredKey() != null && !config.requiredKey().equals(token))) {
                error(ex, 401, "Incorrect API key provided.", "invalid_request_error", null, "invalid_api_key");
            } else if (method.equals("POST") && path.equals("/v1/images/generations")) {
                JsonNode body = Json.parseOrNull(SimHttp.body(ex));
                generate(ex, body instanceof ObjectNode o ? fields(o) : null, List.of());
            } else if (method.equals("POST") && path.equals("/v1/images/edits")) {
                edit(ex);
            } else if (method.equals("GET") && path.startsWith("/v1/jobs/") && config.asyncJobs()) {
                poll(ex, path.substring("/v1/jobs/".length()));
            } else {
                error(ex, 404, "Unknown route " + method + " " + path, "invalid_request_error", null, "not_found");
            }
        } catch (RuntimeException e) {
            error(ex, 500, "simulator error: " + e.getClass().getSimpleName(), "server_error", null, null);
        }
    }

    private static Map<String, String> fields(ObjectNode o) {
        Map<String, String> m = new HashMap<>();
        o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : null));
        return m;
    }

    private void edit(HttpExchange ex) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        List<Multipart.Part> parts;
        try {
            parts = Multipart.parse(type, ex.getRequestBody().readAllBytes());
        } catch (IllegalArgumentException e) {
            error(ex, 400, "edits take multipart/form-data: " + e.getMessage(), "invalid_request_error", null, null);
            return;
        }
        Map<String, String> f = new HashMap<>();
        List<Reference> refs = new ArrayList<>();
        for (Multipart.Part p : parts) {
            if (p.filename() == null) {
                f.put(p.name(), new String(p.bytes(), StandardCharsets.UTF_8));
            } else if (p.name().equals("image") || p.name().equals("image[]")) {
                if (p.contentType() == null || !p.contentType().startsWith("image/")) {
                    error(ex, 400, "Invalid file type for 'image': " + p.contentType(), "invalid_request_error",
                            "image", "invalid_image_format");
                    return;
                }
                try {
                    refs.add(SimHttp.reference(p.bytes()));
                } catch (ImageDecodeException e) {
                    error(ex, 400, "Invalid image file: " + e.getMessage(), "invalid_request_error", "image", null);
                    return;
                }
            }
        }
        if (refs.isEmpty()) {
            error(ex, 400, "Missing required parameter: 'image'.", "invalid_request_error", "image", null);
            return;
        }
        generate(ex, f, refs);
    }

    private void generate(HttpExchange ex, Map<String, String> f, List<Reference> refs) throws IOException {
        if (f == null) {
            error(ex, 400, "The body must be a JSON object.", "invalid_request_error", null, null);
            return;
        }
        String prompt = f.get("prompt");
        if (prompt == null || prompt.isBlank()) {
            error(ex, 400, "Missing required parameter: 'prompt'.", "invalid_request_error", "prompt", null);
            return;
        }
        if (f.get("model") == null) {
            error(ex, 400, "Missing required parameter: 'model'.", "invalid_request_error", "model", null);
            return;
        }
        if (!config.model().equals(f.get("model"))) {
            error(ex, 404, "The model '" + f.get("model") + "' does not exist.", "invalid_request_error", "model",
                    "model_not_found");
            return;
        }
        GenerationRequest r;
        try {
            if (f.get("n") != null && !f.get("n").equals("1")) {
                throw new InvalidRequestException("n", "this model makes one image per request; n must be 1");
            }
            String[] size = f.getOrDefault("size", "1024x1024").split("[x:]");
            int w = f.get("width") != null ? Integer.parseInt(f.get("width")) : Integer.parseInt(size[0]);
            int h = f.get("height") != null ? Integer.parseInt(f.get("height")) : Integer.parseInt(size[1]);
            r = new GenerationRequest(prompt, Long.parseLong(f.getOrDefault("seed", "42")),
                    Integer.parseInt(f.getOrDefault("steps", "50")), Double.parseDouble(f.getOrDefault("guidance", "5")),
                    w, h, refs, OutputFormat.parse(f.getOrDefault("output_format", "png")), false, 2);
        } catch (InvalidRequestException e) {
            error(ex, 400, e.getMessage(), "invalid_request_error", e.field(), null);
            return;
        } catch (RuntimeException e) {
            error(ex, 400, "Invalid value: " + e.getMessage(), "invalid_request_error", null, null);
            return;
        }
        String lower = prompt.toLowerCase(Locale.ROOT);
        String failCode = has(lower, config.moderateWord()) ? "content_policy_violation"
                : has(lower, config.failWord()) ? "upstream_error" : null;
        if (failCode != null && !config.asyncJobs()) {
            boolean policy = failCode.startsWith("content");
            error(ex, policy ? 400 : 502, policy ? "Your request was rejected by the safety system."
                    : "All providers for this model failed (simulated).", policy ? "invalid_request_error"
                            : "server_error", null, failCode);
            return;
        }
        generations.incrementAndGet();
        int mp = MegapixelPricing.megapixelsRoundedUp(r.width(), r.height());
        for (Reference ref : refs) {
            mp += MegapixelPricing.megapixelsRoundedUp(ref.width(), ref.height());
        }
        long latency = config.latency(r.steps(), r.width() * (double) r.height() / 1_000_000.0).toMillis();
        CompletableFuture<GenerationResult> render = failCode != null ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> SimHttp.render(engine, r));
        Job job = new Job(latency, render, failCode, mp * 0.05);
        String id = "job_" + UUID.randomUUID().toString().replace("-", "");
        jobs.put(id, job);
        if (config.asyncJobs()) {
            job.lastPoll = job.created;
            SimHttp.send(ex, 202, "{\"id\":\"" + id + "\",\"status\":\"queued\",\"object\":\"job\"}");
            return;
        }
        sleep(latency);
        ObjectNode answer = Json.object();
        answer.put("created", Instant.now().getEpochSecond());
        ObjectNode image = answer.putArray("data").addObject();
        if ("url".equals(f.getOrDefault("response_format", "url"))) {
            image.put("url", baseUrl() + "files/" + id + ".png");
        } else {
            image.put("b64_json", Base64.getEncoder().encodeToString(render.join().image()));
        }
        cost(answer, job);
        SimHttp.send(ex, 200, Json.write(answer));
    }

    private void poll(HttpExchange ex, String id) throws IOException {
        Job job = jobs.get(id);
        if (job == null) {
            error(ex, 404, "No job " + id, "invalid_request_error", null, "not_found");
            return;
        }
        Instant now = Instant.now();
        if (job.lastPoll != null && Duration.between(job.lastPoll, now).compareTo(POLL_GAP) < 0) {
            notModified.incrementAndGet();
            SimHttp.send(ex, 304, new byte[0], "application/json");
            return;
        }
        job.lastPoll = now;
        long elapsed = Duration.between(job.created, now).toMillis();
        ObjectNode o = Json.object().put("id", id).put("object", "job");
        if (elapsed < job.latencyMillis || !job.render.isDone()) {
            o.put("status", elapsed < job.latencyMillis / 5 ? "queued" : "running");
        } else if (job.failCode != null) {
            o.put("status", "failed").putObject("error").put("code", job.failCode).put("message",
                    job.failCode.startsWith("content") ? "rejected by the safety system" : "upstream provider failed");
        } else {
            o.put("status", "completed").putObject("result").put("file_url", baseUrl() + "files/" + id + ".png");
            cost(o, job);
        }
        SimHttp.send(ex, 200, Json.write(o));
    }

    private void cost(ObjectNode answer, Job job) {
        if (config.reportCost()) {
            answer.putObject("metadata").put("cost", job.cost).put("executed_model", "fal/" + config.model());
        }
    }

    private static boolean has(String prompt, String word) {
        return word != null && !word.isBlank() && prompt.contains(word.toLowerCase(Locale.ROOT));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void error(HttpExchange ex, int status, String message, String type, String param, String code)
            throws IOException {
        ObjectNode o = Json.object();
        ObjectNode e = o.putObject("error");
        e.put("message", message).put("type", type);
        if (param == null) {
            e.putNull("param");
        } else {
            e.put("param", param);
        }
        if (code == null) {
            e.putNull("code");
        } else {
            e.put("code", code);
        }
        SimHttp.send(ex, status, Json.write(o));
    }
}
