package io.draftboard.provider.offline;

import io.draftboard.provider.offline.Vocabulary.Layout;
import io.draftboard.provider.offline.Vocabulary.Mood;
import io.draftboard.provider.offline.Vocabulary.Shape;
import java.awt.Color;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a prompt asks for, as the offline engine reads it: subjects with their colours, the remaining
 * colours as a palette, moods, layout words, and the quoted text to typeset.
 *
 * @param subjects  in prompt order; a colour word just before a subject colours it ("red balloon")
 * @param palette   colours not bound to a subject, in prompt order
 * @param unknown   nouns the engine has no shape for; each still draws a shape seeded by the word
 */
record SceneSpec(List<Subject> subjects, List<Color> palette, Set<Mood> moods, Set<Layout> layouts,
        List<String> quotedText, boolean headline, List<String> unknown) {

    record Subject(Shape shape, Color colour, String word) {
    }

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]{1,80})\"|\u201c([^\u201d]{1,80})\u201d|\u2018([^\u2019]{1,80})\u2019");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*");
    private static final int MAX_UNKNOWN = 3;

    static SceneSpec read(String prompt) {
        List<String> quoted = new ArrayList<>();
        StringBuilder rest = new StringBuilder();
        Matcher q = QUOTED.matcher(prompt);
        int last = 0;
        while (q.find()) {
            String text = q.group(1) != null ? q.group(1) : q.group(2) != null ? q.group(2) : q.group(3);
            if (!text.isBlank() && quoted.size() < 4) {
                quoted.add(text.strip());
            }
            rest.append(prompt, last, q.start()).append(' ');
            last = q.end();
        }
        rest.append(prompt.substring(last));

        List<Subject> subjects = new ArrayList<>();
        List<Color> palette = new ArrayList<>();
        Set<Mood> moods = EnumSet.noneOf(Mood.class);
        Set<Layout> layouts = EnumSet.noneOf(Layout.class);
        List<String> unknown = new ArrayList<>();
        boolean headline = false;
        Color pending = null;
        int modifier = 0; // -1 darker, 1 lighter, 2 vivid, 3 muted

        Matcher w = WORD.matcher(rest.toString().toLowerCase(Locale.ROOT));
        while (w.find()) {
            String word = w.group();
            if (Vocabulary.HEADLINE_WORDS.contains(word)) {
                headline = true;
            }
            Mood mood = Vocabulary.MOODS.get(word);
            if (mood != null && !Vocabulary.DARKER.contains(word)) {
                moods.add(mood);
            }
            Layout layout = Vocabulary.LAYOUTS.get(word);
            if (layout != null) {
                layouts.add(layout);
                continue;
            }
            if (Vocabulary.LIGHTER.contains(word)) {
                modifier = 1;
                continue;
            }
            if (Vocabulary.DARKER.contains(word)) {
                modifier = -1;
                continue;
            }
            if (Vocabulary.VIVID.contains(word)) {
                modifier = 2;
                if (word.equals("bright")) {
                    moods.add(Mood.BRIGHT);
                }
                continue;
            }
            if (Vocabulary.MUTED.contains(word)) {
                modifier = 3;
                continue;
            }
            Shape shape = Vocabulary.SUBJECTS.get(word);
            Color colour = Vocabulary.COLOURS.get(word);
            // "orange" and "rose" are both: a colour when a subject follows, a subject otherwise.
            if (colour != null && (shape == null || followedBySubject(w, rest))) {
                if (pending != null) {
                    palette.add(pending);
                }
                pending = modify(colour, modifier);
                modifier = 0;
                continue;
            }
            if (shape != null) {
                subjects.add(new Subject(shape, pending, word));
                pending = null;
                modifier = 0;
                continue;
            }
            if (mood == null && word.length() >= 4 && !Vocabulary.STOPWORDS.contains(word)
                    && !Vocabulary.HEADLINE_WORDS.contains(word) && unknown.size() < MAX_UNKNOWN
                    && !unknown.contains(word) && Character.isLetter(word.charAt(0))) {
                unknown.add(word);
            }
        }
        if (pending != null) {
            palette.add(pending);
        }
        return new SceneSpec(List.copyOf(subjects), List.copyOf(palette), moods, layouts, List.copyOf(quoted),
                headline, List.copyOf(unknown));
    }

    private static boolean followedBySubject(Matcher current, CharSequence text) {
        Matcher next = WORD.matcher(text.toString().toLowerCase(Locale.ROOT));
        if (!next.find(current.end())) {
            return false;
        }
        String following = next.group();
        return Vocabulary.SUBJECTS.containsKey(following) || Vocabulary.COLOURS.containsKey(following);
    }

    static Color modify(Color c, int modifier) {
        float[] hsb = Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null);
        return switch (modifier) {
            case 1 -> Color.getHSBColor(hsb[0], hsb[1] * 0.45f, Math.min(1f, hsb[2] * 0.35f + 0.65f));
            case -1 -> Color.getHSBColor(hsb[0], Math.min(1f, hsb[1] * 1.1f), hsb[2] * 0.55f);
            case 2 -> Color.getHSBColor(hsb[0], 1f, 1f);
            case 3 -> Color.getHSBColor(hsb[0], hsb[1] * 0.45f, hsb[2] * 0.85f);
            default -> c;
        };
    }
}
