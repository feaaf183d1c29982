package io.draftboard.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lenient value reading shared by the recall conventions. Other tools disagree on types (Fooocus writes the
 * seed as a string, ComfyUI allows seeds past {@code Long.MAX_VALUE}, infotext is all strings), so every
 * reader accepts a number or a numeric string and answers null, never an exception, for anything else.
 */
final class RecallValues {
    /** "1024x768" (A1111, Draw Things), "1024 × 768", or Fooocus's Python tuple "(1024, 768)". */
    private static final Pattern SIZE = Pattern.compile("\\(?\\s*(\\d{1,6})\\s*[x×,]\\s*(\\d{1,6})\\s*\\)?");

    private RecallValues() {
    }

    record Size(Integer width, Integer height) {
        static final Size UNKNOWN = new Size(null, null);
    }

    static Size size(String text) {
        if (text == null) {
            return Size.UNKNOWN;
        }
        Matcher m = SIZE.matcher(text.strip());
        return m.matches() ? new Size(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) : Size.UNKNOWN;
    }

    static String text(JsonNode n) {
        return n != null && n.isTextual() ? n.asText() : null;
    }

    static Long toLong(JsonNode n) {
        return toLong(decimal(n));
    }

    static Integer toInt(JsonNode n) {
        return toInt(decimal(n));
    }

    static Double toDouble(JsonNode n) {
        return toDouble(decimal(n));
    }

    static Long parseLong(String s) {
        return toLong(decimal(s));
    }

    static Integer parseInt(String s) {
        return toInt(decimal(s));
    }

    static Double parseDouble(String s) {
        return toDouble(decimal(s));
    }

    @SafeVarargs
    static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static Long toLong(BigDecimal d) {
        try {
            return d == null ? null : d.longValueExact();
        } catch (ArithmeticException e) {
            return null; // fractional or beyond a long: not a seed we could reproduce
        }
    }

    private static Integer toInt(BigDecimal d) {
        try {
            return d == null ? null : d.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static Double toDouble(BigDecimal d) {
        if (d == null) {
            return null;
        }
        double v = d.doubleValue();
        return Double.isFinite(v) ? v : null;
    }

    private static BigDecimal decimal(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isNumber()) {
            return n.isFloatingPointNumber() && !Double.isFinite(n.doubleValue()) ? null : n.decimalValue();
        }
        return n.isTextual() ? decimal(n.asText()) : null;
    }

    private static BigDecimal decimal(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        // Any real seed, step count or scale fits in 40 characters; a longer string is not one of them.
        if (s.isEmpty() || s.length() > 40) {
            return null;
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
