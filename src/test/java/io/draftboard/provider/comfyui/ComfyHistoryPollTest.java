package io.draftboard.provider.comfyui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import io.draftboard.http.HttpClients;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.WarpClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where a prompt is when asked over HTTP, and how long a server that stopped answering is waited for. */
class ComfyHistoryPollTest {
    private static final String ID = "p-1";
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final WarpClock clock = WarpClock.virtual();
    private final AtomicInteger away = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private ComfyServer comfy;
    private OkHttpClient client;
    private ComfyHistoryPoll poll;

    @BeforeEach
    void start() throws Exception {
        comfy = new ComfyServer();
        client = HttpClients.create();
        ComfyHttp http = new ComfyHttp(new ProviderEndpoint(client, comfy.server.url("/"), () -> null, clock),
                JobContext.none());
        poll = new ComfyHistoryPoll(http, PATIENCE, away::incrementAndGet);
    }

    @AfterEach
    void stop() {
        comfy.close();
        client.dispatcher().executorService().shutdown();
    }

    private JsonNode check() throws ProviderException {
        return poll.check(ID, running::incrementAndGet);
    }

    @Test
    void aRunningPromptIsNotDoneAndSaysItRuns() throws Exception {
        comfy.json("GET /queue", 200, "{\"queue_running\":[[1,\"" + ID + "\",{}]],\"queue_pending\":[]}");

        assertThat(check()).isNull();
        assertThat(running).hasValue(1);
        assertThat(comfy.requests("GET /history/" + ID)).isEmpty();
    }

    @Test
    void aPendingPromptIsNotDone() throws Exception {
        comfy.json("GET /queue", 200, "{\"queue_running\":[],\"queue_pending\":[[2,\"" + ID + "\",{}]]}");

        assertThat(check()).isNull();
        assertThat(running).hasValue(0);
    }

    @Test
    void aPromptGoneFromTheQueueIsFoundInTheHistory() throws Exception {
        comfy.json("GET /queue", 200, "{\"queue_running\":[],\"queue_pending\":[]}")
                .json("GET /history/" + ID, 200, "{\"" + ID + "\":{\"outputs\":{}}}");

        assertThat(check()).isNotNull();
    }

    @Test
    void aPromptNeitherQueuedNorInTheHistoryIsLost() {
        comfy.json("GET /queue", 200, "{\"queue_running\":[],\"queue_pending\":[]}")
                .json("GET /history/" + ID, 200, "{}");

        assertThatThrownBy(this::check).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
            assertThat(e.getMessage()).contains("no longer knows prompt " + ID);
        });
    }

    @Test
    void aServerThatStopsAnsweringIsWaitedForUntilItsPatienceRunsOut() throws Exception {
        comfy.json("GET /queue", 503, "{}");

        assertThat(check()).isNull();
        clock.advance(PATIENCE);
        assertThat(check()).as("still within patience").isNull();
        assertThat(away).hasValue(2);

        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(this::check).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
            assertThat(e.getMessage()).contains("stopped answering while prompt " + ID);
        });
    }

    @Test
    void anAnswerInBetweenStartsThePatienceOver() throws Exception {
        comfy.json("GET /queue", 503, "{}")
                .json("GET /queue", 200, "{\"queue_running\":[[1,\"" + ID + "\",{}]],\"queue_pending\":[]}")
                .json("GET /queue", 503, "{}");

        assertThat(check()).isNull();
        clock.advance(PATIENCE);
        assertThat(check()).isNull(); // answered: running
        clock.advance(PATIENCE);

        assertThat(check()).as("away again, but only just").isNull();
    }
}
