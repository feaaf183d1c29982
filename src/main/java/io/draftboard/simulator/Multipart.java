package io.draftboard.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough of multipart/form-data (RFC 7578) for the gateway stand-in's {@code images/edits}. */
final class Multipart {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

    /** One part: its field name, its file name (null for a plain field), its type and bytes. */
    record Part(String name, String filename, String contentType, byte[] bytes) {
    }

    private Multipart() {
    }

    static List<Part> parse(String contentType, byte[] body) {
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
            String headers = chunk.substring(0, headersEnd);
            String content = chunk.substring(headersEnd + 4);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            Matcher name = NAME.matcher(headers);
            if (!name.find()) {
                continue;
            }
            Matcher file = FILENAME.matcher(headers);
            String type = null;
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    type = line.substring("content-type:".length()).strip();
                }
            }
            parts.add(new Part(name.group(1), file.find() ? file.group(1) : null, type,
                    content.getBytes(StandardCharsets.ISO_8859_1)));
        }
        return parts;
    }
}
