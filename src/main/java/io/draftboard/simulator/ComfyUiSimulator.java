package io.draftboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.JobCancelledException;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ModelLimits;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.Reference;
import io.draftboard.generation.Seeds;
import io.draftboard.imaging.ContentHash;
import io.draftboard.imaging.ImageCodec;
import io.draftboard.imaging.ImageDecodeException;
import io.draftboard.imaging.ImageInfo;
import io.draftboard.imaging.PngWriter;
import io.draftboard.imaging.Resize;
import io.draftboard.json.Json;
import io.draftboard.provider.offline.OfflineProvider;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * A stand-in for a ComfyUI server on 127.0.0.1, written from ComfyUI's {@code server.py}, {@code execution.py} and
 * {@code main.py}: {@code POST /prompt} validates the API-format graph as ComfyUI does ({@link ComfyNodes}) and
 * queues it; one worker executes prompts in queue order, rendering FLUX.2's sampler nodes with the offline engine
 * step by step, and tells the prompt's client over a real websocket ({@code /ws?clientId=}) what ComfyUI
 * would: {@code status}, {@code execution_start}, {@code execution_cached}, {@code executing}, {@code progress},
 * binary preview frames, {@code executed}, {@code execution_success} / {@code execution_error} /
 * {@code execution_interrupted}. Also {@code /queue} (list, delete, clear), {@code /interrupt} (global or by
 * prompt id), {@code /history}, {@code /view}, {@code /upload/image}, {@code /object_info}, {@code /models},
 * {@code /system_stats}, each under {@code /api} too. It can lose its queue in a restart, as ComfyUI does.
 */
public final class ComfyUiSimulator implements AutoCloseable {
    private static final Comparator<Item> QUEUE_ORDER = Comparator.comparingDouble(Item::number).thenComparingLong(Item::seq);

    private final ComfyUiSimulatorConfig config;
    private final SocketServer server;
    private final OfflineProvider engine = new OfflineProvider();

    /** Guards the queue, the running item, the history and the files: ComfyUI's PromptQueue mutex. */
    private final Object lock = new Object();
    private final PriorityQueue<Item> queue = new PriorityQueue<>(QUEUE_ORDER);
    private Item running;
    private final Map<String, ObjectNode> history = new LinkedHashMap<>();
    private final Map<String, Map<String, byte[]>> files = Map.of("input", new LinkedHashMap<>(), "output",
            new LinkedHashMap<>(), "temp", new LinkedHashMap<>());
    private double number;
    private long seq;
    private int epoch;
    private int saved;
    private volatile boolean closed;

    private final Map<String, SocketServer.WebSocket> sockets = new ConcurrentHashMap<>();
    private volatile String clientId;
    private volatile String lastNodeId;
    private final AtomicBoolean interrupt = new AtomicBoolean();
    private final Object pause = new Object();
    private final Thread worker;

    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger deleted = new AtomicInteger();
    private final AtomicInteger interrupted = new AtomicInteger();
    private final AtomicInteger previews = new AtomicInteger();
    private final AtomicInteger uploads = new AtomicInteger();
    private volatile ObjectNode lastPrompt;

    private record Item(double number, long seq, String promptId, ObjectNode prompt, ObjectNode extraData,
            List<String> outputs) {
        ArrayNode asJson() {
            ArrayNode a = Json.MAPPER.createArrayNode();
            if (number == Math.rint(number)) {
                a.add((long) number);
            } else {
                a.add(number);
            }
            a.add(promptId);
            a.add(prompt);
            a.add(extraData);
            ArrayNode outs = a.addArray();
            outputs.forEach(outs::add);
            return a;
        }
    }

    private ComfyUiSimulator(ComfyUiSimulatorConfig config) {
        this.config = config;
        this.server = new SocketServer(InetAddress.getLoopbackAddress(), this::handle);
        this.worker = new Thread(this::work, "comfyui-simulator-worker");
        this.worker.setDaemon(true);
    }

    /** Starts on 127.0.0.1 at {@code config.port()} (0 picks a free port). */
    public static ComfyUiSimulator start(ComfyUiSimulatorConfig config) throws IOException {
        ComfyUiSimulator sim = new ComfyUiSimulator(config);
        sim.server.listen(config.port());
        sim.worker.start();
        return sim;
    }

    public int port() {
        return server.port();
    }

    /** The base URL to give {@code DRAFTBOARD_COMFYUI_BASE_URL}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/";
    }

    /** Prompts accepted by {@code POST /prompt}. */
    public int accepted() {
        return accepted.get();
    }

    /** Prompts refused by validation (HTTP 400). */
    public int refused() {
        return refused.get();
    }

    /** Prompts removed from the queue by {@code POST /queue} delete before they ran. */
    public int deletedFromQueue() {
        return deleted.get();
    }

    /** Prompts that ended interrupted. */
    public int interruptedPrompts() {
        return interrupted.get();
    }

    public int previewFrames() {
        return previews.get();
    }

    public int uploads() {
        return uploads.get();
    }

    /** The graph of the last {@code POST /prompt}, accepted or not. */
    public ObjectNode lastPrompt() {
        ObjectNode p = lastPrompt;
        return p == null ? null : p.deepCopy();
    }

