package io.draftboard.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.function.Supplier;

/**
 * What reaches the terminal is text, never commands to it. A provider's revised prompt, an error body or a
 * prompt someone typed can hold escape sequences (clear the screen, set the window title), a bell, NUL, C1
 * controls or bidi overrides that make text read backwards; the CLI stores such text as it was and escapes it
 * on the way out as {@code \\uXXXX}, which is also JSON's own escape, so {@code --json} output stays valid and
 * reads back to the stored text.
 */
final class Terminal {
    private Terminal() {
    }

    /** Whether {@code c} must not reach a terminal raw (tab and line feed aside, which {@link #oneLine} handles). */
    static boolean unsafe(int c) {
        return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f)
                || c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
    }

    /** {@code text} for one line of output: every unsafe character, tab and line break escaped. */
    static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(c) || c == '\n' || c == '\t') {
                escape(b, c);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static void escape(StringBuilder b, char c) {
        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
    }

    /**
     * Everything a command prints goes through this: unsafe characters escaped (a carriage return only as part
     * of a line break), and every configured key replaced by {@code ****}, the last guard before the screen.
     */
    static final class SafeWriter extends FilterWriter {
        private final Supplier<List<String>> secrets;

        SafeWriter(Writer out, Supplier<List<String>> secrets) {
            super(out);
            this.secrets = secrets;
        }

        @Override
        public void write(int c) throws IOException {
            write(String.valueOf((char) c));
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            write(new String(buffer, offset, length));
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            String s = text.substring(offset, offset + length);
            for (String secret : secrets.get()) {
                if (!secret.isEmpty()) {
                    s = s.replace(secret, "****");
                }
            }
            StringBuilder b = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean lineBreak = c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n';
                if (unsafe(c) && !lineBreak) {
                    escape(b, c);
                } else {
                    b.append(c);
                }
            }
            out.write(b.toString());
        }
    }
}
