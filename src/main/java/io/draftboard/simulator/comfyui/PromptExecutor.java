package io.draftboard.simulator.comfyui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.json.Json;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ComfyUI's {@code prompt_worker} and {@code PromptExecutor}: one thread takes prompts off the {@link PromptQueue}
 * in order, runs each ({@link NodeExecution}), tells its client {@code execution_start}, {@code execution_cached}
 * and how it ended ({@code execution_success} / {@code _error} / {@code _interrupted}), and records the history
 * entry.
 */
final class PromptExecutor {
    private final PromptQueue queue;
    private final ClientSockets sockets;
    private final ComfyFolders folders;
    private final InterruptFlag interrupt = new InterruptFlag();
    private final OfflineSampler sampler;
    private final Thread worker;
    private final AtomicInteger interrupted = new AtomicInteger();

    PromptExecutor(ComfyUiSimulatorConfig config, PromptQueue queue, ClientSockets sockets, ComfyFolders folders) {
        this.queue = queue;
        this.sockets = sockets;
        this.folders = folders;
        this.sampler = new OfflineSampler(config, interrupt);
        this.worker = new Thread(this::work, "comfyui-simulator-worker");
        this.worker.setDaemon(true);
    }

    void start() {
        worker.start();
    }

    /** {@code /interrupt}: the running prompt stops at its next step or node. */
    void interrupt() {
        interrupt.raise();
    }

    /** Prompts that ended interrupted. */
    int interruptedPrompts() {
        return interrupted.get();
    }

    /** Stops the render; the worker ends once the queue is closed. */
    void close() {
        interrupt.raise();
        worker.interrupt();
    }

    private void work() {
        for (PromptQueue.Claimed c = queue.take(); c != null; c = queue.take()) {
            sockets.queueUpdated();
            execute(c);
        }
    }

    private void execute(PromptQueue.Claimed claimed) {
        QueueItem item = claimed.item();
        interrupt.clear();
        String sid = item.clientId();
        sockets.running(sid);
        NodeExecution run = new NodeExecution(claimed, sockets, folders, sampler, interrupt);
        run.add("execution_start", Json.object().put("prompt_id", item.promptId()), false);
        ObjectNode cached = Json.object();
        cached.putArray("nodes");
        cached.put("prompt_id", item.promptId());
        run.add("execution_cached", cached, false);
        boolean success = false;
        try {
            for (String output : item.outputs()) {
                run.eval(output);
            }
            run.add("execution_success", Json.object().put("prompt_id", item.promptId()), false);
            success = true;
        } catch (ExecutionInterrupted e) {
            interrupted.incrementAndGet();
            run.add("execution_interrupted", ended(item, e.nodeId, run), true);
        } catch (NodeFailure f) {
            ObjectNode m = ended(item, f.nodeId, run);
            m.put("exception_message", f.getMessage());
            m.put("exception_type", f.exceptionType);
            m.putArray("traceback").add("  File \"execution.py\", line 1, in execute (simulated)\n");
            m.putObject("current_inputs");
            m.putArray("current_outputs");
            run.add("execution_error", m, false);
        }
        if (!queue.finish(claimed, historyEntry(item, run, success))) {
            return; // restarted mid-render: nothing of it survives
        }
        sockets.executing(null);
        sockets.queueUpdated();
        if (sid != null) {
            sockets.send("executing", Json.object().putNull("node").put("prompt_id", item.promptId()), sid,
                    claimed.epoch());
        }
    }

    /** What execution_interrupted and execution_error both say: where it stopped and what had run. */
    private static ObjectNode ended(QueueItem item, String nodeId, NodeExecution run) {
        ObjectNode m = Json.object();
        m.put("prompt_id", item.promptId()).put("node_id", nodeId).put("node_type", item.classOf(nodeId));
        ArrayNode executed = m.putArray("executed");
        run.executed.forEach(executed::add);
        return m;
    }

    private static ObjectNode historyEntry(QueueItem item, NodeExecution run, boolean success) {
        ObjectNode entry = Json.object();
        entry.set("prompt", item.asJson());
        entry.set("outputs", run.ui);
        ObjectNode status = entry.putObject("status");
        status.put("status_str", success ? "success" : "error");
        status.put("completed", success);
        status.set("messages", run.messages);
        entry.set("meta", run.meta);
        return entry;
    }
}
