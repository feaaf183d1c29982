package io.draftboard.provider.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.generation.JobCancelledException;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows one prompt on ComfyUI's websocket, on the job's thread: its progress and preview frames go to the
 * job's context, an execution error or interruption ends it, and it says when the server reports the prompt
 * done (the image is then looked up in the history). Once the socket is gone it stays gone: the job polls.
 */
final class ComfySocketFollower {
    private static final System.Logger LOG = System.getLogger(ComfySocketFollower.class.getName());
    /** The longest wait for a websocket message before checking on cancellation again. */
    private static final Duration SLICE = Duration.ofMillis(100);

    private final ComfySocket socket;
    private final Workflow workflow;
    private final JobContext context;
    private String promptId;
    private boolean live = true;
    /** Set once the server says the prompt started: messages that do not name their prompt are ours from then. */
    private boolean started;
    private boolean finished;
    private int step;
    private int steps;

    /** @param steps the steps the request asked for, until the sampler says how many it runs */
    ComfySocketFollower(ComfySocket socket, Workflow workflow, JobContext context, int steps) {
        this.socket = socket;
        this.workflow = workflow;
        this.context = context;
        this.steps = steps;
    }

    /** Waits for the upgrade; false (and gone) if it did not come within {@code timeout}. */
    boolean awaitOpen(Duration timeout) throws ProviderException {
        try {
            live = socket.awaitOpen(timeout);
            return live;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobCancelledException();
        }
    }

    /** The prompt whose messages count, as the server named it when it queued it. */
    void follow(String id) {
        promptId = id;
    }

    /** The socket still brings news. */
    boolean live() {
        return live;
    }

    /** The queue says the prompt is running (a message may have been missed). */
    void started() {
        started = true;
    }

    /** Whether the server said the prompt is done since last asked. */
    boolean takeFinished() {
        boolean was = finished;
        finished = false;
        return was;
    }

    /** Closes the socket, once; the job follows by polling from here on. */
    void close() {
        if (live) {
            live = false;
            socket.close();
        }
    }

    /**
     * Handles what the websocket brought within one slice; true if anything came. Messages for other prompts
     * are ignored (ComfyUI sends execution messages only to the prompt's client, but says so per message).
     */
    boolean listen() throws ProviderException {
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
                close();
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
}
