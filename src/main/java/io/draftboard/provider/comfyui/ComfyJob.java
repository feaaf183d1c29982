package io.draftboard.provider.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.generation.Cost;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobCancelledException;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.Reference;
import io.draftboard.http.CallCancelledException;
import io.draftboard.http.CurrentCall;
import io.draftboard.json.Json;
import io.draftboard.provider.Calls;
import io.draftboard.provider.CancellableSleep;
import io.draftboard.provider.HttpStatus;
import io.draftboard.provider.ImageDownload;
import io.draftboard.provider.JobCancellation;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.RemoteCancel;
import io.draftboard.provider.SyncImageAnswer;
import io.draftboard.settings.ApiKey;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * One render on ComfyUI, on the job's thread: websocket first (so no message is missed), references uploaded,
 * the workflow queued with a prompt id Draftboard chose (servers that honour it can be cancelled even if the
 * answer to the queueing is lost), then the prompt followed to its end and the image fetched.
 */
final class ComfyJob {
    private static final System.Logger LOG = System.getLogger(ComfyJob.class.getName());
    private static final MediaType JSON = MediaType.get("application/json");
    /** The longest wait for a websocket message before checking on cancellation again. */
    private static final Duration SLICE = Duration.ofMillis(100);

    private final OkHttpClient client;
    private final HttpUrl base;
    private final ApiKey token;
    private final Clock clock;
    private final Workflow workflow;
    private final GenerationRequest request;
    private final JobContext context;
    private final CancellableSleep sleep;
    private final ComfyUiProvider.Timing timing;
    private final Calls calls;
    private final CurrentCall current;

    private volatile String promptId;
    /** Set once the server says the prompt started; what the cancel path and the preview frames go by. */
    private volatile boolean started;
    private ComfySocket socket;
    private int step;
    private int steps;
    private boolean finished;
    private Instant unreachableSince;

    ComfyJob(ProviderEndpoint endpoint, Workflow workflow, GenerationRequest request, JobContext context,
            CancellableSleep sleep, ComfyUiProvider.Timing timing) {
        this.client = endpoint.client();
        this.base = endpoint.baseUrl();
        this.token = endpoint.key().get();
        this.clock = endpoint.clock();
        this.workflow = workflow;
        this.request = request;
        this.context = context;
        this.sleep = sleep;
        this.timing = timing;
        this.calls = new Calls(client, ComfyWire.NAME, context);
        this.current = new CurrentCall(client, JobCancellation.of(context));
        this.steps = request.steps();
    }

    GenerationResult run() throws ProviderException {
        String clientId = UUID.randomUUID().toString().replace("-", "");
        socket = ComfySocket.connect(client, authed(new Request.Builder().url(base.resolve("ws").newBuilder()
                .addQueryParameter("clientId", clientId).build())).build());
        context.onCancel(socket::close);
        try {
            List<String> images = upload();
            boolean live = awaitSocket();
            ObjectNode graph;
            try {
                graph = workflow.fill(request, images);
            } catch (IllegalArgumentException e) {
                throw new ProviderException(FailureKind.INVALID_REQUEST, e.getMessage());
            }
            queue(graph, clientId);
            if (!live) {
                socket = null;
            }
            return follow();
        } finally {
            if (socket != null) {
                socket.close();
            }
        }
    }

    GenerationResult resume(String id) throws ProviderException {
        promptId = id;
        context.onCancel(this::cancelRemote);
        return follow();
    }

    // ---- before the prompt is queued ----

    private boolean awaitSocket() throws ProviderException {
        try {
            boolean open = socket.awaitOpen(timing.socketOpen());
            if (!open) {
                LOG.log(Level.INFO, "ComfyUI's websocket at " + base + " is not available; following the prompt by polling");
            }
            return open;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobCancelledException();
        }
    }

    /** Uploads each reference to ComfyUI's input folder; returns the names LoadImage takes. */
    private List<String> upload() throws ProviderException {
        List<String> names = new ArrayList<>();
        for (Reference ref : request.references()) {
            String ext = switch (ref.mediaType()) {
                case "image/jpeg" -> ".jpg";
                case "image/webp" -> ".webp";
                default -> ".png";
            };
            RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                    .addFormDataPart("image", "draftboard-" + ref.sha256().substring(0, 16) + ext,
                            RequestBody.create(ref.bytes(), MediaType.get(ref.mediaType())))
                    .addFormDataPart("type", "input")
                    .addFormDataPart("subfolder", "draftboard")
                    .addFormDataPart("overwrite", "true")
                    .build();
            Calls.Answer a = send(authed(new Request.Builder().url(base.resolve("upload/image"))).post(body).build());
            if (!a.ok()) {
                throw HttpStatus.failure(ComfyWire.NAME, a.code(), "uploading reference image " + (names.size() + 1)
                        + " failed", a.retryAfter(), clock);
            }
            JsonNode n = Json.parseOrNull(a.body());
            String name = n == null ? null : n.path("name").asText(null);
            if (name == null || name.isBlank()) {
                throw new ProviderException(FailureKind.PERMANENT, ComfyWire.NAME + " did not name uploaded reference "
                        + (names.size() + 1));
            }
            String subfolder = n.path("subfolder").asText("");
            names.add(subfolder.isEmpty() ? name : subfolder + "/" + name);
        }
        return names;
    }

