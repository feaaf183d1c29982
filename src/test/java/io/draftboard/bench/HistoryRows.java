package io.draftboard.bench;

import io.draftboard.generation.RenderKind;
import io.draftboard.history.GenerationRecord;
import io.draftboard.history.HistoryStore;
import io.draftboard.history.Records;
import io.draftboard.history.StoredReference;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * A realistic history for the benchmarks: varied prompts (some with headlines), one final per seven drafts
 * linked to the draft before it, a fifth of the rows with a reference, a third on BFL, one in forty starred.
 */
final class HistoryRows {
    static final String[] SUBJECTS = {"balloon", "poster", "mug", "sneaker", "bottle", "city skyline",
            "logo mark", "book cover", "app icon", "landing page hero", "tote bag", "business card"};
    static final String[] COLOURS = {"red", "blue", "teal", "pastel pink", "neon green", "gold", "navy",
            "orange", "violet", "monochrome"};
    static final String[] SETTINGS = {"on a wooden table", "in a sunlit studio", "at night", "on the beach",
            "floating in space", "on a marble plinth", "in the rain"};
    private static final String[] STYLES = {"flat illustration", "product photo", "isometric render", "watercolor",
            "risograph print", "3d clay", "line art"};
    private static final String[] HEADLINES = {"SALE", "NEW", "OPEN", "SUMMER", "LAUNCH", "50% OFF", "HELLO", "DRAFT"};

    private HistoryRows() {
    }

    /** Inserts {@code rows} generations in 1,000-row transactions; row n's output image is {@code image.apply(n)}. */
    static void populate(HistoryStore store, int rows, SplittableRandom random, IntFunction<String> image) {
        long lastDraft = 0;
        int batch = 1_000;
        for (int done = 0; done < rows; done += batch) {
            List<GenerationRecord> records = new ArrayList<>(batch);
            for (int i = 0; i < batch && done + i < rows; i++) {
                int n = done + i;
                boolean isFinal = n % 7 == 6;
                List<StoredReference> refs = n % 5 == 0
                        ? List.of(new StoredReference(Records.hash(1_000_000 + random.nextInt(500)), "image/jpeg", 800, 600))
                        : List.of();
                records.add(Records.done(prompt(random), image.apply(n), isFinal ? RenderKind.FINAL : RenderKind.DRAFT,
                        isFinal && lastDraft > 0 ? lastDraft : null, n % 3 == 0 ? "bfl" : "offline", n % 40 == 0, refs));
            }
            List<Long> ids = store.insertAll(records);
            lastDraft = ids.get(ids.size() - 1);
        }
    }

    static String prompt(SplittableRandom r) {
        String p = "A " + COLOURS[r.nextInt(COLOURS.length)] + " " + SUBJECTS[r.nextInt(SUBJECTS.length)] + " "
                + SETTINGS[r.nextInt(SETTINGS.length)] + ", " + STYLES[r.nextInt(STYLES.length)];
        if (r.nextInt(3) == 0) {
            p += ", headline \"" + HEADLINES[r.nextInt(HEADLINES.length)] + "\"";
        }
        return p;
    }
}
