package io.draftboard.ui;

import io.draftboard.generation.Cost;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.RenderKind;
import io.draftboard.history.GenerationRecord;
import io.draftboard.history.GenerationStatus;
import io.draftboard.history.StoredImage;
import io.draftboard.imaging.PngWriter;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;

/** Rows with real images of any size, at any time, put straight into a studio's history for the grid to show. */
public final class HistorySeed {
    private final StudioFixture studio;
    private int made;

    public HistorySeed(StudioFixture studio) {
        this.studio = studio;
    }

    /** A done row rendered at {@code when}, its image {@code width} x {@code height} in a colour of its own. */
    public GenerationRecord add(String prompt, RenderKind kind, boolean starred, int width, int height, Instant when)
            throws Exception {
        made++;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(Color.getHSBColor((made * 0.17f) % 1f, 0.6f, 0.8f));
        g.fillRect(0, 0, width, height);
        g.dispose();
        String hash = studio.images.put(PngWriter.encode(image, List.of()), "image/png");
        GenerationRecord row = new GenerationRecord(0, when, prompt, 1000 + made, kind == RenderKind.FINAL ? 50 : 6,
                5.0, width, height, OutputFormat.PNG, false, 2, List.of(), "offline", "draftboard-procedural-1", kind,
                null, GenerationStatus.DONE, null, null, new StoredImage(hash, "image/png", width, height), Cost.FREE,
                1, 10, 1, null, null, starred, List.of());
        return row.withId(studio.history.insert(row));
    }

    public GenerationRecord add(String prompt, RenderKind kind) throws Exception {
        return add(prompt, kind, false, 64, 64, Instant.now());
    }
}