    /** Prompts waiting in the queue (not running). */
    public int pendingPrompts() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** Whether the history has {@code promptId} (it ran, in any way). */
    public boolean ran(String promptId) {
        synchronized (lock) {
            return history.containsKey(promptId);
        }
    }

    /** The history entry of {@code promptId}, or null. */
    public ObjectNode historyEntry(String promptId) {
        synchronized (lock) {
            ObjectNode e = history.get(promptId);
            return e == null ? null : e.deepCopy();
        }
    }

    /** Waits until nothing is queued or running; false if that took longer than {@code timeout}. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!queue.isEmpty() || running != null) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** Waits until exactly {@code n} prompts are waiting in the queue; false on timeout. */
    public boolean awaitPending(int n, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (queue.size() != n) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** Waits until a prompt is running; false on timeout. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (running == null) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /**
     * A ComfyUI restart: connections drop, the queue, the running prompt, the history and the temp folder are
     * gone (ComfyUI keeps them in memory and cleans temp at start), then it listens again on the same port after
     * {@code downtime}. Uploaded inputs and saved outputs stay on disk, as they do.
     */
    public void restart(Duration downtime) throws IOException, InterruptedException {
        server.stopListening();
        sockets.values().forEach(SocketServer.WebSocket::close);
        sockets.clear();
        synchronized (lock) {
            epoch++;
            queue.clear();
            running = null;
            history.clear();
            files.get("temp").clear();
            number = 0;
            lock.notifyAll();
        }
        stopRender();
        if (!downtime.isZero()) {
            Thread.sleep(downtime.toMillis());
        }
        server.listen(port());
    }

    @Override
    public void close() {
        closed = true;
        stopRender();
        synchronized (lock) {
            epoch++;
            lock.notifyAll();
        }
        server.close();
        worker.interrupt();
    }

    private void stopRender() {
        interrupt.set(true);
        synchronized (pause) {
            pause.notifyAll();
        }
    }

    // ---- HTTP ----

    private SocketServer.Answer handle(SocketServer.Request r) throws IOException {
        if (config.requiredToken() != null
                && !("Bearer " + config.requiredToken()).equals(r.header("authorization"))) {
            return SocketServer.Response.json(401, "{\"error\":\"unauthorized (simulated auth proxy)\"}");
        }
        String path = r.path().startsWith("/api/") ? r.path().substring(4) : r.path();
        String method = r.method();
        if (path.equals("/ws") && method.equals("GET")) {
            if (!config.websocket()) {
                return SocketServer.Response.json(403, "{\"error\":\"websockets are not allowed here (simulated proxy)\"}");
            }
            String sid = r.query().getOrDefault("clientId", "");
            String id = sid.isEmpty() ? UUID.randomUUID().toString().replace("-", "") : sid;
            return new SocketServer.Upgrade(ws -> opened(id, ws), ws -> sockets.remove(id, ws));
        }
        return switch (method + " " + route(path)) {
            case "GET /" -> new SocketServer.Response(200, "text/plain; charset=utf-8",
                    "Draftboard's ComfyUI stand-in\n".getBytes(StandardCharsets.UTF_8));
            case "GET /prompt" -> json(200, queueInfo());
            case "POST /prompt" -> prompt(r);
            case "GET /queue" -> json(200, queueListing());
            case "POST /queue" -> queuePost(r);
            case "POST /interrupt" -> interruptPost(r);
            case "GET /history" -> historyGet(r, null);
            case "GET /history/{id}" -> historyGet(r, path.substring("/history/".length()));
            case "POST /history" -> historyPost(r);
            case "GET /view" -> view(r);
            case "POST /upload/image" -> upload(r);
            case "GET /object_info" -> json(200, nodes().objectInfo());
            case "GET /object_info/{class}" -> json(200, nodes().objectInfo(path.substring("/object_info/".length())));
            case "GET /models" -> json(200, modelFolders());
            case "GET /models/{folder}" -> models(path.substring("/models/".length()));
            case "GET /system_stats" -> json(200, systemStats());
            default -> SocketServer.Response.empty(path.matches("/(prompt|queue|interrupt|history|view|upload/image|"
                    + "object_info|models|system_stats).*") ? 405 : 404);
        };
    }

    private static String route(String path) {
        if (path.startsWith("/history/") && path.length() > 9) {
            return "/history/{id}";
        }
        if (path.startsWith("/object_info/") && path.length() > 13) {
            return "/object_info/{class}";
        }
        if (path.startsWith("/models/") && path.length() > 8) {
            return "/models/{folder}";
        }
        return path;
    }

    private static SocketServer.Response json(int status, JsonNode body) {
        return SocketServer.Response.json(status, Json.write(body));
    }

    private ComfyNodes nodes() {
        List<String> inputs;
        synchronized (lock) {
            inputs = List.copyOf(files.get("input").keySet());
        }
        return new ComfyNodes(config.models(), config.missingNodes(), inputs, name -> {
            synchronized (lock) {
                return files.get("input").containsKey(name);
            }
        });
    }

    private SocketServer.Response prompt(SocketServer.Request r) {
        JsonNode body = Json.parseOrNull(new String(r.body(), StandardCharsets.UTF_8));
        if (body == null || !body.isObject()) {
            return SocketServer.Response.json(400, "{\"error\":\"invalid JSON\"}");
        }
        if (!body.path("prompt").isObject()) {
            refused.incrementAndGet();
            ObjectNode out = Json.object();
            out.putObject("error").put("type", "no_prompt").put("message", "No prompt provided")
                    .put("details", "No prompt provided").putObject("extra_info");
            out.putObject("node_errors");
            return json(400, out);
        }
        String promptId = UUID.randomUUID().toString();
        JsonNode chosen = body.get("prompt_id");
        if (chosen != null && !chosen.isNull()) {
            String c = chosen.asText();
            if (!c.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
                refused.incrementAndGet();
                ObjectNode out = Json.object();
                out.putObject("error").put("type", "invalid_prompt_id").put("message", "prompt_id must be a valid UUID")
                        .put("details", "prompt_id must be a UUID string in canonical lowercase hyphenated form; omit it "
                                + "to let the server generate one").putObject("extra_info");
                out.putObject("node_errors");
                return json(400, out);
            }
            promptId = c;
        }
        ObjectNode graph = ((ObjectNode) body.get("prompt")).deepCopy();
        lastPrompt = graph.deepCopy();
        ComfyNodes.Validation v = nodes().validate(graph);
        if (!v.ok()) {
            refused.incrementAndGet();
            ObjectNode out = Json.object();
            out.set("error", v.error());
            out.set("node_errors", v.nodeErrors());
            return json(400, out);
        }
        ObjectNode extra = body.path("extra_data").isObject() ? ((ObjectNode) body.get("extra_data")).deepCopy()
                : Json.object();
        if (body.hasNonNull("client_id")) {
            extra.put("client_id", body.get("client_id").asText());
        }
        extra.put("create_time", System.currentTimeMillis());
        double n;
        synchronized (lock) {
            if (body.has("number")) {
                n = body.get("number").asDouble();
            } else {
                n = number;
                if (body.path("front").asBoolean(false)) {
                    n = -n;
                }
                number++;
            }
            queue.add(new Item(n, seq++, promptId, graph, extra, v.outputs()));
            lock.notifyAll();
        }
        accepted.incrementAndGet();
        queueUpdated();
        ObjectNode out = Json.object();
        out.put("prompt_id", promptId);
        out.put("number", n == Math.rint(n) ? (long) n : n);
        out.set("node_errors", v.nodeErrors());
        return json(200, out);
    }

    private ObjectNode queueInfo() {
        ObjectNode info = Json.object();
        synchronized (lock) {
            info.putObject("exec_info").put("queue_remaining", queue.size() + (running != null ? 1 : 0));
        }
        return info;
    }

    private ObjectNode queueListing() {
        ObjectNode out = Json.object();
        synchronized (lock) {
            ArrayNode run = out.putArray("queue_running");
            if (running != null) {
                run.add(running.asJson());
            }
            ArrayNode pending = out.putArray("queue_pending");
            queue.stream().sorted(QUEUE_ORDER).forEach(i -> pending.add(i.asJson()));
        }
        return out;
    }

    private SocketServer.Response queuePost(SocketServer.Request r) {
        JsonNode body = Json.parseOrNull(new String(r.body(), StandardCharsets.UTF_8));
        if (body == null || !body.isObject()) {
            return SocketServer.Response.json(500, "{\"error\":\"invalid JSON\"}");
        }
        boolean changed = false;
        synchronized (lock) {
            if (body.path("clear").asBoolean(false)) {
                deleted.addAndGet(queue.size());
                changed = !queue.isEmpty();
                queue.clear();
            }
            for (JsonNode id : body.path("delete")) {
                if (queue.removeIf(i -> i.promptId.equals(id.asText()))) {
                    deleted.incrementAndGet();
                    changed = true;
                }
            }
            lock.notifyAll();
        }
        if (changed) {
            queueUpdated();
        }
        return SocketServer.Response.empty(200);
    }

    private SocketServer.Response interruptPost(SocketServer.Request r) {
        JsonNode body = Json.parseOrNull(new String(r.body(), StandardCharsets.UTF_8));
        String promptId = body == null ? null : body.path("prompt_id").asText(null);
        synchronized (lock) {
            if (promptId == null || promptId.isEmpty() || (running != null && running.promptId.equals(promptId))) {
                stopRender();
            }
        }
        return SocketServer.Response.empty(200);
    }

    private SocketServer.Response historyGet(SocketServer.Request r, String promptId) {
        ObjectNode out = Json.object();
        synchronized (lock) {
            if (promptId != null) {
                ObjectNode e = history.get(promptId);
                if (e != null) {
                    out.set(promptId, e.deepCopy());
                }
            } else {
                String max = r.query().get("max_items");
                int skip = max == null ? 0 : Math.max(0, history.size() - Integer.parseInt(max));
                int i = 0;
                for (Map.Entry<String, ObjectNode> e : history.entrySet()) {
                    if (i++ >= skip) {
                        out.set(e.getKey(), e.getValue().deepCopy());
                    }
                }
            }
        }
        return json(200, out);
    }

    private SocketServer.Response historyPost(SocketServer.Request r) {
        JsonNode body = Json.parseOrNull(new String(r.body(), StandardCharsets.UTF_8));
        synchronized (lock) {
            if (body != null && body.path("clear").asBoolean(false)) {
                history.clear();
            }
            if (body != null) {
                body.path("delete").forEach(id -> history.remove(id.asText()));
            }
        }
        return SocketServer.Response.empty(200);
    }

    private SocketServer.Response view(SocketServer.Request r) {
        String filename = r.query().get("filename");
        if (filename == null) {
            return SocketServer.Response.empty(404);
        }
        if (filename.isEmpty() || filename.startsWith("/") || filename.contains("..")) {
            return SocketServer.Response.empty(400);
        }
        String type = r.query().getOrDefault("type", "output");
        Map<String, byte[]> folder = files.get(type);
        if (folder == null) {
            return SocketServer.Response.empty(400);
        }
        String subfolder = r.query().getOrDefault("subfolder", "");
        if (subfolder.contains("..") || subfolder.startsWith("/")) {
            return SocketServer.Response.empty(403);
        }
        String base = filename.substring(filename.lastIndexOf('/') + 1);
        String key = subfolder.isEmpty() ? base : subfolder + "/" + base;
        byte[] bytes;
        synchronized (lock) {
            bytes = folder.get(key);
        }
        if (bytes == null) {
            return SocketServer.Response.empty(404);
        }
        String ct = key.endsWith(".png") ? "image/png" : key.endsWith(".webp") ? "image/webp" : "image/jpeg";
        return new SocketServer.Response(200, ct, bytes);
    }

    private SocketServer.Response upload(SocketServer.Request r) {
        Map<String, Part> parts = Part.parse(r.header("content-type"), r.body());
        Part image = parts.get("image");
        if (image == null || image.filename() == null || image.filename().isEmpty()) {
            return SocketServer.Response.empty(400);
        }
        String type = parts.containsKey("type") ? parts.get("type").text() : "input";
        if (!type.equals("input") && !type.equals("temp") && !type.equals("output")) {
            type = "input";
        }
        String subfolder = parts.containsKey("subfolder") ? parts.get("subfolder").text() : "";
        String filename = image.filename().substring(image.filename().lastIndexOf('/') + 1);
        if (subfolder.contains("..") || subfolder.startsWith("/") || filename.contains("..")) {
            return SocketServer.Response.empty(400);
        }
        String overwrite = parts.containsKey("overwrite") ? parts.get("overwrite").text() : null;
        Map<String, byte[]> folder = files.get(type);
        synchronized (lock) {
            String name = filename;
            if (!"true".equals(overwrite) && !"1".equals(overwrite)) {
                int dot = filename.lastIndexOf('.');
                String stem = dot < 0 ? filename : filename.substring(0, dot);
                String ext = dot < 0 ? "" : filename.substring(dot);
                for (int i = 1; folder.containsKey(key(subfolder, name)); i++) {
                    if (java.util.Arrays.equals(folder.get(key(subfolder, name)), image.data())) {
                        break; // the same picture again: ComfyUI keeps the existing file
                    }
                    name = stem + " (" + i + ")" + ext;
                }
            }
            folder.put(key(subfolder, name), image.data());
            uploads.incrementAndGet();
            ObjectNode out = Json.object();
            out.put("name", name);
            out.put("subfolder", subfolder);
            out.put("type", type);
            return json(200, out);
        }
    }

    private static String key(String subfolder, String name) {
        return subfolder.isEmpty() ? name : subfolder + "/" + name;
    }

    private ArrayNode modelFolders() {
        ArrayNode a = Json.MAPPER.createArrayNode();
        List.of("checkpoints", "loras", "vae", "text_encoders", "diffusion_models", "clip_vision", "controlnet",
                "upscale_models", "embeddings").forEach(a::add);
        return a;
    }

    private SocketServer.Response models(String folder) {
        if (!modelFolders().toString().contains("\"" + folder + "\"")) {
            return SocketServer.Response.empty(404);
        }
        ArrayNode a = Json.MAPPER.createArrayNode();
        config.models().getOrDefault(folder, List.of()).forEach(a::add);
        return json(200, a);
    }

    private ObjectNode systemStats() {
        ObjectNode out = Json.object();
        ObjectNode system = out.putObject("system");
        system.put("os", System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT));
        system.put("ram_total", Runtime.getRuntime().maxMemory());
        system.put("ram_free", Runtime.getRuntime().freeMemory());
        system.put("comfyui_version", "(Draftboard stand-in)");
        system.put("python_version", "none: the offline engine renders");
        system.putArray("argv").add("draftboard").add("simulate").add("--comfyui");
        ArrayNode devices = out.putArray("devices");
        devices.addObject().put("name", "offline engine (no GPU)").put("type", "cpu").put("index", 0)
                .put("vram_total", 0).put("vram_free", 0).put("torch_vram_total", 0).put("torch_vram_free", 0);
        return out;
    }

