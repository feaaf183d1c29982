package io.draftboard.simulator.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server over a raw socket: keep-alive answers, a 500 for a failing handler, a websocket's control frames. */
class SocketServerTest {
    private final CountDownLatch closed = new CountDownLatch(1);
    private final SocketServer server = new SocketServer(InetAddress.getLoopbackAddress(), "socket-server-test", r -> {
        if (r.path().equals("/ws")) {
            return new Upgrade(ws -> ws.sendText("hi"), ws -> closed.countDown());
        }
        if (r.path().equals("/boom")) {
            throw new IllegalStateException("boom");
        }
        return new Response(200, "text/plain", (r.method() + " " + r.path()).getBytes(StandardCharsets.UTF_8));
    });

    @AfterEach
    void stop() {
        server.close();
    }

    private Socket connect() throws Exception {
        server.listen(0);
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private static String head(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            head.write(in.read());
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void maskedFrame(OutputStream out, int opcode, byte[] payload) throws Exception {
        byte[] mask = {1, 2, 3, 4};
        out.write(0x80 | opcode);
        out.write(0x80 | payload.length);
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
    }

    @Test
    void answersRequestsOneAfterAnotherOnOneConnection() throws Exception {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream());
            out.write("GET /a HTTP/1.1\r\n\r\nGET /boom HTTP/1.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();

            assertThat(head(in)).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Length: 6\r\n");
            assertThat(new String(in.readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("GET /a");
            assertThat(head(in)).startsWith("HTTP/1.1 500 Internal Server Error\r\n");
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"error\":\"simulator error: IllegalStateException\"}");
        }
    }

    @Test
    void aWebsocketAnswersPingsAndEchoesTheClose() throws Exception {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream());
            out.write(("GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();

            assertThat(head(in)).startsWith("HTTP/1.1 101 Switching Protocols\r\n")
                    .contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n");
            WebSocketFrames.Frame greeting = WebSocketFrames.read(in, 1024);
            assertThat(new String(greeting.payload(), StandardCharsets.UTF_8)).isEqualTo("hi");

            maskedFrame(out, WebSocketFrames.PING, new byte[] {9, 8, 7});
            WebSocketFrames.Frame pong = WebSocketFrames.read(in, 1024);
            assertThat(pong.opcode()).isEqualTo(WebSocketFrames.PONG);
            assertThat(pong.payload()).containsExactly(9, 8, 7);

            maskedFrame(out, WebSocketFrames.CLOSE, new byte[] {0x03, (byte) 0xE8, 'b', 'y', 'e'});
            WebSocketFrames.Frame close = WebSocketFrames.read(in, 1024);
            assertThat(close.opcode()).isEqualTo(WebSocketFrames.CLOSE);
            assertThat(close.payload()).as("the status code, 1000").containsExactly(0x03, 0xE8);
            assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void anUpgradeWithoutAKeyIsABadRequest() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write("GET /ws HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();

            assertThat(head(new BufferedInputStream(s.getInputStream()))).startsWith("HTTP/1.1 400 Bad Request\r\n");
        }
    }
}
