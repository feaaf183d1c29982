package io.draftboard.bench;

import io.draftboard.provider.WarpClock;
import io.draftboard.provider.WireFixtures;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * BFL's submit / get_result / signed-result shapes on a MockWebServer, for the polling bench: each task is ready
 * a latency after its submit, the latency chosen per job by the bench (the simulator's latency model is a function
 * of steps and size, so it cannot vary between two identical jobs), measured on the bench's {@link WarpClock}.
 * The image is a small ready-made PNG: the bench measures waiting, not rendering.
 */
final class FakeBfl implements AutoCloseable {
    private final MockWebServer server = new MockWebServer();
    private final WarpClock clock;
    private final Map<String, Long> readyAtNanos = new ConcurrentHashMap<>();
    private final AtomicInteger submits = new AtomicInteger();
    private final AtomicInteger polls = new AtomicInteger();
    private volatile Duration nextLatency = Duration.ofSeconds(1);
    private volatile long lastPollNanos;

    FakeBfl(WarpClock clock) throws IOException {
        this.clock = clock;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                return answer(r);
            }
        });
        server.start();
    }

    String baseUrl() {
        return server.url("/").toString();
    }

    /** The latency of the next task submitted. */
    void nextLatency(Duration latency) {
        nextLatency = latency;
    }

    /** When the last poll arrived, on the clock: the rest of a job's time is the download. */
    long lastPollNanos() {
        return lastPollNanos;
    }

    int polls() {
        return polls.get();
    }

    private MockResponse answer(RecordedRequest r) {
        String path = r.getUrl().encodedPath();
        if (r.getMethod().equals("POST") && path.equals("/v1/flux-2-flex")) {
            String id = "task-" + submits.incrementAndGet();
            readyAtNanos.put(id, clock.nanos() + nextLatency.toNanos());
            return json("{\"id\":\"" + id + "\",\"polling_url\":\"" + baseUrl() + "v1/get_result?id=" + id
                    + "\",\"cost\":5.0}");
        }
        if (r.getMethod().equals("GET") && path.equals("/v1/get_result")) {
            polls.incrementAndGet();
            lastPollNanos = clock.nanos();
            String id = r.getUrl().queryParameter("id");
            Long ready = readyAtNanos.get(id);
            if (ready == null) {
                return new MockResponse.Builder().code(404).body("{\"status\":\"Task not found\"}").build();
            }
            if (clock.nanos() < ready) {
                return json("{\"id\":\"" + id + "\",\"status\":\"Pending\",\"result\":null,\"progress\":null}");
            }
            return json("{\"id\":\"" + id + "\",\"status\":\"Ready\",\"result\":{\"sample\":\"" + baseUrl() + "results/"
                    + id + "/sample.png?se=2099\",\"seed\":1},\"progress\":null}");
        }
        if (r.getMethod().equals("GET") && path.startsWith("/results/")) {
            return new MockResponse.Builder().code(200).setHeader("Content-Type", "image/png")
                    .body(new Buffer().write(WireFixtures.PNG)).build();
        }
        return new MockResponse.Builder().code(404).build();
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
