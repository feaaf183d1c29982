package io.draftboard.provider.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * One job's view of ComfyUI's {@code /ws?clientId=…}: OkHttp's listener thread turns frames into {@link Event}s
 * on a queue that the job's own thread drains (listeners and the job context run on the job's thread).
 *
 * <p>Text frames are {@code {"type": …, "data": {…}}}. Binary frames start with a big-endian uint32 event type:
 * 1 ({@code PREVIEW_IMAGE}) is followed by a uint32 image type (1 JPEG, 2 PNG) and the image; 4
 * ({@code PREVIEW_IMAGE_WITH_METADATA}, only sent to clients that announce support, which Draftboard does not)
 * by a uint32 length, that many bytes of JSON, and the image. Anything else (3, progress text) is ignored.
 */
final class ComfySocket extends WebSocketListener implements AutoCloseable {
    static final int PREVIEW_IMAGE = 1;
    static final int PREVIEW_IMAGE_WITH_METADATA = 4;

    sealed interface Event {
    }

    /** A JSON message: {@code type} and its {@code data} (never null; a missing one is a missing node). */
    record Message(String type, JsonNode data) implements Event {
    }

    /** A preview frame's image bytes and their media type. */
    record Preview(byte[] image, String mediaType) implements Event {
    }

    /** The socket is gone (closed by the server, a restart, a network failure). */
    record Closed(String why) implements Event {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Boolean> opened = new CompletableFuture<>();
    private volatile WebSocket socket;
    private volatile boolean closed;

    private ComfySocket() {
    }

    /** Starts connecting; {@link #awaitOpen} says whether it worked. */
    static ComfySocket connect(OkHttpClient client, Request request) {
        ComfySocket s = new ComfySocket();
        s.socket = client.newWebSocket(request, s);
        return s;
    }

    /** Waits for the upgrade: true once open, false if it was refused, failed or took longer than {@code timeout}. */
    boolean awaitOpen(Duration timeout) throws InterruptedException {
        try {
            return opened.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return false;
        } catch (TimeoutException e) {
            close();
            return false;
        }
    }

    boolean isOpen() {
        return !closed && opened.getNow(false);
    }

    /** The next event, waiting up to {@code timeout}; null if none came. */
    Event next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every event already waiting, in order. */
    List<Event> drain() {
        List<Event> out = new ArrayList<>();
        events.drainTo(out);
        return out;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        opened.complete(true);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        JsonNode n = Json.parseOrNull(text);
        if (n != null && n.path("type").isTextual()) {
            events.add(new Message(n.get("type").asText(), n.path("data")));
        }
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
        Preview p = decodePreview(bytes.toByteArray());
        if (p != null) {
            events.add(p);
        }
    }

    /** A binary frame as a preview, or null when it is another kind of binary event or too short to be one. */
    static Preview decodePreview(byte[] frame) {
        if (frame.length < 8) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(frame); // big-endian by default, as ComfyUI's struct.pack(">I")
        int event = b.getInt();
        if (event == PREVIEW_IMAGE) {
            int imageType = b.getInt();
            byte[] image = new byte[b.remaining()];
            b.get(image);
            return image.length == 0 ? null : new Preview(image, imageType == 2 ? "image/png" : "image/jpeg");
        }
        if (event == PREVIEW_IMAGE_WITH_METADATA) {
            int length = b.getInt();
            if (length < 0 || length > b.remaining()) {
                return null;
            }
            byte[] meta = new byte[length];
            b.get(meta);
            JsonNode m = Json.parseOrNull(new String(meta, StandardCharsets.UTF_8));
            byte[] image = new byte[b.remaining()];
            b.get(image);
            String type = m == null ? "image/jpeg" : m.path("image_type").asText("image/jpeg");
            return image.length == 0 ? null : new Preview(image, type);
        }
        return null;
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        webSocket.close(1000, null);
        gone("closed by ComfyUI (" + code + ")");
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        gone("closed (" + code + ")");
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        opened.complete(false);
        gone(response != null ? "refused (HTTP " + response.code() + ")" : t.getClass().getSimpleName());
    }

    private void gone(String why) {
        if (!closed) {
            closed = true;
            events.add(new Closed(why));
        }
    }

    @Override
    public void close() {
        closed = true;
        WebSocket s = socket;
        if (s != null && !s.close(1000, null)) {
            s.cancel();
        }
    }
}