    private void queue(ObjectNode graph, String clientId) throws ProviderException {
        String chosen = UUID.randomUUID().toString();
        promptId = chosen;
        context.onCancel(this::cancelRemote); // from here on a cancel reaches the server, even mid-call
        ObjectNode body = Json.object();
        body.set("prompt", graph);
        body.put("client_id", clientId);
        body.put("prompt_id", chosen); // honoured by newer servers, ignored by older ones (they name it themselves)
        body.putObject("extra_data").put("preview_method", "auto");
        Calls.Answer a = send(authed(new Request.Builder().url(base.resolve("prompt")))
                .post(RequestBody.create(Json.write(body), JSON)).build());
        if (!a.ok()) {
            promptId = null;
            throw ComfyWire.promptRefused(a.code(), a.body(), clock);
        }
        JsonNode n = Json.parseOrNull(a.body());
        String id = n == null ? null : n.path("prompt_id").asText(null);
        if (id == null || id.isBlank()) {
            throw new ProviderException(FailureKind.PERMANENT, ComfyWire.NAME + " accepted the workflow without naming it");
        }
        promptId = id;
        if (!id.equals(chosen) && context.isCancelled()) {
            cancelRemote(); // the hook ran with the id we chose; this server named it otherwise
        }
        JsonNode nodeErrors = n.path("node_errors");
        if (nodeErrors.isObject() && !nodeErrors.isEmpty()) {
            // Accepted with some outputs dropped: ours among them means nothing would come back.
            for (JsonNode e : nodeErrors) {
                for (JsonNode out : e.path("dependent_outputs")) {
                    if (out.asText().equals(workflow.outputNode())) {
                        cancelRemote();
                        throw ComfyWire.promptRefused(400, Json.write(n), clock);
                    }
                }
            }
        }
        context.submitted(id, base.resolve("history/" + id).toString());
    }

    // ---- after ----

    /** Follows the prompt to its end (websocket while there is one, polling after) and fetches the image. */
    private GenerationResult follow() throws ProviderException {
        Instant deadline = clock.instant().plus(timing.job());
        Instant quietSince = clock.instant();
        JsonNode entry = null;
        try {
            while (entry == null) {
                context.checkCancelled();
                if (clock.instant().isAfter(deadline)) {
                    cancelRemote();
                    throw new ProviderException(FailureKind.PERMANENT, ComfyWire.NAME + " did not finish prompt "
                            + promptId + " within " + timing.job().toMinutes() + " minutes; it was removed");
                }
                if (socket != null) {
                    if (listen()) {
                        quietSince = clock.instant();
                    }
                    if (finished) {
                        entry = historyEntry();
                        finished = entry != null;
                    } else if (Duration.between(quietSince, clock.instant()).compareTo(timing.quiet()) > 0) {
                        quietSince = clock.instant();
                        entry = checkOnce(); // a missed message, or still waiting behind other prompts
                    }
                } else {
                    sleep.sleep(timing.poll(), context);
                    entry = checkOnce();
                }
            }
        } catch (ProviderException e) {
            throw noResubmit(e);
        }
        if (!ComfyWire.succeeded(entry)) {
            throw ComfyWire.failedEntry(promptId, entry);
        }
        return fetch(entry);
    }

