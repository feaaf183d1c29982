package io.draftboard.provider.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import io.draftboard.json.Json;
import io.draftboard.provider.Calls;
import io.draftboard.provider.CancellableSleep;
import io.draftboard.provider.ProviderEndpoint;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * One render on ComfyUI, on the job's thread: websocket first (so no message is missed), references uploaded
 * ({@link ComfyUpload}), the workflow queued with a prompt id Draftboard chose (servers that honour it can be
 * cancelled even if the answer to the queueing is lost), then the prompt followed to its end — on the websocket
 * ({@link ComfySocketFollower}) while there is one, by polling ({@link ComfyHistoryPoll}) otherwise — and the
 * image fetched ({@link ComfyOutput}). A cancel reaches the server through {@link ComfyCancel}.
 */
final class ComfyJob {
    private static final System.Logger LOG = System.getLogger(ComfyJob.class.getName());

    private final ComfyHttp http;
    private final Clock clock;
    private final Workflow workflow;
    private final GenerationRequest request;
    private final JobContext context;
    private final CancellableSleep sleep;
    private final ComfyUiProvider.Timing timing;
    private final ComfyCancel cancel;
    private final ComfyHistoryPoll poll;

    private volatile String promptId;
    /** Null when following by polling: no websocket, or it is gone. */
    private ComfySocketFollower socket;

    ComfyJob(ProviderEndpoint endpoint, Workflow workflow, GenerationRequest request, JobContext context,
            CancellableSleep sleep, ComfyUiProvider.Timing timing) {
        this.http = new ComfyHttp(endpoint, context);
        this.clock = http.clock();
        this.workflow = workflow;
        this.request = request;
        this.context = context;
        this.sleep = sleep;
        this.timing = timing;
        this.cancel = new ComfyCancel(http);
        this.poll = new ComfyHistoryPoll(http, timing.unreachable(), this::dropSocket);
    }

    GenerationResult run() throws ProviderException {
        String clientId = UUID.randomUUID().toString().replace("-", "");
        ComfySocket ws = ComfySocket.connect(http.client(), http.authed(new Request.Builder().url(http.url("ws")
                .newBuilder().addQueryParameter("clientId", clientId).build())).build());
        context.onCancel(ws::close);
        socket = new ComfySocketFollower(ws, workflow, context, request.steps());
        try {
            List<String> images = ComfyUpload.references(http, request.references());
            if (!socket.awaitOpen(timing.socketOpen())) {
                LOG.log(Level.INFO, "ComfyUI's websocket at " + http.base() + " is not available; following the prompt by polling");
            }
            ObjectNode graph;
            try {
                graph = workflow.fill(request, images);
            } catch (IllegalArgumentException e) {
                throw new ProviderException(FailureKind.INVALID_REQUEST, e.getMessage());
            }
            queue(graph, clientId);
            socket.follow(promptId);
            if (!socket.live()) {
                socket = null;
            }
            return follow();
        } finally {
            dropSocket();
        }
    }

    GenerationResult resume(String id) throws ProviderException {
        promptId = id;
        context.onCancel(this::cancelRemote);
        return follow();
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
        Calls.Answer a = http.send(http.to("prompt").post(RequestBody.create(Json.write(body), ComfyHttp.JSON)).build());
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
        context.submitted(id, http.url("history/" + id).toString());
    }

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
                    ComfySocketFollower listening = socket;
                    if (listening.listen()) {
                        quietSince = clock.instant();
                    }
                    if (!listening.live()) {
                        socket = null;
                    }
                    if (listening.takeFinished()) {
                        entry = poll.entry(promptId);
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
        return new ComfyOutput(http, workflow, request, context).fetch(promptId, entry);
    }

    private JsonNode checkOnce() throws ProviderException {
        return poll.check(promptId, () -> {
            if (socket != null) {
                socket.started();
            }
        });
    }

    /** The server stopped answering, or the job ends: the websocket, if any, is closed and forgotten. */
    private void dropSocket() {
        if (socket != null) {
            socket.close();
            socket = null;
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

    private void cancelRemote() {
        cancel.cancel(promptId);
    }
}
