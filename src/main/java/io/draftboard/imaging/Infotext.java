package io.draftboard.imaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AUTOMATIC1111's "infotext", the {@code parameters} PNG text most tools read and write: the prompt (any
 * number of lines), an optional {@code Negative prompt:} section, then one line of {@code Key: value}
 * pairs. Values holding a comma, colon, quote or newline are written as JSON strings, as A1111 does.
 */
public final class Infotext {
    /** A1111's own pattern for one parameter (modules/infotext_utils.py). */
    private static final Pattern PARAM = Pattern.compile("\\s*(\\w[\\w \\-/]+):\\s*(\"(?:\\\\.|[^\\\\\"])+\"|[^,]*)(?:,|$)");
    private static final String NEGATIVE = "Negative prompt:";

    private Infotext() {
    }

    public record Parsed(String prompt, String negativePrompt, Map<String, String> params) {
    }

    public static String format(String prompt, String negativePrompt, LinkedHashMap<String, String> params) {
        StringBuilder b = new StringBuilder(prompt.strip());
        if (negativePrompt != null && !negativePrompt.isBlank()) {
            b.append('\n').append(NEGATIVE).append(' ').append(negativePrompt.strip());
        }
        StringBuilder line = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (line.length() > 0) {
                line.append(", ");
            }
            line.append(e.getKey()).append(": ").append(quote(e.getValue()));
        }
        if (line.length() > 0) {
            b.append('\n').append(line);
        }
        return b.toString();
    }

    public static Parsed parse(String text) {
        List<String> lines = new ArrayList<>(List.of(text.strip().split("\n", -1)));
        Map<String, String> params = new LinkedHashMap<>();
        if (!lines.isEmpty()) {
            String last = lines.get(lines.size() - 1);
            Matcher m = PARAM.matcher(last);
            Map<String, String> found = new LinkedHashMap<>();
            while (m.find()) {
                if (m.group(1) == null) {
                    continue;
                }
                found.put(m.group(1).strip(), unquote(m.group(2).strip()));
            }
            // As in A1111: a last line with fewer than three pairs is part of the prompt, not parameters.
            if (found.size() >= 3 || (lines.size() > 1 && found.size() >= 1 && last.matches("^\\w[\\w \\-/]+:.*"))) {
                params = found;
                lines.remove(lines.size() - 1);
            }
        }
        StringBuilder prompt = new StringBuilder();
        StringBuilder negative = null;
        for (String line : lines) {
            if (negative == null && line.startsWith(NEGATIVE)) {
                negative = new StringBuilder(line.substring(NEGATIVE.length()).strip());
            } else if (negative != null) {
                negative.append('\n').append(line);
            } else {
                if (prompt.length() > 0) {
                    prompt.append('\n');
                }
                prompt.append(line);
            }
        }
        return new Parsed(prompt.toString(), negative == null ? null : negative.toString(), params);
    }

    static String quote(String value) {
        if (value.indexOf(',') < 0 && value.indexOf(':') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                char n = value.charAt(++i);
                switch (n) {
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    default -> b.append(n);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
