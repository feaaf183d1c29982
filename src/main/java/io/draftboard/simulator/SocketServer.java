package io.draftboard.simulator;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP/1.1 server on a raw socket, with RFC 6455 websockets on the same port, because the JDK's HTTP
 * server cannot upgrade a connection and ComfyUI serves {@code /ws} beside its HTTP routes. Loopback only;
 * enough for Draftboard's OkHttp client, curl and a browser: Content-Length or chunked request bodies,
 * keep-alive, Content-Length responses; server frames unmasked, client frames unmasked on read, ping answered,
 * close echoed. Not a general-purpose server.
 */
final class SocketServer implements AutoCloseable {
    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final long MAX_BODY_BYTES = 128L * 1024 * 1024;

    /** A request, read whole. Header names are lower-case; the query keeps each name's first value. */
    record Request(String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** What a handler answers: a response, or an upgrade to a websocket. */
    sealed interface Answer permits Response, Upgrade {
    }

    record Response(int status, String contentType, byte[] body) implements Answer {
        static Response json(int status, String json) {
            return new Response(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
        }

        static Response empty(int status) {
            return new Response(status, null, new byte[0]);
        }
    }

    /** Switch this connection to a websocket; {@code opened} runs on the connection's thread once it is one. */
    record Upgrade(java.util.function.Consumer<WebSocket> opened, java.util.function.Consumer<WebSocket> closed)
            implements Answer {
    }

    @FunctionalInterface
    interface Handler {
        Answer handle(Request request) throws IOException;
    }

    /** The server side of one websocket: frames out (thread-safe), frames in on the connection's thread. */
    static final class WebSocket {
        private final Socket socket;
        private final OutputStream out;
        private volatile boolean open = true;

        WebSocket(Socket socket, OutputStream out) {
            this.socket = socket;
            this.out = out;
        }

        boolean isOpen() {
            return open;
        }

        void sendText(String text) {
            send(0x1, text.getBytes(StandardCharsets.UTF_8));
        }

        void sendBinary(byte[] data) {
            send(0x2, data);
        }

        /** Sends a frame; a socket already gone is closed quietly (ComfyUI logs and drops the send too). */
        synchronized void send(int opcode, byte[] payload) {
            if (!open) {
                return;
            }
            try {
                out.write(0x80 | opcode);
                int n = payload.length;
                if (n < 126) {
                    out.write(n);
                } else if (n <= 0xFFFF) {
                    out.write(126);
                    out.write(n >>> 8);
                    out.write(n & 0xFF);
                } else {
                    out.write(127);
                    for (int shift = 56; shift >= 0; shift -= 8) {
                        out.write((int) ((long) n >>> shift) & 0xFF);
                    }
                }
                out.write(payload);
                out.flush();
            } catch (IOException e) {
                close();
            }
        }

        void close() {
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
                    int b0 = in.read();
                    int b1 = in.read();
                    if (b0 < 0 || b1 < 0) {
                        break;
                    }
                    int opcode = b0 & 0x0F;
                    long length = b1 & 0x7F;
                    if (length == 126) {
                        length = (readByte(in) << 8) | readByte(in);
                    } else if (length == 127) {
                        length = 0;
                        for (int i = 0; i < 8; i++) {
                            length = (length << 8) | readByte(in);
                        }
                    }
                    if (length > MAX_HEADER_BYTES * 16L) {
                        break;
                    }
                    byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
                    byte[] payload = in.readNBytes((int) length);
                    if (payload.length < length) {
                        break;
                    }
                    if (mask != null) {
                        for (int i = 0; i < payload.length; i++) {
                            payload[i] ^= mask[i % 4];
                        }
                    }
                    if (opcode == 0x8) {
                        send(0x8, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
                        break;
                    }
                    if (opcode == 0x9) {
                        send(0xA, payload);
                    }
                }
            } catch (IOException e) {
                // the client went away
            } finally {
                close();
            }
        }

        private static int readByte(InputStream in) throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            return b;
        }
    }

