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
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for api.bfl.ai on 127.0.0.1 only: the FLUX.2 [flex] submit / get_result / signed-result /
 * credits shapes of providers.md §1, rendered by the offline engine, with a latency model and injected
 * faults. Tests and benchmarks run the real {@code BflProvider} against it; nothing leaves the machine.
 */
public final class BflSimulator implements AutoCloseable {
    private final SimulatorConfig config;
    /** The latency model's clock: real time, or a test's virtual one. */
    private final java.util.function.LongSupplier nanos;
    private final java.util.Set<String> answeredReady = ConcurrentHashMap.newKeySet();
    private final HttpServer server;
    private final ExecutorService renderers;
    private final OfflineProvider engine = new OfflineProvider();
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger submits = new AtomicInteger();
    private final AtomicInteger polls = new AtomicInteger();
    private final AtomicInteger downloads = new AtomicInteger();
    private final AtomicLong creditsCents = new AtomicLong(100_000);

    private static final class Task {
        final String id;
        final long createdNanos;
        final long readyNanos;
        final boolean moderated;
        final CompletableFuture<GenerationResult> render;
        final long seed;
        final String prompt;

        Task(String id, long createdNanos, long readyNanos, boolean moderated, CompletableFuture<GenerationResult> render,
                long seed, String prompt) {
            this.id = id;
            this.createdNanos = createdNanos;
            this.readyNanos = readyNanos;
            this.moderated = moderated;
            this.render = render;
            this.seed = seed;
            this.prompt = prompt;
        }
    }

