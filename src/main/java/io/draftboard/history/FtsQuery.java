package io.draftboard.history;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns whatever a user types into a safe FTS5 MATCH expression: every word becomes a quoted phrase (so
 * {@code "}, {@code *}, {@code NEAR(}, {@code -} or {@code :} are never FTS syntax), all words must match,
 * and the last word matches as a prefix while it is still being typed.
 */
final class FtsQuery {
    private FtsQuery() {
    }

    /** The MATCH expression, or null when the text holds no word at all. */
    static String of(String text) {
        if (text == null) {
            return null;
        }
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else if (word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
        });
        boolean stillTyping = word.length() > 0;
        if (stillTyping) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            return null;
        }
        StringBuilder match = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) {
                match.append(' ');
            }
            match.append('"').append(words.get(i)).append('"');
            if (i == words.size() - 1 && stillTyping) {
                match.append('*');
            }
        }
        return match.toString();
    }
}
