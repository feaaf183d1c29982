package io.draftboard.provider.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.json.Json;
import io.draftboard.provider.WireFixtures;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.Buffer;
import okio.ByteString;

/**
 * A scripted ComfyUI for wire tests: answers by route ("POST /prompt"), each route's answers in turn with the
 * last one repeating; records every request; can upgrade {@code /ws} and push messages on it.
 */
final class ComfyServer implements AutoCloseable {
    final MockWebServer server = new MockWebServer();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Function<RecordedRequest, MockResponse>>> routes = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> arrivals = new ConcurrentHashMap<>();
    private final CountDownLatch socketOpen = new CountDownLatch(1);
    private volatile WebSocket socket;

    ComfyServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                requests.add(r);
                String key = r.getMethod() + " " + r.getUrl().encodedPath();
                arrivals.computeIfAbsent(key, k -> new CountDownLatch(1)).countDown();
                Deque<Function<RecordedRequest, MockResponse>> answers = routes.get(key);
                if (answers == null || answers.isEmpty()) {
                    return new MockResponse.Builder().code(404).build();
                }
                Function<RecordedRequest, MockResponse> next;
                synchronized (answers) {
                    next = answers.size() > 1 ? answers.poll() : answers.peek();
                }
                return next.apply(r);
            }
        });
        server.start();
    }

    ComfyServer on(String route, Function<RecordedRequest, MockResponse> answer) {
        routes.computeIfAbsent(route, k -> new ArrayDeque<>()).add(answer);
        return this;
    }

    ComfyServer json(String route, int code, String body) {
        return on(route, r -> WireFixtures.json(code, body));
    }

    /** Answers {@code POST /prompt} with the id the client chose, as servers that honour {@code prompt_id} do. */
    ComfyServer acceptsPrompt() {
        return on("POST /prompt", r -> WireFixtures.json(200, "{\"prompt_id\":\"" + promptIdOf(r)
                + "\",\"number\":3,\"node_errors\":{}}"));
    }

    ComfyServer image() {
        return on("GET /view", r -> WireFixtures.image());
    }

    /** {@code /ws} upgrades; messages can then be pushed with {@link #send}. */
    ComfyServer websocket() {
        return on("GET /ws", r -> new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                socket = webSocket;
                socketOpen.countDown();
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                webSocket.close(code, null);
            }
        }).build());
    }

    void send(String type, String data) {
        awaitSocket().send("{\"type\":\"" + type + "\",\"data\":" + data + "}");
    }

    /** A PREVIEW_IMAGE frame: event 1, image type 1 (JPEG), then the bytes. */
    void sendPreview(byte[] image) {
        Buffer b = new Buffer().writeInt(1).writeInt(1).write(image);
        awaitSocket().send(ByteString.of(b.readByteArray()));
    }

    void closeSocket() {
        awaitSocket().close(1001, "going away");
    }

    private WebSocket awaitSocket() {
        try {
            if (!socketOpen.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the websocket never opened");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return socket;
    }

    /** Waits until a request on {@code route} has arrived. */
    boolean awaitRequest(String route) throws InterruptedException {
        return arrivals.computeIfAbsent(route, k -> new CountDownLatch(1)).await(10, TimeUnit.SECONDS);
    }

    List<RecordedRequest> requests(String route) {
        return requests.stream().filter(r -> (r.getMethod() + " " + r.getUrl().encodedPath()).equals(route)).toList();
    }

    static String promptIdOf(RecordedRequest r) {
        JsonNode body = Json.parseOrNull(r.getBody().utf8());
        return body == null ? null : body.path("prompt_id").asText(null);
    }

    static JsonNode body(RecordedRequest r) {
        return Json.parseOrNull(r.getBody().utf8());
    }

    @Override
    public void close() {
        server.close();
    }
}
