package io.draftboard.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.Reference;
import io.draftboard.imaging.ContentHash;
import io.draftboard.imaging.ImageCodec;
import io.draftboard.imaging.ImageDecodeException;
import io.draftboard.imaging.ImageInfo;
import io.draftboard.provider.offline.OfflineProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** What the BFL, Runflow and gateway stand-ins share: a loopback JDK server, answers, Bearer tokens, references. */
final class SimHttp {
    private SimHttp() {
    }

    /** A server on 127.0.0.1 only ({@code port} 0: any free one), its handler threads daemons named {@code name}. */
    static HttpServer start(int port, String name, com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/", handler);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return server;
    }

    static void stop(HttpServer server) {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    /**
     * The token of an {@code Authorization: Bearer …} header, or null when there is none (a missing header, another
     * scheme, a blank token): both Runflow and OpenAI-style APIs take nothing else.
     */
    static String bearer(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = h.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    static String body(HttpExchange ex) throws IOException {
        return new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** A reference as a provider receives it: a {@code data:image/…;base64,} URI, decoded and probed. */
    static Reference dataUri(String uri) throws ImageDecodeException {
        int comma = uri == null ? -1 : uri.indexOf(',');
        if (comma < 0 || !uri.startsWith("data:image/") || comma < 0 || !uri.substring(0, comma).endsWith(";base64")) {
            throw new ImageDecodeException("not a data:image/…;base64 URI");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(uri.substring(comma + 1));
        } catch (IllegalArgumentException e) {
            throw new ImageDecodeException("its base64 is broken");
        }
        return reference(bytes);
    }

    static Reference reference(byte[] bytes) throws ImageDecodeException {
        ImageInfo info = ImageCodec.probe(bytes);
        return new Reference(ContentHash.sha256(bytes), info.mediaType(), info.width(), info.height(), bytes);
    }

    /** Renders with the offline engine; a failure is the simulated provider's own problem, unchecked. */
    static io.draftboard.generation.GenerationResult render(OfflineProvider engine,
            io.draftboard.generation.GenerationRequest r) {
        try {
            return engine.generate(r, JobContext.none());
        } catch (ProviderException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static void send(HttpExchange ex, int code, String body) throws IOException {
        send(ex, code, body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    static void send(HttpExchange ex, int code, byte[] bytes, String type) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