    // ---- websocket ----

    private void opened(String sid, SocketServer.WebSocket ws) {
        SocketServer.WebSocket old = sockets.put(sid, ws);
        if (old != null && old != ws) {
            old.close();
        }
        ObjectNode data = Json.object();
        data.set("status", queueInfo());
        data.put("sid", sid);
        ws.sendText(message("status", data));
        String last = lastNodeId;
        if (sid.equals(clientId) && last != null) {
            ws.sendText(message("executing", Json.object().put("node", last)));
        }
    }

    private static String message(String type, JsonNode data) {
        ObjectNode m = Json.object();
        m.put("type", type);
        m.set("data", data);
        return Json.write(m);
    }

    /** ComfyUI's send_sync: to one client, or to every socket when {@code sid} is null. */
    private void send(String type, JsonNode data, String sid, int epochOfSender) {
        synchronized (lock) {
            if (epochOfSender != epoch) {
                return; // a restart happened: that process is gone
            }
        }
        String text = message(type, data);
        if (sid == null) {
            sockets.values().forEach(ws -> ws.sendText(text));
        } else {
            SocketServer.WebSocket ws = sockets.get(sid);
            if (ws != null) {
                ws.sendText(text);
            }
        }
    }

    private void queueUpdated() {
        ObjectNode data = Json.object();
        data.set("status", queueInfo());
        int e;
        synchronized (lock) {
            e = epoch;
        }
        send("status", data, null, e);
    }

