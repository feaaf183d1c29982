package io.draftboard.simulator.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.json.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * ComfyUI's {@code PromptQueue} ({@code execution.py}): the waiting prompts in order, the one running, and the
 * history of those that ran, under one mutex. Its epoch counts restarts, so that what a worker finishes after a
 * restart (a process that no longer exists) is dropped rather than recorded or sent.
 */
final class PromptQueue {
    /** A prompt taken off the queue by the worker, in the epoch it was taken in. */
    record Claimed(QueueItem item, int epoch) {
    }

    private final Object lock = new Object();
    private final PriorityQueue<QueueItem> queue = new PriorityQueue<>(QueueItem.ORDER);
    private QueueItem running;
    private final Map<String, ObjectNode> history = new LinkedHashMap<>();
    private double number;
    private long seq;
    private int epoch;
    private boolean closed;

    /**
     * Queues a validated prompt and answers its number: {@code explicitNumber} if the client gave one, else the
     * next number (negated for {@code front}).
     */
    double put(Double explicitNumber, boolean front, String promptId, ObjectNode prompt, ObjectNode extraData,
            List<String> outputs) {
        synchronized (lock) {
            double n;
            if (explicitNumber != null) {
                n = explicitNumber;
            } else {
                n = front ? -number : number;
                number++;
            }
            queue.add(new QueueItem(n, seq++, promptId, prompt, extraData, outputs));
            lock.notifyAll();
            return n;
        }
    }

    /** Waits for the next prompt and marks it running; null once closed or interrupted. */
    Claimed take() {
        synchronized (lock) {
            while (queue.isEmpty() && !closed) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    return null;
                }
            }
            if (closed) {
                return null;
            }
            running = queue.poll();
            lock.notifyAll();
            return new Claimed(running, epoch);
        }
    }

    /** Records the history entry of a prompt that ended; false if a restart came between (nothing recorded). */
    boolean finish(Claimed c, ObjectNode historyEntry) {
        synchronized (lock) {
            if (c.epoch() != epoch) {
                return false;
            }
            history.put(c.item().promptId(), historyEntry);
            running = null;
            lock.notifyAll();
            return true;
        }
    }

    int epoch() {
        synchronized (lock) {
            return epoch;
        }
    }

    /** Whether {@code epoch} is still this process's (no restart since). */
    boolean current(int epochOfSender) {
        synchronized (lock) {
            return epochOfSender == epoch;
        }
    }

    boolean isRunning(String promptId) {
        synchronized (lock) {
            return running != null && running.promptId().equals(promptId);
        }
    }

    /** Removes waiting prompts (all of them with {@code clear}); answers how many went. */
    int delete(boolean clear, Iterable<JsonNode> promptIds) {
        int removed = 0;
        synchronized (lock) {
            if (clear) {
                removed += queue.size();
                queue.clear();
            }
            for (JsonNode id : promptIds) {
                if (queue.removeIf(i -> i.promptId().equals(id.asText()))) {
                    removed++;
                }
            }
            lock.notifyAll();
        }
        return removed;
    }

    /** {@code {"exec_info": {"queue_remaining": n}}}, the running prompt included. */
    ObjectNode status() {
        ObjectNode info = Json.object();
        synchronized (lock) {
            info.putObject("exec_info").put("queue_remaining", queue.size() + (running != null ? 1 : 0));
        }
        return info;
    }

    /** {@code GET /queue}: the running prompt and the waiting ones in the order they will run. */
    ObjectNode listing() {
        ObjectNode out = Json.object();
        synchronized (lock) {
            ArrayNode run = out.putArray("queue_running");
            if (running != null) {
                run.add(running.asJson());
            }
            ArrayNode pending = out.putArray("queue_pending");
            queue.stream().sorted(QueueItem.ORDER).forEach(i -> pending.add(i.asJson()));
        }
        return out;
    }

    int pending() {
        synchronized (lock) {
            return queue.size();
        }
    }

    // ---- history ----

    boolean ran(String promptId) {
        synchronized (lock) {
            return history.containsKey(promptId);
        }
    }

    /** A copy of the history entry of {@code promptId}, or null. */
    ObjectNode historyEntry(String promptId) {
        synchronized (lock) {
            ObjectNode e = history.get(promptId);
            return e == null ? null : e.deepCopy();
        }
    }

    /** The last {@code maxItems} entries (all when null), oldest first, keyed by prompt id. */
    ObjectNode history(Integer maxItems) {
        ObjectNode out = Json.object();
        synchronized (lock) {
            int skip = maxItems == null ? 0 : Math.max(0, history.size() - maxItems);
            int i = 0;
            for (Map.Entry<String, ObjectNode> e : history.entrySet()) {
                if (i++ >= skip) {
                    out.set(e.getKey(), e.getValue().deepCopy());
                }
            }
        }
        return out;
    }

    void deleteHistory(boolean clear, Iterable<JsonNode> promptIds) {
        synchronized (lock) {
            if (clear) {
                history.clear();
            }
            promptIds.forEach(id -> history.remove(id.asText()));
        }
    }

    // ---- waiting, restarting ----

    boolean awaitIdle(Duration timeout) throws InterruptedException {
        return await(() -> queue.isEmpty() && running == null, timeout);
    }

    boolean awaitPending(int n, Duration timeout) throws InterruptedException {
        return await(() -> queue.size() == n, timeout);
    }

    boolean awaitRunning(Duration timeout) throws InterruptedException {
        return await(() -> running != null, timeout);
    }

    /** Waits until {@code state} holds (checked under the lock); false if that took longer than {@code timeout}. */
    private boolean await(BooleanSupplier state, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!state.getAsBoolean()) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** A restart: the queue, the running prompt and the history were in memory and are gone. */
    void restart() {
        synchronized (lock) {
            epoch++;
            queue.clear();
            running = null;
            history.clear();
            number = 0;
            lock.notifyAll();
        }
    }

    /** Ends {@link #take}'s wait for good; a prompt still rendering will not be recorded. */
    void close() {
        synchronized (lock) {
            closed = true;
            epoch++;
            lock.notifyAll();
        }
    }
}
