package io.draftboard.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of multipart/form-data (RFC 7578) for the stand-ins' uploads: the gateway's {@code images/edits}
 * and ComfyUI's {@code /upload/image}.
 */
public final class Multipart {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");

    /** One part: its field name, its file name (null for a plain field), its type and bytes. */
    public record Part(String name, String filename, String contentType, byte[] bytes) {
        /** The bytes as UTF-8 text, as a form field's value is sent. */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private Multipart() {
    }

    /** The parts in the order sent; IllegalArgumentException when the body is not multipart/form-data. */
    public static List<Part> parse(String contentType, byte[] body) {
        Matcher b = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data") || !b.find()) {
            throw new IllegalArgumentException("no multipart/form-data boundary");
        }
        // ISO-8859-1 maps every byte to one char and back, so file parts survive the split unchanged.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + b.group(1);
        List<Part> parts = new ArrayList<>();
        for (String chunk : text.split(Pattern.quote(delimiter))) {
            if (chunk.isEmpty() || chunk.startsWith("--")) {
                continue;
            }
            int headersEnd = chunk.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                continue;
            }
            // Header values (a file's name above all) are UTF-8, as browsers, OkHttp and curl send them.
            String headers = new String(chunk.substring(0, headersEnd).getBytes(StandardCharsets.ISO_8859_1),
                    StandardCharsets.UTF_8);
            String content = chunk.substring(headersEnd + 4);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            String name = disposition(headers, "name");
            if (name == null) {
                continue;
            }
            parts.add(new Part(name, disposition(headers, "filename"), header(headers, "content-type"),
                    content.getBytes(StandardCharsets.ISO_8859_1)));
        }
        return parts;
    }

    /** The first part named {@code name}, as a form parser that keeps a field's first value finds it. */
    public static Optional<Part> first(List<Part> parts, String name) {
        return parts.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** A parameter of Content-Disposition, quoted or not ({@code name} is not found inside {@code filename}). */
    private static String disposition(String headers, String attribute) {
        String line = header(headers, "content-disposition");
        if (line == null) {
            return null;
        }
        for (String piece : line.split(";")) {
            String p = piece.strip();
            if (p.startsWith(attribute + "=")) {
                return p.substring(attribute.length() + 1).replace("\"", "");
            }
        }
        return null;
    }

    private static String header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith(name + ":")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        return null;
    }
}