    // ---- execution ----

    private void work() {
        while (!closed) {
            Item item;
            int myEpoch;
            synchronized (lock) {
                while (queue.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                item = queue.poll();
                running = item;
                myEpoch = epoch;
                lock.notifyAll();
            }
            queueUpdated();
            execute(item, myEpoch);
        }
    }

    /** A node failed: ComfyUI's execution_error fields. */
    private static final class NodeFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final String nodeId;
        final String exceptionType;

        NodeFailure(String nodeId, String exceptionType, String message) {
            super(message, null, false, false);
            this.nodeId = nodeId;
            this.exceptionType = exceptionType;
        }
    }

    /** Processing was interrupted (ComfyUI's InterruptProcessingException) in {@code nodeId}. */
    private static final class Interrupted extends Exception {
        private static final long serialVersionUID = 1L;
        final String nodeId;

        Interrupted(String nodeId) {
            super(null, null, false, false);
            this.nodeId = nodeId;
        }
    }

    private void execute(Item item, int myEpoch) {
        interrupt.set(false);
        String sid = item.extraData.path("client_id").asText(null);
        clientId = sid;
        ArrayNode messages = Json.MAPPER.createArrayNode();
        Run run = new Run(item, sid, myEpoch, messages);
        run.add("execution_start", Json.object().put("prompt_id", item.promptId), false);
        ObjectNode cached = Json.object();
        cached.putArray("nodes");
        cached.put("prompt_id", item.promptId);
        run.add("execution_cached", cached, false);
        boolean success = false;
        try {
            for (String output : item.outputs) {
                run.eval(output);
            }
            run.add("execution_success", Json.object().put("prompt_id", item.promptId), false);
            success = true;
        } catch (Interrupted e) {
            interrupted.incrementAndGet();
            ObjectNode m = Json.object();
            m.put("prompt_id", item.promptId).put("node_id", e.nodeId)
                    .put("node_type", item.prompt.path(e.nodeId).path("class_type").asText());
            ArrayNode executed = m.putArray("executed");
            run.executed.forEach(executed::add);
            run.add("execution_interrupted", m, true);
        } catch (NodeFailure f) {
            ObjectNode m = Json.object();
            m.put("prompt_id", item.promptId).put("node_id", f.nodeId)
                    .put("node_type", item.prompt.path(f.nodeId).path("class_type").asText());
            ArrayNode executed = m.putArray("executed");
            run.executed.forEach(executed::add);
            m.put("exception_message", f.getMessage());
            m.put("exception_type", f.exceptionType);
            m.putArray("traceback").add("  File \"execution.py\", line 1, in execute (simulated)\n");
            m.putObject("current_inputs");
            m.putArray("current_outputs");
            run.add("execution_error", m, false);
        }
        ObjectNode entry = Json.object();
        entry.set("prompt", item.asJson());
        entry.set("outputs", run.ui);
        ObjectNode status = entry.putObject("status");
        status.put("status_str", success ? "success" : "error");
        status.put("completed", success);
        status.set("messages", messages);
        entry.set("meta", run.meta);
        synchronized (lock) {
            if (myEpoch != epoch) {
                return; // restarted mid-render: nothing of it survives
            }
            history.put(item.promptId, entry);
            running = null;
            lastNodeId = null;
            lock.notifyAll();
        }
        queueUpdated();
        if (sid != null) {
            send("executing", Json.object().putNull("node").put("prompt_id", item.promptId), sid, myEpoch);
        }
    }

