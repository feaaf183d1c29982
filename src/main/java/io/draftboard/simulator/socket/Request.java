package io.draftboard.simulator.socket;

import java.util.Locale;
import java.util.Map;

/** A request, read whole. Header names are lower-case; the query keeps each name's first value. */
public record Request(String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body) {
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
