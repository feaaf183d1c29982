package io.draftboard.ui.studio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Output sizes by aspect ratio and megapixels, each side a multiple of 16 and the area within the target. */
public record SizePreset(String label, int width, int height) {
    private static final int[][] ASPECTS = {{1, 1}, {4, 3}, {3, 4}, {3, 2}, {2, 3}, {16, 9}, {9, 16}, {21, 9}};
    private static final double[] MEGAPIXELS = {0.25, 1, 2, 4};

    public static final List<SizePreset> ALL = build();

    private static List<SizePreset> build() {
        List<SizePreset> all = new ArrayList<>();
        for (double mp : MEGAPIXELS) {
            for (int[] a : ASPECTS) {
                all.add(of(a[0], a[1], mp));
            }
        }
        // 1 MP first: the usual draft-and-final size for mockups.
        all.sort(java.util.Comparator.comparingInt((SizePreset p) -> p.label.endsWith(" 1 MP") ? 0 : 1));
        return List.copyOf(all);
    }

    /**
     * The largest size of aspect {@code a}:{@code b} on the 16-pixel grid within {@code megapixels} (2^20 px).
     * The short side is fixed first and the long side follows from it, whichever way round the aspect is, so
     * 3:4 is exactly 4:3 turned on its side (and the area stays within the target).
     */
    public static SizePreset of(int a, int b, double megapixels) {
        double pixels = megapixels * (1 << 20);
        int longer = Math.max(a, b);
        int shorter = Math.min(a, b);
        int shortSide = (int) Math.floor(Math.sqrt(pixels * shorter / longer) / 16) * 16;
        int longSide = (int) Math.floor((double) shortSide * longer / shorter / 16) * 16;
        int w = a >= b ? longSide : shortSide;
        int h = a >= b ? shortSide : longSide;
        String mp = megapixels == Math.rint(megapixels) ? Integer.toString((int) megapixels)
                : String.format(Locale.ROOT, "%.2f", megapixels);
        return new SizePreset(a + ":" + b + " \u00b7 " + mp + " MP", w, h);
    }

    public static Optional<SizePreset> matching(int width, int height) {
        return ALL.stream().filter(p -> p.width == width && p.height == height).findFirst();
    }

    @Override
    public String toString() {
        return label + "  (" + width + "\u00d7" + height + ")";
    }
}