    // Values flowing along the graph's links.
    private record Cond(String text, Double guidance, List<Img> references) {
    }

    private record Guider(Cond positive, Double cfg) {
    }

    private record Latent(int width, int height, BufferedImage image) {
    }

    private record Img(BufferedImage image, byte[] bytes, String mediaType) {
    }

    /** One prompt's execution: node outputs as they are computed, the UI outputs, the status messages. */
    private final class Run {
        final Item item;
        final String sid;
        final int epoch;
        final ArrayNode messages;
        final Map<String, Object[]> outputs = new LinkedHashMap<>();
        final List<String> executed = new ArrayList<>();
        final ObjectNode ui = Json.object();
        final ObjectNode meta = Json.object();

        Run(Item item, String sid, int epoch, ArrayNode messages) {
            this.item = item;
            this.sid = sid;
            this.epoch = epoch;
            this.messages = messages;
        }

        /** PromptExecutor.add_message: recorded for the history, sent to the client (or all, if broadcast). */
        void add(String event, ObjectNode data, boolean broadcast) {
            data.put("timestamp", System.currentTimeMillis());
            ArrayNode m = messages.addArray();
            m.add(event);
            m.add(data);
            if (sid != null || broadcast) {
                send(event, data, sid, epoch);
            }
        }

        void sendToClient(String event, ObjectNode data) {
            if (sid != null) {
                send(event, data, sid, epoch);
            }
        }

