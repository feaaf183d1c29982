package io.draftboard.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Uncompressed 24-bit BMP for a picture that only has to reach the screen now: the offline engine's finished
 * draft, shown before its PNG is made. A 1 MP frame is 3 MB, written in a few milliseconds and read by JavaFX in
 * as few, where PNG costs ~100 ms to encode and tens of ms to decode. Never stored: kept renders are PNG
 * ({@link PngWriter}).
 */
public final class BmpWriter {
    private static final int HEADER = 14 + 40;

    private BmpWriter() {
    }

    /** {@code image} as a bottom-up 24-bit BMP; any image type (converted to RGB when it is not one). */
    public static byte[] encode(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_INT_ARGB
                ? ((DataBufferInt) image.getRaster().getDataBuffer()).getData()
                : image.getRGB(0, 0, w, h, null, 0, w);
        int stride = (w * 3 + 3) & ~3; // rows are padded to four bytes
        int size = HEADER + stride * h;
        byte[] out = new byte[size];
        out[0] = 'B';
        out[1] = 'M';
        putInt(out, 2, size);
        putInt(out, 10, HEADER); // where the pixels start
        putInt(out, 14, 40); // BITMAPINFOHEADER
        putInt(out, 18, w);
        putInt(out, 22, h); // positive: the last row first
        out[26] = 1; // planes
        out[28] = 24; // bits per pixel
        putInt(out, 34, stride * h);
        putInt(out, 38, 2835); // 72 dpi, as pixels per metre
        putInt(out, 42, 2835);
        for (int y = 0; y < h; y++) {
            int at = HEADER + (h - 1 - y) * stride;
            for (int x = 0, k = y * w; x < w; x++, k++) {
                int p = rgb[k];
                out[at++] = (byte) p; // blue, green, red
                out[at++] = (byte) (p >> 8);
                out[at++] = (byte) (p >> 16);
            }
        }
        return out;
    }

    private static void putInt(byte[] out, int at, int value) {
        out[at] = (byte) value;
        out[at + 1] = (byte) (value >> 8);
        out[at + 2] = (byte) (value >> 16);
        out[at + 3] = (byte) (value >> 24);
    }
}
