package io.draftboard.simulator.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.json.Json;
import io.draftboard.simulator.socket.Upgrade;
import io.draftboard.simulator.socket.WebSocket;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code /ws} clients, as ComfyUI's {@code PromptServer} keeps them: one socket per client id (a reconnect
 * replaces the old one), a {@code status} greeting, and {@code send_sync} to one client or all. Nothing is sent
 * on behalf of a process a restart has ended (its epoch is stale).
 */
final class ClientSockets {
    private final PromptQueue queue;
    private final int previewSize;
    private final AtomicInteger previews = new AtomicInteger();
    private final Map<String, WebSocket> sockets = new ConcurrentHashMap<>();
    /** The client of the prompt running, and the node it is in: told again to that client if it reconnects. */
    private volatile String clientId;
    private volatile String lastNodeId;

    /** {@code previewSize}: the longest side of preview frames (ComfyUI's {@code --preview-size}). */
    ClientSockets(PromptQueue queue, int previewSize) {
        this.queue = queue;
        this.previewSize = previewSize;
    }

    /** The upgrade for {@code GET /ws?clientId=}; an empty id gets a fresh one, as ComfyUI gives. */
    Upgrade connect(String requestedId) {
        String id = requestedId.isEmpty() ? UUID.randomUUID().toString().replace("-", "") : requestedId;
        return new Upgrade(ws -> opened(id, ws), ws -> sockets.remove(id, ws));
    }

    private void opened(String sid, WebSocket ws) {
        WebSocket old = sockets.put(sid, ws);
        if (old != null && old != ws) {
            old.close();
        }
        ObjectNode data = Json.object();
        data.set("status", queue.status());
        data.put("sid", sid);
        ws.sendText(message("status", data));
        String last = lastNodeId;
        if (sid.equals(clientId) && last != null) {
            ws.sendText(message("executing", Json.object().put("node", last)));
        }
    }

    private static String message(String type, JsonNode data) {
        ObjectNode m = Json.object();
        m.put("type", type);
        m.set("data", data);
        return Json.write(m);
    }

    /** A prompt of {@code sid} (null: none) starts running. */
    void running(String sid) {
        clientId = sid;
    }

    /** The node now executing, or null when the prompt is done. */
    void executing(String nodeId) {
        lastNodeId = nodeId;
    }

    /** ComfyUI's send_sync: to one client, or to every socket when {@code sid} is null. */
    void send(String type, JsonNode data, String sid, int epochOfSender) {
        if (!queue.current(epochOfSender)) {
            return; // a restart happened: that process is gone
        }
        String text = message(type, data);
        if (sid == null) {
            sockets.values().forEach(ws -> ws.sendText(text));
        } else {
            WebSocket ws = sockets.get(sid);
            if (ws != null) {
                ws.sendText(text);
            }
        }
    }

    /** Tells every client the queue changed ({@code status}). */
    void queueUpdated() {
        ObjectNode data = Json.object();
        data.set("status", queue.status());
        send("status", data, null, queue.epoch());
    }

    /** Sends {@code image} as a binary preview frame to {@code sid}, if it has a socket. */
    void sendPreview(String sid, int epochOfSender, BufferedImage image) {
        WebSocket ws = sockets.get(sid);
        if (ws == null) {
            return;
        }
        byte[] frame = PreviewFrame.encode(image, previewSize);
        if (frame == null || !queue.current(epochOfSender)) {
            return;
        }
        ws.sendBinary(frame);
        previews.incrementAndGet();
    }

    /** Preview frames sent. */
    int previewFrames() {
        return previews.get();
    }

    /** A restart: every connection drops. */
    void closeAll() {
        sockets.values().forEach(WebSocket::close);
        sockets.clear();
    }
}