        Object[] eval(String id) throws Interrupted, NodeFailure {
            Object[] done = outputs.get(id);
            if (done != null) {
                return done;
            }
            ObjectNode node = (ObjectNode) item.prompt.get(id);
            JsonNode inputs = node.path("inputs");
            Map<String, Object> values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> in : iterable(inputs)) {
                JsonNode v = in.getValue();
                if (v.isArray() && v.size() == 2) {
                    values.put(in.getKey(), eval(v.get(0).asText())[v.get(1).asInt()]);
                } else {
                    values.put(in.getKey(), v.isObject() && v.has("__value__") ? v.get("__value__") : v);
                }
            }
            if (interrupt.get()) {
                throw new Interrupted(id); // before_node_execution
            }
            lastNodeId = id;
            sendToClient("executing", Json.object().put("node", id).put("display_node", id).put("prompt_id",
                    item.promptId));
            Object[] out = run(id, node.get("class_type").asText(), values);
            outputs.put(id, out);
            executed.add(id);
            return out;
        }

        private Object[] run(String id, String cls, Map<String, Object> in) throws Interrupted, NodeFailure {
            return switch (cls) {
                case "UNETLoader" -> new Object[] {"MODEL " + text(in, "unet_name")};
                case "CLIPLoader" -> new Object[] {"CLIP " + text(in, "clip_name")};
                case "VAELoader" -> new Object[] {"VAE " + text(in, "vae_name")};
                case "CLIPTextEncode" -> new Object[] {new Cond(text(in, "text"), null, List.of())};
                case "FluxGuidance" -> {
                    Cond c = (Cond) in.get("conditioning");
                    yield new Object[] {new Cond(c.text(), number(in, "guidance"), c.references())};
                }
                case "ConditioningZeroOut" -> {
                    Cond c = (Cond) in.get("conditioning");
                    yield new Object[] {new Cond("", c.guidance(), c.references())};
                }
                case "ReferenceLatent" -> {
                    Cond c = (Cond) in.get("conditioning");
                    Latent l = (Latent) in.get("latent");
                    List<Img> refs = new ArrayList<>(c.references());
                    if (l != null && l.image() != null) {
                        refs.add(new Img(l.image(), null, null));
                    }
                    yield new Object[] {new Cond(c.text(), c.guidance(), refs)};
                }
                case "EmptyFlux2LatentImage" -> new Object[] {new Latent((int) number(in, "width"),
                        (int) number(in, "height"), null)};
                case "Flux2Scheduler" -> new Object[] {(int) number(in, "steps")};
                case "KSamplerSelect" -> new Object[] {"SAMPLER " + text(in, "sampler_name")};
                case "RandomNoise" -> new Object[] {seed(in.get("noise_seed"))};
                case "BasicGuider" -> new Object[] {new Guider((Cond) in.get("conditioning"), null)};
                case "CFGGuider" -> new Object[] {new Guider((Cond) in.get("positive"), number(in, "cfg"))};
                case "SamplerCustomAdvanced" -> {
                    Latent l = sample(id, (Long) in.get("noise"), (Guider) in.get("guider"), (Integer) in.get("sigmas"),
                            (Latent) in.get("latent_image"));
                    yield new Object[] {l, l};
                }
                case "KSampler" -> new Object[] {sample(id, seed(in.get("seed")),
                        new Guider((Cond) in.get("positive"), number(in, "cfg")), (int) number(in, "steps"),
                        (Latent) in.get("latent_image"))};
                case "VAEDecode" -> new Object[] {new Img(((Latent) in.get("samples")).image(), null, null)};
                case "VAEEncode" -> {
                    Img img = (Img) in.get("pixels");
                    yield new Object[] {new Latent(img.image().getWidth(), img.image().getHeight(), img.image())};
                }
                case "LoadImage" -> new Object[] {loadImage(id, text(in, "image")), null};
                case "ImageScaleToTotalPixels" -> {
                    Img img = (Img) in.get("image");
                    long budget = Math.round(number(in, "megapixels") * 1024 * 1024);
                    BufferedImage scaled = Resize.toPixelBudget(img.image(), budget);
                    yield new Object[] {scaled == img.image() ? img : new Img(scaled, null, null)};
                }
                case "SaveImage", "PreviewImage" -> {
                    save(id, cls, (Img) in.get("images"), cls.equals("SaveImage") ? text(in, "filename_prefix") : null);
                    yield new Object[0];
                }
                default -> throw new NodeFailure(id, "NotImplementedError", "the stand-in cannot run " + cls);
            };
        }

