package io.draftboard.simulator.socket;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads HTTP/1.1 requests off a connection, one after another (keep-alive): the request line, headers, and a
 * Content-Length or chunked body, each bounded so a client cannot make the simulator hold unbounded memory.
 */
final class RequestReader {
    static final int MAX_HEADER_BYTES = 64 * 1024;
    static final long MAX_BODY_BYTES = 128L * 1024 * 1024;

    private RequestReader() {
    }

    /** One request, or null at the end of the stream. */
    static Request read(InputStream in) throws IOException {
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
        byte[] body = body(in, headers);
        String target = parts[1];
        int q = target.indexOf('?');
        String path = URLDecoder.decode(q < 0 ? target : target.substring(0, q), StandardCharsets.UTF_8);
        Map<String, String> query = q < 0 ? new LinkedHashMap<>() : query(target.substring(q + 1));
        return new Request(parts[0].toUpperCase(Locale.ROOT), path, query, headers, body);
    }

    private static byte[] body(InputStream in, Map<String, String> headers) throws IOException {
        String length = headers.get("content-length");
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return chunked(in);
        }
        if (length == null) {
            return new byte[0];
        }
        long n = Long.parseLong(length.strip());
        if (n < 0 || n > MAX_BODY_BYTES) {
            throw new IOException("body too large");
        }
        byte[] body = in.readNBytes((int) n);
        if (body.length < n) {
            throw new EOFException();
        }
        return body;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
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

    /**
     * A CRLF-terminated line (ISO-8859-1), or null at the end of the stream. {@code first}: a reset before the
     * request line is a client closing an idle keep-alive connection, not an error.
     */
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
}
