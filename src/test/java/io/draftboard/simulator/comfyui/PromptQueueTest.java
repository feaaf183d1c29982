package io.draftboard.simulator.comfyui;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ComfyUI's queue order, deletes, history and what a restart does to a prompt still running. */
class PromptQueueTest {
    private final PromptQueue queue = new PromptQueue();

    private double put(String id, Double number, boolean front) {
        return queue.put(number, front, id, Json.object(), Json.object(), List.of("9"));
    }

    @Test
    void frontGoesFirstThenNumberThenSubmission() {
        assertThat(put("a", null, false)).isEqualTo(0);
        assertThat(put("b", null, false)).isEqualTo(1);
        assertThat(put("c", null, true)).as("front: the next number, negated").isEqualTo(-2);
        assertThat(put("d", 1.0, false)).as("the client's own number").isEqualTo(1);

        List<String> order = new ArrayList<>();
        queue.listing().get("queue_pending").forEach(i -> order.add(i.get(1).asText()));
        assertThat(order).containsExactly("c", "a", "b", "d");
        assertThat(queue.listing().get("queue_pending").get(0).get(0).isIntegralNumber()).isTrue();
        assertThat(queue.take().item().promptId()).isEqualTo("c");
        assertThat(queue.status().get("exec_info").get("queue_remaining").asInt()).isEqualTo(4);
        assertThat(queue.isRunning("c")).isTrue();
    }

    @Test
    void deletesCountWhatLeftTheQueue() {
        put("a", null, false);
        put("b", null, false);
        put("c", null, false);

        assertThat(queue.delete(false, Json.MAPPER.createArrayNode().add("b").add("nope"))).isEqualTo(1);
        assertThat(queue.delete(true, Json.MAPPER.createArrayNode())).isEqualTo(2);
        assertThat(queue.pending()).isZero();
    }

    @Test
    void aPromptFinishedAfterARestartLeavesNoHistory() throws Exception {
        put("a", null, false);
        PromptQueue.Claimed before = queue.take();
        queue.restart();

        assertThat(queue.finish(before, Json.object())).isFalse();
        assertThat(queue.ran("a")).isFalse();
        assertThat(queue.current(before.epoch())).isFalse();
        assertThat(put("b", null, false)).as("numbering starts again").isEqualTo(0);
        PromptQueue.Claimed after = queue.take();
        assertThat(queue.finish(after, Json.object().put("n", 1))).isTrue();
        assertThat(queue.awaitIdle(Duration.ofSeconds(1))).isTrue();
        assertThat(queue.historyEntry("b").get("n").asInt()).isEqualTo(1);
    }

    @Test
    void historyKeepsTheLastItemsAndForgetsOnRequest() {
        for (String id : new String[] {"a", "b", "c"}) {
            put(id, null, false);
            queue.finish(queue.take(), Json.object());
        }

        assertThat(queue.history(2).properties()).extracting(Map.Entry::getKey).containsExactly("b", "c");
        assertThat(queue.history(null).size()).isEqualTo(3);
        queue.deleteHistory(false, Json.MAPPER.createArrayNode().add("b"));
        assertThat(queue.history(null).properties()).extracting(Map.Entry::getKey).containsExactly("a", "c");
        queue.deleteHistory(true, Json.MAPPER.createArrayNode());
        assertThat(queue.history(null).isEmpty()).isTrue();
    }

    @Test
    void takeEndsOnceClosed() {
        queue.close();

        assertThat(queue.take()).isNull();
    }
}