        private Img loadImage(String id, String name) throws NodeFailure {
            byte[] bytes;
            synchronized (lock) {
                bytes = files.get("input").get(name);
            }
            if (bytes == null) {
                throw new NodeFailure(id, "FileNotFoundError", "[Errno 2] No such file or directory: '" + name + "'");
            }
            try {
                ImageInfo info = ImageCodec.probe(bytes);
                return new Img(ImageCodec.decode(bytes), bytes, info.mediaType());
            } catch (ImageDecodeException e) {
                throw new NodeFailure(id, "PIL.UnidentifiedImageError", "cannot identify image file '" + name + "'");
            }
        }

        /** The sampler: FLUX.2 on a GPU there, the offline engine here, step by step with progress and previews. */
        private Latent sample(String id, long seed, Guider guider, int steps, Latent latent)
                throws Interrupted, NodeFailure {
            String prompt = guider.positive().text();
            String lower = prompt.toLowerCase(Locale.ROOT);
            if (config.oomWord() != null && lower.contains(config.oomWord().toLowerCase(Locale.ROOT))) {
                throw new NodeFailure(id, "torch.OutOfMemoryError", "Allocation on device \nThis error means you ran "
                        + "out of memory on your GPU.\n\nTIPS: If the workflow worked before you might have "
                        + "accidentally set the batch_size to a large number.");
            }
            if (config.failWord() != null && lower.contains(config.failWord().toLowerCase(Locale.ROOT))) {
                throw new NodeFailure(id, "RuntimeError", "mat1 and mat2 shapes cannot be multiplied (512x3072 and "
                        + "15360x3072)\n\nTIPS: If you have any \"Load CLIP\" or \"*CLIP Loader\" nodes in your workflow "
                        + "connected to this sampler node make sure the correct file(s) and type is selected.");
            }
            int w = side(latent.width());
            int h = side(latent.height());
            while ((long) w * h > ModelLimits.MAX_PIXELS) {
                w = side(w * 3 / 4);
                h = side(h * 3 / 4);
            }
            Double g = guider.positive().guidance();
            double guidance = Math.max(ModelLimits.MIN_GUIDANCE, Math.min(ModelLimits.MAX_GUIDANCE,
                    g != null ? g : ModelLimits.DEFAULT_GUIDANCE));
            List<Reference> refs = new ArrayList<>();
            for (Img ref : guider.positive().references()) {
                if (refs.size() == ModelLimits.MAX_REFERENCES) {
                    break;
                }
                byte[] png = ref.bytes() != null ? ref.bytes() : PngWriter.encode(ref.image(), List.of());
                refs.add(new Reference(ContentHash.sha256(png), ref.mediaType() != null ? ref.mediaType()
                        : ImageCodec.PNG, ref.image().getWidth(), ref.image().getHeight(), png));
            }
            GenerationRequest request = new GenerationRequest(prompt.isBlank() ? "an empty canvas" : prompt,
                    seed & Seeds.MAX, Math.max(1, Math.min(ModelLimits.MAX_STEPS, steps)), guidance, w, h, refs,
                    OutputFormat.PNG, false, ModelLimits.DEFAULT_SAFETY_TOLERANCE);
            BufferedImage[] last = new BufferedImage[1];
            JobContext ctx = new JobContext() {
                @Override
                public void progress(double fraction) {
                }

                @Override
                public boolean isCancelled() {
                    return interrupt.get();
                }

                @Override
                public void onCancel(Runnable action) {
                }
            };
            try {
                engine.generate(request, ctx, (step, of, current) -> {
                    if (interrupt.get()) {
                        throw new JobCancelledException();
                    }
                    last[0] = current;
                    ObjectNode progress = Json.object();
                    progress.put("value", step).put("max", of).put("prompt_id", item.promptId).put("node", id);
                    sendToClient("progress", progress);
                    if (sid != null) {
                        sendPreview(current);
                    }
                    pauseFor(config.stepDelay());
                });
            } catch (JobCancelledException e) {
                throw new Interrupted(id);
            } catch (ProviderException | RuntimeException e) {
                throw new NodeFailure(id, "RuntimeError", String.valueOf(e.getMessage()));
            }
            if (interrupt.get()) {
                throw new Interrupted(id);
            }
            return new Latent(w, h, last[0]);
        }

