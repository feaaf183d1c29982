package io.draftboard.simulator.socket;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP/1.1 server on a raw socket, with RFC 6455 websockets on the same port, because the JDK's HTTP
 * server cannot upgrade a connection and ComfyUI serves {@code /ws} beside its HTTP routes. Loopback only;
 * enough for Draftboard's OkHttp client, curl and a browser: Content-Length or chunked request bodies
 * ({@link RequestReader}), keep-alive, Content-Length responses ({@link Response}); websocket frames in
 * {@link WebSocketFrames}. Not a general-purpose server.
 */
public final class SocketServer implements AutoCloseable {
    private final InetAddress address;
    private final Handler handler;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads;
    private volatile ServerSocket listening;
    private volatile CountDownLatch acceptStopped = new CountDownLatch(0);
    private volatile int port;

    /** {@code threadName}: what its daemon threads are called, to tell them apart in a thread dump. */
    public SocketServer(InetAddress address, String threadName, Handler handler) {
        this.address = address;
        this.handler = handler;
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Listens on {@code port} (0: any free port; the same port again after {@link #stopListening}). */
    public synchronized void listen(int requestedPort) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(address, requestedPort), 64);
        listening = s;
        port = s.getLocalPort();
        CountDownLatch stopped = new CountDownLatch(1);
        acceptStopped = stopped;
        threads.execute(() -> {
            try {
                accept(s);
            } finally {
                stopped.countDown();
            }
        });
    }

    public int port() {
        return port;
    }

    /** Stops accepting and drops every open connection, websockets included (a server process going away). */
    public synchronized void stopListening() {
        ServerSocket s = listening;
        listening = null;
        if (s != null) {
            closeQuietly(s);
        }
        connections.forEach(SocketServer::closeQuietly);
        connections.clear();
        try {
            // The JDK releases the port only once the thread blocked in accept() has left it.
            acceptStopped.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopListening();
        threads.shutdownNow();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
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
                Request request = RequestReader.read(in);
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
                ((Response) answer).writeTo(out);
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

    private static void upgrade(Socket c, InputStream in, OutputStream out, Request request, Upgrade u)
            throws IOException {
        String key = request.header("sec-websocket-key");
        String upgrade = request.header("upgrade");
        if (key == null || upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            Response.json(400, "{\"error\":\"expected a websocket upgrade\"}").writeTo(out);
            return;
        }
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + WebSocketFrames.acceptKey(key) + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
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
}