    private BflSimulator(SimulatorConfig config, java.util.function.LongSupplier nanos) throws IOException {
        this.config = config;
        this.nanos = nanos;
        this.renderers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "bfl-simulator-render");
            t.setDaemon(true);
            return t;
        });
        this.server = SimHttp.start(config.port(), "bfl-simulator-http", this::handle); // last: it serves at once
    }

    /** Starts on 127.0.0.1 at {@code config.port()} (0 picks a free port). */
    public static BflSimulator start(SimulatorConfig config) throws IOException {
        return start(config, System::nanoTime);
    }

    /** As {@link #start(SimulatorConfig)}, its latencies measured on {@code nanos} (a test's virtual clock). */
    public static BflSimulator start(SimulatorConfig config, java.util.function.LongSupplier nanos) throws IOException {
        return new BflSimulator(config, nanos);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL to give {@code DRAFTBOARD_BFL_BASE_URL}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/";
    }

    public int submits() {
        return submits.get();
    }

    public int polls() {
        return polls.get();
    }

    public int downloads() {
        return downloads.get();
    }

    /** Tasks accepted and charged. */
    public int acceptedTasks() {
        return tasks.size();
    }

    /** What the accepted tasks have been billed, in US cents (moderated ones are not billed on the real API either). */
    public long billedCents() {
        return 100_000 - creditsCents.get();
    }

    /** Accepted tasks whose latency has run out by now (their poll answers Ready once rendered). */
    public int dueTasks() {
        long now = nanos.getAsLong();
        return (int) tasks.values().stream().filter(t -> now >= t.readyNanos).count();
    }

    /** Tasks a poll has answered "Ready" (or moderated, or failed) for: the client has its outcome. */
    public int answeredTasks() {
        return answeredReady.size();
    }

    /** Accepted tasks whose result is not ready yet: a poll for them would answer "Pending". */
    public int pendingTasks() {
        long now = nanos.getAsLong();
        return (int) tasks.values().stream().filter(t -> now < t.readyNanos || !t.render.isDone()).count();
    }

    @Override
    public void close() {
        SimHttp.stop(server);
        renderers.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            int n = requests.incrementAndGet();
            if (n <= config.failFirst()) {
                send(ex, 503, "{\"detail\":\"Service temporarily unavailable (simulated)\"}");
                return;
            }
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.startsWith("/results/") && method.equals("GET")) {
                result(ex, path);
                return;
            }
            String key = ex.getRequestHeaders().getFirst("x-key");
            if (key == null || key.isBlank()) {
                send(ex, 403, "{\"detail\":\"Not authenticated\"}");
                return;
            }
            if (config.requiredKey() != null && !config.requiredKey().equals(key)) {
                send(ex, 401, "{\"detail\":\"Invalid API key\"}");
                return;
            }
            if (path.equals("/v1/flux-2-flex") && method.equals("POST")) {
                submit(ex);
            } else if (path.equals("/v1/get_result") && method.equals("GET")) {
                poll(ex);
            } else if (path.equals("/v1/credits") && method.equals("GET")) {
                send(ex, 200, "{\"credits\":" + creditsCents.get() / 100.0 + "}");
            } else {
                send(ex, 404, "{\"detail\":\"Not Found\"}");
            }
        } catch (RuntimeException e) {
            send(ex, 500, "{\"detail\":\"simulator error: " + e.getClass().getSimpleName() + "\"}");
        }
    }

    private void submit(HttpExchange ex) throws IOException {
        int number = submits.incrementAndGet();
        if (config.rateLimitEvery() > 0 && number % config.rateLimitEvery() == 0) {
            ex.getResponseHeaders().set("Retry-After", Long.toString(Math.max(0, config.retryAfter().toSeconds())));
            send(ex, 429, "{\"error\":\"rate_limit_exceeded\",\"message\":\"simulated rate limit\"}");
            return;
        }
        long active = tasks.values().stream().filter(t -> nanos.getAsLong() < t.readyNanos).count();
        if (active >= config.maxActiveTasks()) {
            send(ex, 429, "{\"detail\":\"Too many active tasks\"}");
            return;
        }
        JsonNode body = Json.parseOrNull(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (body == null || !body.hasNonNull("prompt")) {
            send(ex, 422, "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"prompt\"],\"msg\":\"Field required\"}]}");
            return;
        }
        GenerationRequest request;
        try {
            request = new GenerationRequest(body.get("prompt").asText(), body.path("seed").asLong(42),
                    body.path("steps").asInt(50), body.path("guidance").asDouble(5.0), body.path("width").asInt(1024),
                    body.path("height").asInt(1024), references(body),
                    OutputFormat.parse(body.path("output_format").asText("jpeg")),
                    body.path("prompt_upsampling").asBoolean(true), body.path("safety_tolerance").asInt(2));
        } catch (InvalidRequestException | ImageDecodeException e) {
            ObjectNode err = Json.object();
            ArrayNode detail = err.putArray("detail");
            String field = e instanceof InvalidRequestException ire ? ire.field() : "input_image";
            detail.addObject().put("type", "value_error").put("msg", e.getMessage()).putArray("loc").add("body").add(field);
            send(ex, 422, Json.write(err));
            return;
        }
        double outputMp = request.width() * (double) request.height() / 1_000_000.0;
        int billedMp = MegapixelPricing.megapixelsRoundedUp(request.width(), request.height());
        for (Reference r : request.references()) {
            billedMp += MegapixelPricing.megapixelsRoundedUp(r.width(), r.height());
        }
        long cents = 5L * billedMp;
        creditsCents.addAndGet(-cents);
        String id = UUID.randomUUID().toString();
        long now = nanos.getAsLong();
        boolean moderated = config.moderateWord() != null
                && request.prompt().toLowerCase(Locale.ROOT).contains(config.moderateWord().toLowerCase(Locale.ROOT));
        GenerationRequest toRender = request;
        CompletableFuture<GenerationResult> render = moderated ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> SimHttp.render(engine, toRender), renderers);
        tasks.put(id, new Task(id, now, now + config.latency(request.steps(), outputMp).toNanos(), moderated, render,
                request.seed(), request.prompt()));
        ObjectNode answer = Json.object();
        answer.put("id", id);
        answer.put("polling_url", baseUrl() + "v1/get_result?id=" + id);
        answer.put("cost", (double) cents);
        answer.put("input_mp", Math.round(inputMp(request) * 100) / 100.0);
        answer.put("output_mp", Math.round(outputMp * 100) / 100.0);
        send(ex, 200, Json.write(answer));
    }

    private static double inputMp(GenerationRequest r) {
        return r.references().stream().mapToDouble(Reference::megapixels).sum();
    }

    private static List<Reference> references(JsonNode body) throws ImageDecodeException {
        List<Reference> refs = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            JsonNode v = body.get(i == 1 ? "input_image" : "input_image_" + i);
            if (v == null || v.isNull()) {
                continue;
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(v.asText());
            } catch (IllegalArgumentException e) {
                throw new ImageDecodeException("input_image" + (i == 1 ? "" : "_" + i) + " is not base64");
            }
            refs.add(SimHttp.reference(bytes));
        }
        return refs;
    }

    private void poll(HttpExchange ex) throws IOException {
        polls.incrementAndGet();
        String id = query(ex.getRequestURI(), "id");
        Task task = id == null ? null : tasks.get(id);
        if (task == null) {
            send(ex, 404, "{\"id\":\"" + (id == null ? "" : id) + "\",\"status\":\"Task not found\",\"result\":null,"
                    + "\"progress\":null,\"details\":null,\"preview\":null}");
            return;
        }
        long now = nanos.getAsLong();
        ObjectNode o = Json.object();
        o.put("id", task.id);
        if (now < task.readyNanos || !task.render.isDone()) {
            double progress = Math.min(0.99, (now - task.createdNanos) / (double) (task.readyNanos - task.createdNanos));
            o.put("status", "Pending").putNull("result").put("progress", Math.round(progress * 100) / 100.0);
        } else if (task.moderated) {
            answeredReady.add(task.id);
            o.put("status", "Request Moderated").putNull("result").putNull("progress");
            o.putObject("details").putArray("Moderation Reasons").add("Simulated moderation");
        } else if (task.render.isCompletedExceptionally()) {
            answeredReady.add(task.id);
            o.put("status", "Error").putNull("result").putObject("details").put("error", "simulated render failure");
        } else {
            long expires = System.currentTimeMillis() + config.resultUrlTtl().toMillis();
            answeredReady.add(task.id);
            o.put("status", "Ready").putNull("progress");
            ObjectNode result = o.putObject("result");
            result.put("sample", baseUrl() + "results/" + task.id + "/sample.png?se=" + expires + "&sig=simulated");
            result.put("prompt", task.prompt);
            result.put("seed", task.seed);
            result.put("duration", (task.readyNanos - task.createdNanos) / 1e9);
        }
        if (!o.has("details")) {
            o.putNull("details");
        }
        o.putNull("preview");
        send(ex, 200, Json.write(o));
    }

    private void result(HttpExchange ex, String path) throws IOException {
        downloads.incrementAndGet();
        String[] parts = path.split("/");
        Task task = parts.length >= 3 ? tasks.get(parts[2]) : null;
        String se = query(ex.getRequestURI(), "se");
        if (task == null || task.render.getNow(null) == null) {
            send(ex, 404, "<Error><Code>BlobNotFound</Code></Error>", "application/xml");
            return;
        }
        if (se == null || System.currentTimeMillis() > Long.parseLong(se)) {
            send(ex, 403, "<Error><Code>AuthenticationFailed</Code><Message>Signed expiry time has passed</Message></Error>",
                    "application/xml");
            return;
        }
        byte[] png = task.render.join().image();
        ex.getResponseHeaders().set("Content-Type", "image/png");
        ex.sendResponseHeaders(200, png.length);
        try (OutputStream out = ex.getResponseBody()) {
            if (config.slowDownload().isZero()) {
                out.write(png);
                return;
            }
            int chunks = 10;
            int size = (png.length + chunks - 1) / chunks;
            for (int off = 0; off < png.length; off += size) {
                out.write(png, off, Math.min(size, png.length - off));
                out.flush();
                sleep(config.slowDownload().dividedBy(chunks));
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String query(URI uri, String name) {
        String q = uri.getRawQuery();
        if (q == null) {
            return null;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void send(HttpExchange ex, int code, String body) throws IOException {
        SimHttp.send(ex, code, body);
    }

    private static void send(HttpExchange ex, int code, String body, String type) throws IOException {
        SimHttp.send(ex, code, body.getBytes(StandardCharsets.UTF_8), type);
    }
}
