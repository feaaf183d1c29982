package io.draftboard.bench;

import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import io.draftboard.provider.WarpClock;
import io.draftboard.provider.offline.OfflineProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * BFL's submit / get_result / signed-result shapes on a MockWebServer, for the polling bench: each task is ready
 * a latency after its submit, the latency chosen per job by the bench (the simulator's latency model is a function
 * of steps and size, so it cannot vary between two identical jobs), measured on the bench's clock.
 * The image is one 1024×1024 render of the offline engine, encoded once when the stand-in starts: real BFL serves
 * results as files already encoded (from its delivery CDN), so the download costs what moving a real-sized PNG
 * costs, not an encode; the bench measures waiting, not rendering.
 */
final class FakeBfl implements AutoCloseable {
    private final MockWebServer server = new MockWebServer();
    private final LongSupplier clock;
    private final Map<String, Long> readyAtNanos = new ConcurrentHashMap<>();
    private final AtomicInteger submits = new AtomicInteger();
    private final AtomicInteger polls = new AtomicInteger();
    private volatile Duration nextLatency = Duration.ofSeconds(1);
    private volatile long lastPollNanos;
    private volatile long lastSubmitNanos;
    private final byte[] image;

    /** Latencies on {@code clock}'s nanoseconds: a {@link WarpClock}'s, or {@code System::nanoTime}. */
    FakeBfl(LongSupplier clock) throws IOException {
        this.clock = clock;
        try {
            image = new OfflineProvider().generate(GenerationRequest.of("A red balloon on a wooden table", 1, 6, 1024,
                    1024), JobContext.none()).image();
        } catch (ProviderException e) {
            throw new IOException("the stand-in's image could not be rendered", e);
        }
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                return answer(r);
            }
        });
        server.setServerSocketFactory(new NoDelaySockets());
        server.start();
    }

    /**
     * Server sockets whose connections send each write at once (TCP_NODELAY), as web and CDN servers do. Without it
     * MockWebServer's separate writes of a response's headers and body meet Nagle's algorithm and the client's
     * delayed ACK: every answer, the image's included, stalls ~40 ms on loopback, a cost of this stand-in that no
     * real server adds.
     */
    private static final class NoDelaySockets extends javax.net.ServerSocketFactory {
        @Override
        public java.net.ServerSocket createServerSocket() throws IOException {
            return new java.net.ServerSocket() {
                @Override
                public java.net.Socket accept() throws IOException {
                    java.net.Socket socket = new java.net.Socket();
                    implAccept(socket);
                    socket.setTcpNoDelay(true);
                    return socket;
                }
            };
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port) throws IOException {
            throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port, int backlog) throws IOException {
            throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port, int backlog, java.net.InetAddress address)
                throws IOException {
            throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
        }
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

    /** When the last submit arrived, on the clock: where the task's latency starts. */
    long lastSubmitNanos() {
        return lastSubmitNanos;
    }

    int polls() {
        return polls.get();
    }

    private MockResponse answer(RecordedRequest r) {
        String path = r.getUrl().encodedPath();
        if (r.getMethod().equals("POST") && path.equals("/v1/flux-2-flex")) {
            String id = "task-" + submits.incrementAndGet();
            lastSubmitNanos = clock.getAsLong();
            readyAtNanos.put(id, lastSubmitNanos + nextLatency.toNanos());
            return json("{\"id\":\"" + id + "\",\"polling_url\":\"" + baseUrl() + "v1/get_result?id=" + id
                    + "\",\"cost\":5.0}");
        }
        if (r.getMethod().equals("GET") && path.equals("/v1/get_result")) {
            polls.incrementAndGet();
            lastPollNanos = clock.getAsLong();
            String id = r.getUrl().queryParameter("id");
            Long ready = readyAtNanos.get(id);
            if (ready == null) {
                return new MockResponse.Builder().code(404).body("{\"status\":\"Task not found\"}").build();
            }
            if (clock.getAsLong() < ready) {
                return json("{\"id\":\"" + id + "\",\"status\":\"Pending\",\"result\":null,\"progress\":null}");
            }
            return json("{\"id\":\"" + id + "\",\"status\":\"Ready\",\"result\":{\"sample\":\"" + baseUrl() + "results/"
                    + id + "/sample.png?se=2099\",\"seed\":1},\"progress\":null}");
        }
        if (r.getMethod().equals("GET") && path.startsWith("/results/")) {
            return new MockResponse.Builder().code(200).setHeader("Content-Type", "image/png")
                    .body(new Buffer().write(image)).build();
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
