package io.draftboard.simulator.comfyui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.simulator.socket.SocketServer;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;

/**
 * A stand-in for a ComfyUI server on 127.0.0.1, written from ComfyUI's {@code server.py}, {@code execution.py} and
 * {@code main.py}: {@code POST /prompt} validates the API-format graph as ComfyUI does ({@link WorkflowValidator})
 * and queues it ({@link PromptQueue}); one worker ({@link PromptExecutor}) executes prompts in queue order,
 * rendering FLUX.2's sampler nodes with the offline engine step by step, and tells the prompt's client over a real
 * websocket ({@code /ws?clientId=}, {@link ClientSockets}) what ComfyUI would: {@code status},
 * {@code execution_start}, {@code execution_cached}, {@code executing}, {@code progress}, binary preview frames,
 * {@code executed}, {@code execution_success} / {@code execution_error} / {@code execution_interrupted}. Also
 * {@code /queue} (list, delete, clear), {@code /interrupt} (global or by prompt id), {@code /history},
 * {@code /view}, {@code /upload/image}, {@code /object_info}, {@code /models}, {@code /system_stats}, each under
 * {@code /api} too ({@link ComfyRoutes}). It can lose its queue in a restart, as ComfyUI does.
 *
 * <p>This class puts the pieces together and is what tests and {@code simulate --comfyui} hold: start, stop,
 * restart, and what happened (counts, the history, waits on the queue).
 */
public final class ComfyUiSimulator implements AutoCloseable {
    private final ComfyUiSimulatorConfig config;
    private final PromptQueue queue = new PromptQueue();
    private final ComfyFolders folders = new ComfyFolders();
    private final ClientSockets sockets;
    private final PromptExecutor executor;
    private final PromptRoutes prompts;
    private final FileRoutes files;
    private final SocketServer server;

    private ComfyUiSimulator(ComfyUiSimulatorConfig config) {
        this.config = config;
        this.sockets = new ClientSockets(queue, config.previewSize());
        this.executor = new PromptExecutor(config, queue, sockets, folders);
        this.prompts = new PromptRoutes(queue, sockets, executor,
                () -> new WorkflowValidator(catalogue(), folders::hasInput));
        this.files = new FileRoutes(folders);
        ComfyRoutes routes = new ComfyRoutes(config, prompts, files,
                new ServerInfoRoutes(config.models(), this::catalogue), sockets);
        this.server = new SocketServer(InetAddress.getLoopbackAddress(), "comfyui-simulator-http", routes);
    }

    /** Starts on 127.0.0.1 at {@code config.port()} (0 picks a free port). */
    public static ComfyUiSimulator start(ComfyUiSimulatorConfig config) throws IOException {
        ComfyUiSimulator sim = new ComfyUiSimulator(config);
        sim.server.listen(config.port());
        sim.executor.start();
        return sim;
    }

    /** The nodes as they are now: LoadImage's choices are the files uploaded so far. */
    private NodeCatalogue catalogue() {
        return new NodeCatalogue(config.models(), config.missingNodes(), folders.inputs());
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
        return prompts.accepted();
    }

    /** Prompts refused by validation (HTTP 400). */
    public int refused() {
        return prompts.refused();
    }

    /** Prompts removed from the queue by {@code POST /queue} delete before they ran. */
    public int deletedFromQueue() {
        return prompts.deleted();
    }

    /** Prompts that ended interrupted. */
    public int interruptedPrompts() {
        return executor.interruptedPrompts();
    }

    public int previewFrames() {
        return sockets.previewFrames();
    }

    public int uploads() {
        return files.uploads();
    }

    /** The graph of the last {@code POST /prompt}, accepted or not. */
    public ObjectNode lastPrompt() {
        return prompts.lastPrompt();
    }

    /** Prompts waiting in the queue (not running). */
    public int pendingPrompts() {
        return queue.pending();
    }

    /** Whether the history has {@code promptId} (it ran, in any way). */
    public boolean ran(String promptId) {
        return queue.ran(promptId);
    }

    /** The history entry of {@code promptId}, or null. */
    public ObjectNode historyEntry(String promptId) {
        return queue.historyEntry(promptId);
    }

    /** Waits until nothing is queued or running; false if that took longer than {@code timeout}. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return queue.awaitIdle(timeout);
    }

    /** Waits until exactly {@code n} prompts are waiting in the queue; false on timeout. */
    public boolean awaitPending(int n, Duration timeout) throws InterruptedException {
        return queue.awaitPending(n, timeout);
    }

    /** Waits until a prompt is running; false on timeout. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return queue.awaitRunning(timeout);
    }

    /**
     * A ComfyUI restart: connections drop, the queue, the running prompt, the history and the temp folder are
     * gone (ComfyUI keeps them in memory and cleans temp at start), then it listens again on the same port after
     * {@code downtime}. Uploaded inputs and saved outputs stay on disk, as they do.
     */
    public void restart(Duration downtime) throws IOException, InterruptedException {
        server.stopListening();
        sockets.closeAll();
        queue.restart();
        folders.clearTemp();
        executor.interrupt();
        if (!downtime.isZero()) {
            Thread.sleep(downtime.toMillis()); // the process is down: nothing to wait on but time
        }
        server.listen(port());
    }

    @Override
    public void close() {
        executor.interrupt();
        queue.close();
        server.close();
        executor.close();
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