        private void sendPreview(BufferedImage current) {
            SocketServer.WebSocket ws = sockets.get(sid);
            if (ws == null) {
                return;
            }
            BufferedImage small = Resize.toFit(current, config.previewSize());
            if (small.getType() != BufferedImage.TYPE_INT_RGB) {
                BufferedImage rgb = new BufferedImage(small.getWidth(), small.getHeight(), BufferedImage.TYPE_INT_RGB);
                rgb.getGraphics().drawImage(small, 0, 0, null);
                small = rgb;
            }
            ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
            try {
                jpeg.write(ByteBuffer.allocate(8).putInt(1).putInt(1).array()); // PREVIEW_IMAGE, JPEG
                ImageIO.write(small, "jpeg", jpeg);
            } catch (IOException e) {
                return;
            }
            synchronized (lock) {
                if (epoch != ComfyUiSimulator.this.epoch) {
                    return;
                }
            }
            ws.sendBinary(jpeg.toByteArray());
            previews.incrementAndGet();
        }

        private void save(String id, String cls, Img img, String prefix) {
            byte[] png = PngWriter.encode(img.image(), List.of());
            String type = cls.equals("SaveImage") ? "output" : "temp";
            String name;
            synchronized (lock) {
                saved++;
                name = (prefix != null ? prefix : "ComfyUI_temp_" + HexFormat.of().toHexDigits(id.hashCode()).substring(0, 5))
                        + String.format(Locale.ROOT, "_%05d_.png", saved);
                files.get(type).put(name, png);
            }
            ObjectNode output = Json.object();
            output.putArray("images").addObject().put("filename", name).put("subfolder", "").put("type", type);
            ui.set(id, output);
            meta.putObject(id).put("node_id", id).put("display_node", id).putNull("parent_node").put("real_node_id", id);
            ObjectNode executedMessage = Json.object();
            executedMessage.put("node", id).put("display_node", id).set("output", output);
            executedMessage.put("prompt_id", item.promptId);
            sendToClient("executed", executedMessage);
        }
    }

    private void pauseFor(Duration d) {
        if (d.isZero()) {
            return;
        }
        long until = System.nanoTime() + d.toNanos();
        synchronized (pause) {
            while (!interrupt.get()) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    pause.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static int side(int v) {
        return Math.max(ModelLimits.MIN_SIDE, v / ModelLimits.SIDE_MULTIPLE * ModelLimits.SIDE_MULTIPLE);
    }

    private static String text(Map<String, Object> in, String name) {
        Object v = in.get(name);
        return v instanceof JsonNode n ? (n.isTextual() ? n.asText() : n.toString()) : String.valueOf(v);
    }

    private static double number(Map<String, Object> in, String name) {
        Object v = in.get(name);
        return v instanceof JsonNode n ? (n.isTextual() ? Double.parseDouble(n.asText()) : n.asDouble()) : 0;
    }

    private static long seed(Object v) {
        if (v instanceof JsonNode n) {
            BigInteger b = n.isTextual() ? new BigInteger(n.asText().strip()) : n.bigIntegerValue();
            return b.longValue();
        }
        return 0;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode o) {
        return new ArrayList<>(o.properties());
    }

    /** One part of a multipart/form-data body. */
    private record Part(String name, String filename, byte[] data) {
        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }

        static Map<String, Part> parse(String contentType, byte[] body) {
            Map<String, Part> parts = new LinkedHashMap<>();
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
                return parts;
            }
            int b = contentType.indexOf("boundary=");
            if (b < 0) {
                return parts;
            }
            String boundary = contentType.substring(b + 9).split(";")[0].strip().replace("\"", "");
            byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int pos = indexOf(body, delimiter, 0);
            while (pos >= 0) {
                int start = pos + delimiter.length;
                if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                    break; // closing delimiter
                }
                start += 2; // CRLF
                int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
                int next = indexOf(body, delimiter, start);
                if (headersEnd < 0 || next < 0) {
                    break;
                }
                String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
                byte[] data = java.util.Arrays.copyOfRange(body, headersEnd + 4, Math.max(headersEnd + 4, next - 2));
                String name = attribute(headers, "name");
                if (name != null) {
                    parts.putIfAbsent(name, new Part(name, attribute(headers, "filename"), data));
                }
                pos = next;
            }
            return parts;
        }

        private static String attribute(String headers, String attr) {
            for (String line : headers.split("\r\n")) {
                if (!line.toLowerCase(Locale.ROOT).startsWith("content-disposition")) {
                    continue;
                }
                for (String piece : line.split(";")) {
                    String p = piece.strip();
                    if (p.startsWith(attr + "=")) {
                        return p.substring(attr.length() + 1).replace("\"", "");
                    }
                }
            }
            return null;
        }

        private static int indexOf(byte[] data, byte[] pattern, int from) {
            outer:
            for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (data[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    /** For the CLI: what this stand-in serves and has. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        config.models().forEach((folder, list) -> sb.append(sb.length() == 0 ? "" : "; ").append("models/")
                .append(folder).append(": ").append(list.isEmpty() ? "(none)" : String.join(", ", list)));
        if (!config.missingNodes().isEmpty()) {
            sb.append("; without nodes ").append(String.join(", ", Set.copyOf(config.missingNodes())));
        }
        if (!config.websocket()) {
            sb.append("; websocket refused");
        }
        return sb.toString();
    }
}
