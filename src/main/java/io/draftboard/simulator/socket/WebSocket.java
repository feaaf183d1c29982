package io.draftboard.simulator.socket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** The server side of one websocket: frames out (thread-safe), frames in on the connection's thread. */
public final class WebSocket {
    /** Clients send Draftboard nothing but control frames; anything longer than this ends the connection. */
    private static final long MAX_FRAME_BYTES = 1024 * 1024;

    private final Socket socket;
    private final OutputStream out;
    private volatile boolean open = true;

    WebSocket(Socket socket, OutputStream out) {
        this.socket = socket;
        this.out = out;
    }

    public boolean isOpen() {
        return open;
    }

    public void sendText(String text) {
        send(WebSocketFrames.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public void sendBinary(byte[] data) {
        send(WebSocketFrames.BINARY, data);
    }

    /** Sends a frame; a socket already gone is closed quietly (ComfyUI logs and drops the send too). */
    private synchronized void send(int opcode, byte[] payload) {
        if (!open) {
            return;
        }
        try {
            WebSocketFrames.write(out, opcode, payload);
            out.flush();
        } catch (IOException e) {
            close();
        }
    }

    public void close() {
        open = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Reads client frames until a close or the end of the stream; pings are answered, data is dropped. */
    void readUntilClosed(InputStream in) {
        try {
            while (open) {
                WebSocketFrames.Frame frame = WebSocketFrames.read(in, MAX_FRAME_BYTES);
                if (frame == null) {
                    break;
                }
                byte[] payload = frame.payload();
                if (frame.opcode() == WebSocketFrames.CLOSE) {
                    send(WebSocketFrames.CLOSE, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
                    break;
                }
                if (frame.opcode() == WebSocketFrames.PING) {
                    send(WebSocketFrames.PONG, payload);
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            close();
        }
    }
}
