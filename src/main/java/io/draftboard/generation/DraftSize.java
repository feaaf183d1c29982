package io.draftboard.generation;

/** A draft's output size: the final's aspect within a pixel cap, sides multiples of 16 as FLUX.2 requires. */
public record DraftSize(int width, int height) {
    private static final int GRID = 16;

    /**
     * The largest size with the aspect of {@code width}×{@code height} and at most {@code maxPixels} pixels;
     * the size itself when it already fits.
     */
    public static DraftSize within(int width, int height, long maxPixels) {
        if ((long) width * height <= maxPixels) {
            return new DraftSize(width, height);
        }
        double scale = Math.sqrt((double) maxPixels / ((double) width * height));
        int w = Math.max(ModelLimits.MIN_SIDE, (int) Math.floor(width * scale / GRID) * GRID);
        int h = Math.max(ModelLimits.MIN_SIDE, (int) Math.floor(height * scale / GRID) * GRID);
        return new DraftSize(w, h);
    }
}