    private final InetAddress address;
    private final Handler handler;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "comfyui-simulator-http");
        t.setDaemon(true);
        return t;
    });
    private volatile ServerSocket listening;
    private volatile java.util.concurrent.CountDownLatch acceptStopped = new java.util.concurrent.CountDownLatch(0);
    private volatile int port;

    SocketServer(InetAddress address, Handler handler) {
        this.address = address;
        this.handler = handler;
    }

    /** Listens on {@code port} (0: any free port; the same port again after {@link #stopListening}). */
    synchronized void listen(int requestedPort) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(address, requestedPort), 64);
        listening = s;
        port = s.getLocalPort();
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        acceptStopped = stopped;
        threads.execute(() -> {
            try {
                accept(s);
            } finally {
                stopped.countDown();
            }
        });
    }

    int port() {
        return port;
    }

    /** Stops accepting and drops every open connection, websockets included (a server process going away). */
    synchronized void stopListening() {
        ServerSocket s = listening;
        listening = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        for (Socket c : connections) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        connections.clear();
        try {
            // The JDK releases the port only once the thread blocked in accept() has left it.
            acceptStopped.await(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopListening();
        threads.shutdownNow();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket c = s.accept();
                connections.add(c);
                threads.execute(() -> serve(c));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket c) {
        try (c) {
            c.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(c.getInputStream());
            OutputStream out = c.getOutputStream();
            while (true) {
                Request request = read(in);
                if (request == null) {
                    return;
                }
                Answer answer;
                try {
                    answer = handler.handle(request);
                } catch (RuntimeException e) {
                    answer = Response.json(500, "{\"error\":\"simulator error: " + e.getClass().getSimpleName() + "\"}");
                }
                if (answer instanceof Upgrade u) {
                    upgrade(c, in, out, request, u);
                    return;
                }
                Response r = (Response) answer;
                write(out, r);
                if ("close".equalsIgnoreCase(request.header("connection"))) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away, or the server is stopping
        } finally {
            connections.remove(c);
        }
    }

    private static void upgrade(Socket c, InputStream in, OutputStream out, Request request, Upgrade u) throws IOException {
        String key = request.header("sec-websocket-key");
        String upgrade = request.header("upgrade");
        if (key == null || upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            write(out, Response.json(400, "{\"error\":\"expected a websocket upgrade\"}"));
            return;
        }
        String accept = Base64.getEncoder().encodeToString(sha1((key.strip() + WEBSOCKET_GUID)
                .getBytes(StandardCharsets.ISO_8859_1)));
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        c.setSoTimeout(0);
        WebSocket ws = new WebSocket(c, out);
        try {
            u.opened().accept(ws);
            ws.readUntilClosed(in);
        } finally {
            ws.close();
            u.closed().accept(ws);
        }
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /** One request, or null at the end of the stream. */
    private static Request read(InputStream in) throws IOException {
        String requestLine = line(in, true);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length < 3) {
            throw new IOException("bad request line");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        int total = requestLine.length();
        for (String h = line(in, false); h != null && !h.isEmpty(); h = line(in, false)) {
            total += h.length();
            if (total > MAX_HEADER_BYTES) {
                throw new IOException("headers too large");
            }
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
            }
        }
        byte[] body;
        String length = headers.get("content-length");
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked(in);
        } else if (length != null) {
            long n = Long.parseLong(length.strip());
            if (n < 0 || n > MAX_BODY_BYTES) {
                throw new IOException("body too large");
            }
            body = in.readNBytes((int) n);
            if (body.length < n) {
                throw new EOFException();
            }
        } else {
            body = new byte[0];
        }
        String target = parts[1];
        int q = target.indexOf('?');
        String path = URLDecoder.decode(q < 0 ? target : target.substring(0, q), StandardCharsets.UTF_8);
        Map<String, String> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : target.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.putIfAbsent(name, value);
            }
        }
        return new Request(parts[0].toUpperCase(Locale.ROOT), path, query, headers, body);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in, false);
            if (size == null) {
                throw new EOFException();
            }
            int semicolon = size.indexOf(';');
            long n = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
            if (n == 0) {
                for (String trailer = line(in, false); trailer != null && !trailer.isEmpty(); trailer = line(in, false)) {
                    // trailers are ignored
                }
                return body.toByteArray();
            }
            if (body.size() + n > MAX_BODY_BYTES) {
                throw new IOException("body too large");
            }
            byte[] chunk = in.readNBytes((int) n);
            if (chunk.length < n) {
                throw new EOFException();
            }
            body.write(chunk);
            line(in, false);
        }
    }

    /** A CRLF-terminated line (ISO-8859-1), or null at the end of the stream. */
    private static String line(InputStream in, boolean first) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (SocketException e) {
                if (first && sb.length() == 0) {
                    return null;
                }
                throw e;
            }
            if (b < 0) {
                if (sb.length() == 0) {
                    return null;
                }
                throw new EOFException();
            }
            if (b == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) b);
            if (sb.length() > MAX_HEADER_BYTES) {
                throw new IOException("line too long");
            }
        }
    }

    private static void write(OutputStream out, Response r) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(r.status()).append(' ').append(reason(r.status()))
                .append("\r\n");
        if (r.contentType() != null) {
            head.append("Content-Type: ").append(r.contentType()).append("\r\n");
        }
        head.append("Content-Length: ").append(r.body().length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(r.body());
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 500 -> "Internal Server Error";
            default -> "Status";
        };
    }
}
