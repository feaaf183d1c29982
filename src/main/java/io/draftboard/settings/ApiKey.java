package io.draftboard.settings;

import java.util.Locale;
import java.util.Objects;

/**
 * A provider key. Its {@code toString} never shows it, so a key that ends up in a log line, an exception
 * or a debugger's record view prints as {@code ApiKey[****]}; {@link #redact} scrubs it from any text.
 *
 * <p>A key is trimmed of whitespace at both ends, Unicode whitespace included (a key pasted with a trailing
 * non-breaking space works), and must then be printable ASCII without spaces, the only characters an HTTP
 * header carries: anything else is refused with a message that names the character, never the key.
 *
 * <p>A secret is a setting ({@link ProviderKeys} reads and saves them); providers receive keys as
 * {@code Supplier<ApiKey>} and use nothing else of this package.
 */
public final class ApiKey {
    private final String value;

    /** @throws IllegalArgumentException when blank or holding a character a header cannot carry */
    public ApiKey(String value) {
        Objects.requireNonNull(value, "value");
        String v = trim(value);
        if (v.isEmpty()) {
            throw new IllegalArgumentException("an API key must not be blank");
        }
        for (int i = 0; i < v.length(); ) {
            int c = v.codePointAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "the API key contains %s at position %d, "
                        + "which cannot be sent; paste the key again without it",
                        Character.isWhitespace(c) || Character.isSpaceChar(c) ? "a space (U+%04X)".formatted(c)
                                : "the character U+%04X".formatted(c),
                        v.codePointCount(0, i) + 1));
            }
            i += Character.charCount(c);
        }
        this.value = v;
    }

    /** {@code text} without leading and trailing whitespace, Unicode's (no-break and other spaces) included. */
    public static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && blank(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && blank(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    private static boolean blank(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF' || c == '\u200B';
    }

    /** The key itself: only for the one header that carries it. */
    public String reveal() {
        return value;
    }

    /** {@code text} with every occurrence of this key replaced by {@code ****}. */
    public String redact(String text) {
        return text == null ? null : text.replace(value, "****");
    }

    /** The last four characters, for "key ending …abcd" in Settings. */
    public String hint() {
        return value.length() <= 8 ? "****" : "\u2026" + value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return "ApiKey[****]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey k && k.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
