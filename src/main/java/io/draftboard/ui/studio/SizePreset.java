package io.draftboard.ui.studio;

import java.util.List;

/** Output sizes by aspect ratio, each a multiple of 16 and close to the megapixels named. */
public record SizePreset(String label, int width, int height) {
    public static final List<SizePreset> ALL = List.of(
            new SizePreset("1:1 \u00b7 1 MP", 1024, 1024),
            new SizePreset("4:3 \u00b7 1 MP", 1152, 864),
            new SizePreset("3:2 \u00b7 1 MP", 1216, 816),
            new SizePreset("16:9 \u00b7 1 MP", 1344, 768),
            new SizePreset("9:16 \u00b7 1 MP", 768, 1344),
            new SizePreset("1:1 \u00b7 0.25 MP", 512, 512),
            new SizePreset("1:1 \u00b7 4 MP", 2048, 2048));

    @Override
    public String toString() {
        return label + "  (" + width + "\u00d7" + height + ")";
    }
}
