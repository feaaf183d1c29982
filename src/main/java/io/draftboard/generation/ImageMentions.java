package io.draftboard.generation;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "image N" mentions FLUX.2 uses to tell reference images apart in a prompt. When references are
 * reordered or removed the mentions are renumbered in one pass, so "image 1" and "image 2" can swap without
 * colliding; a mention of a removed image becomes "image ?" so the designer sees it needs rewording.
 */
public final class ImageMentions {
    private static final Pattern MENTION = Pattern.compile("\\b([Ii]mage) (\\d{1,2})\\b");
    public static final String REMOVED = "?";

    private ImageMentions() {
    }

    /** The mention to insert for reference {@code number} (1-based). */
    public static String mention(int number) {
        return "image " + number;
    }

    /**
     * Rewrites mentions after the references were rearranged: {@code before} and {@code after} list the
     * references' identities (hashes) in old and new order.
     */
    public static String renumber(String prompt, List<String> before, List<String> after) {
        Map<Integer, Integer> moves = new java.util.HashMap<>();
        for (int i = 0; i < before.size(); i++) {
            moves.put(i + 1, after.indexOf(before.get(i)) + 1); // 0 when removed
        }
        Matcher m = MENTION.matcher(prompt);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int old = Integer.parseInt(m.group(2));
            Integer now = moves.get(old);
            String number = now == null ? m.group(2) : now == 0 ? REMOVED : Integer.toString(now);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + " " + number));
        }
        m.appendTail(out);
        return out.toString();
    }
}
