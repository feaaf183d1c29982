package io.draftboard.imaging;

/**
 * What Draftboard agrees to decode. Checked against the header before any pixel is allocated, so a
 * decompression bomb (a tiny file claiming 30000×30000) costs nothing.
 */
public record ImageLimits(int maxSide, long maxPixels, long maxFileBytes) {
    public static final ImageLimits DEFAULT = new ImageLimits(16_384, 50_000_000L, 64L * 1024 * 1024);
}