    /**
     * Handles what the websocket brought within one slice; true if anything came. Messages for other prompts
     * are ignored (ComfyUI sends execution messages only to the prompt's client, but says so per message).
     */
    private boolean listen() throws ProviderException {
        List<ComfySocket.Event> batch = new ArrayList<>();
        try {
            ComfySocket.Event first = socket.next(SLICE);
            if (first == null) {
                return false;
            }
            batch.add(first);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobCancelledException();
        }
        batch.addAll(socket.drain());
        int lastPreview = -1;
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) instanceof ComfySocket.Preview) {
                lastPreview = i;
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            ComfySocket.Event e = batch.get(i);
            if (e instanceof ComfySocket.Message m) {
                handle(m);
            } else if (e instanceof ComfySocket.Preview p) {
                // Only the newest frame of a burst is worth drawing.
                if (i == lastPreview) {
                    context.preview(p.image(), step, steps);
                }
            } else if (e instanceof ComfySocket.Closed c) {
                LOG.log(Level.INFO, "ComfyUI's websocket " + c.why() + "; following prompt " + promptId + " by polling");
                socket.close();
                socket = null;
                return true;
            }
        }
        return true;
    }

    private void handle(ComfySocket.Message m) throws ProviderException {
        JsonNode data = m.data();
        String pid = data.path("prompt_id").asText(null);
        boolean ours = pid != null ? pid.equals(promptId) : started;
        if (!ours) {
            return;
        }
        switch (m.type()) {
            case "execution_start" -> started = true;
            case "executing" -> {
                if (data.path("node").isNull() || data.path("node").isMissingNode()) {
                    finished = started || pid != null;
                } else {
                    started = true;
                }
            }
            case "progress" -> {
                String node = data.path("node").asText(null);
                String cls = node == null ? null : workflow.classOf(node);
                int max = data.path("max").asInt(0);
                if (max > 0 && (cls == null || cls.contains("Sampler"))) {
                    started = true;
                    step = Math.max(0, Math.min(max, data.path("value").asInt(0)));
                    steps = max;
                    context.progress(step / (double) max);
                }
            }
            case "execution_error" -> throw ComfyWire.executionError(data);
            case "execution_interrupted" -> {
                if (context.isCancelled()) {
                    throw new JobCancelledException();
                }
                throw ComfyWire.interrupted(promptId);
            }
            default -> {
                // status, execution_cached, executed, execution_success, progress_state: nothing to do
            }
        }
    }

    /**
     * Asks where the prompt is: the queue first, then the history, so that a prompt finishing in between is
     * found in the history (ComfyUI moves it from one to the other under one lock). Null while it is queued
     * or running, or while the server does not answer (for a while); the history entry when it is done.
     */
    private JsonNode checkOnce() throws ProviderException {
        Calls.Answer q = tryGet("queue");
        if (q == null) {
            return null;
        }
        if (!q.ok()) {
            throw HttpStatus.failure(ComfyWire.NAME, q.code(), null, q.retryAfter(), clock);
        }
        JsonNode queue = Json.parseOrNull(q.body());
        ComfyWire.Place place = queue == null ? ComfyWire.Place.ABSENT : ComfyWire.placeIn(queue, promptId);
        if (place == ComfyWire.Place.RUNNING) {
            started = true;
            return null;
        }
        if (place == ComfyWire.Place.PENDING) {
            return null;
        }
        JsonNode entry = historyEntry();
        if (entry == null && unreachableSince == null) {
            throw new ProviderException(FailureKind.PERMANENT, ComfyWire.NAME + " no longer knows prompt " + promptId
                    + ": it was restarted or its queue was cleared before the image was made (lost; not resent)");
        }
        return entry;
    }

    /** The prompt's history entry, or null when the history does not have it (yet) or the server is unreachable. */
    private JsonNode historyEntry() throws ProviderException {
        Calls.Answer h = tryGet("history/" + promptId);
        if (h == null) {
            return null;
        }
        if (!h.ok()) {
            throw HttpStatus.failure(ComfyWire.NAME, h.code(), null, h.retryAfter(), clock);
        }
        JsonNode n = Json.parseOrNull(h.body());
        JsonNode entry = n == null ? null : n.get(promptId);
        return entry != null && entry.isObject() ? entry : null;
    }

    /** A GET that tolerates the server being away for {@code timing.unreachable()}: null while it is. */
    private Calls.Answer tryGet(String path) throws ProviderException {
        try {
            Calls.Answer a = send(authed(new Request.Builder().url(base.resolve(path))).get().build());
            if (a.code() >= 500) {
                return unreachable(null);
            }
            unreachableSince = null;
            return a;
        } catch (ProviderException e) {
            if (!e.kind().retryable()) {
                throw e;
            }
            return unreachable(e);
        }
    }

    private Calls.Answer unreachable(ProviderException e) throws ProviderException {
        Instant now = clock.instant();
        if (unreachableSince == null) {
            unreachableSince = now;
        } else if (Duration.between(unreachableSince, now).compareTo(timing.unreachable()) > 0) {
            throw new ProviderException(FailureKind.PERMANENT, ComfyWire.NAME + " stopped answering while prompt "
                    + promptId + " was queued or rendering (lost; not resent)", null, e);
        }
        if (socket == null) {
            return null;
        }
        socket.close(); // a server that does not answer HTTP will not send progress either
        socket = null;
        return null;
    }

    private GenerationResult fetch(JsonNode entry) throws ProviderException {
        JsonNode image = firstImage(entry.path("outputs").path(workflow.outputNode()));
        if (image == null) {
            for (JsonNode o : entry.path("outputs")) {
                image = image != null ? image : firstImage(o);
            }
        }
        if (image == null) {
            throw new ProviderException(FailureKind.PERMANENT, ComfyWire.NAME + " finished prompt " + promptId
                    + " without an image from node " + workflow.outputNode());
        }
        HttpUrl view = base.resolve("view").newBuilder()
                .addQueryParameter("filename", image.path("filename").asText())
                .addQueryParameter("subfolder", image.path("subfolder").asText(""))
                .addQueryParameter("type", image.path("type").asText("output")).build();
        byte[] bytes = download(view);
        context.progress(1.0);
        return SyncImageAnswer.fromBytes(bytes, request, ComfyWire.NAME,
                new SyncImageAnswer.Details(promptId, request.seed(), null, Cost.FREE));
    }

    private static JsonNode firstImage(JsonNode output) {
        JsonNode images = output.path("images");
        return images.isArray() && images.size() > 0 && images.get(0).hasNonNull("filename") ? images.get(0) : null;
    }

    /** {@code /view}: same host as the base URL, no redirects, at most {@link ImageDownload#DEFAULT_MAX_BYTES}. */
    private byte[] download(HttpUrl url) throws ProviderException {
        try (Response response = current.execute(authed(new Request.Builder().url(url)).get().build())) {
            if (response.code() != 200) {
                throw HttpStatus.failure(ComfyWire.NAME, response.code(), "its image could not be fetched",
                        response.header("Retry-After"), clock);
            }
            ResponseBody body = response.body();
            long max = ImageDownload.DEFAULT_MAX_BYTES;
            if (body.contentLength() > max) {
                throw new ProviderException(FailureKind.PERMANENT, ComfyWire.NAME + "'s image is larger than Draftboard accepts");
            }
            BufferedSource source = body.source();
            if (source.request(max + 1)) {
                throw new ProviderException(FailureKind.PERMANENT, ComfyWire.NAME + "'s image is larger than Draftboard accepts");
            }
            byte[] bytes = source.readByteArray();
            context.downloading(bytes.length);
            return bytes;
        } catch (CallCancelledException e) {
            throw new JobCancelledException();
        } catch (IOException e) {
            if (context.isCancelled()) {
                throw new JobCancelledException();
            }
            throw HttpStatus.network(ComfyWire.NAME, e, false);
        }
    }

    // ---- plumbing ----

    private Calls.Answer send(Request r) throws ProviderException {
        try {
            return calls.send(r);
        } catch (ProviderException e) {
            if (e.getCause() instanceof ConnectException) {
                throw new ProviderException(e.kind(), ComfyWire.NAME + " is not running at " + base
                        + " (connection refused)", null, e.getCause());
            }
            throw e;
        }
    }

    /**
     * After ComfyUI accepted the prompt, a retry would queue the same render again next to the first: a
     * retryable failure becomes final, naming the prompt.
     */
    private ProviderException noResubmit(ProviderException e) {
        if (!e.kind().retryable()) {
            return e;
        }
        return new ProviderException(FailureKind.PERMANENT, e.getMessage() + " (after ComfyUI accepted prompt "
                + promptId + "; not resent)", null, e);
    }

    private Request.Builder authed(Request.Builder b) {
        if (token != null) {
            b.header("Authorization", "Bearer " + token.reveal());
        }
        return b;
    }

    /**
     * Cancel hooks may run on the UI thread: nothing here waits. The prompt is removed from the queue; then, if
     * it is running, interrupted with its id (newer servers interrupt only that prompt; older ones whatever
     * runs, which the queue check just before makes this prompt, bar a race of milliseconds).
     */
    private void cancelRemote() {
        String id = promptId;
        if (id == null) {
            return;
        }
        ObjectNode delete = Json.object();
        delete.putArray("delete").add(id);
        client.newCall(authed(new Request.Builder().url(base.resolve("queue")))
                .post(RequestBody.create(Json.write(delete), JSON)).build()).enqueue(new Callback() {
                    @Override
                    public void onFailure(Call call, IOException e) {
                    }

                    @Override
                    public void onResponse(Call call, Response response) {
                        response.close();
                        interruptIfRunning(id);
                    }
                });
    }

    private void interruptIfRunning(String id) {
        client.newCall(authed(new Request.Builder().url(base.resolve("queue"))).get().build()).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
            }

            @Override
            public void onResponse(Call call, Response response) {
                JsonNode queue;
                try (response) {
                    queue = response.isSuccessful() ? Json.parseOrNull(response.body().string()) : null;
                } catch (IOException e) {
                    return;
                }
                if (queue != null && ComfyWire.placeIn(queue, id) == ComfyWire.Place.RUNNING) {
                    ObjectNode body = Json.object().put("prompt_id", id);
                    client.newCall(authed(new Request.Builder().url(base.resolve("interrupt")))
                            .post(RequestBody.create(Json.write(body), JSON)).build()).enqueue(RemoteCancel.IGNORE_ANSWER);
                }
            }
        });
    }
}
