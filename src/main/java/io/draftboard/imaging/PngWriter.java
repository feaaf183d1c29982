package io.draftboard.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one PNG encoder: 8-bit RGB or RGBA, text chunks before the image data. Written by hand rather than
 * through ImageIO because ImageIO's writer cannot emit iTXt with a chosen keyword and is several times slower
 * (it deflates at the highest level); this one is deterministic, so the same pixels always give the same bytes.
 *
 * <p>Text goes out as tEXt when it is Latin-1 (what every PNG-info reader handles) and as uncompressed UTF-8
 * iTXt otherwise, so prompts with emoji or CJK survive (Pillow's rule, peers.md §2).
 */
public final class PngWriter {
    private static final int FILTER_UP = 2;

    private PngWriter() {
    }

    public static byte[] encode(BufferedImage image, List<PngText> texts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.getWidth() * image.getHeight() + 4096);
        try {
            write(image, texts, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    public static void write(BufferedImage image, List<PngText> texts, OutputStream target) throws IOException {
        int width = image.getWidth();
        int height = image.getHeight();
        boolean alpha = image.getColorModel().hasAlpha();
        int channels = alpha ? 4 : 3;

        DataOutputStream out = new DataOutputStream(target);
        out.write(PngChunks.SIGNATURE);

        ByteArrayOutputStream ihdr = new ByteArrayOutputStream(13);
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.writeByte(8);                  // bit depth
        h.writeByte(alpha ? 6 : 2);      // colour type: RGBA or RGB
        h.writeByte(0);                  // deflate
        h.writeByte(0);                  // adaptive filtering
        h.writeByte(0);                  // no interlace
        PngChunks.write(out, "IHDR", ihdr.toByteArray());

        for (PngText text : texts) {
            PngChunks.writeText(out, text);
        }

        PngChunks.write(out, "IDAT", compressPixels(image, width, height, channels, alpha));
        PngChunks.write(out, "IEND", new byte[0]);
        out.flush();
    }

    /** True when {@code s} fits tEXt: Latin-1 with no NUL. */
    public static boolean isLatin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c > 0xff) {
                return false;
            }
        }
        return true;
    }

    private static byte[] compressPixels(BufferedImage image, int width, int height, int channels, boolean alpha) {
        int stride = width * channels;
        // Every row with the Up filter, then level 4 deflate in parallel slices: within a few percent of
        // level 9's size at a fraction of its time, which matters for live drafts encoded on every pause.
        byte[] filtered = new byte[(stride + 1) * height];
        byte[] previous = new byte[stride];
        byte[] current = new byte[stride];
        int[] argb = new int[width];
        for (int y = 0, o = 0; y < height; y++) {
            rowBytes(image, y, width, alpha, argb, current);
            filtered[o++] = FILTER_UP;
            for (int i = 0; i < stride; i++) {
                filtered[o++] = (byte) (current[i] - previous[i]);
            }
            byte[] t = previous;
            previous = current;
            current = t;
        }
        return ParallelDeflate.zlib(filtered, 4);
    }

    private static void rowBytes(BufferedImage image, int y, int width, boolean alpha, int[] argb, byte[] row) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_INT_ARGB) {
            int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            System.arraycopy(data, y * width, argb, 0, width);
        } else if (image.getType() == BufferedImage.TYPE_3BYTE_BGR && !alpha) {
            byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            int base = y * width * 3;
            for (int x = 0, o = 0; x < width; x++, o += 3) {
                row[o] = data[base + o + 2];
                row[o + 1] = data[base + o + 1];
                row[o + 2] = data[base + o];
            }
            return;
        } else {
            image.getRGB(0, y, width, 1, argb, 0, width);
        }
        int o = 0;
        for (int x = 0; x < width; x++) {
            int p = argb[x];
            row[o++] = (byte) (p >>> 16);
            row[o++] = (byte) (p >>> 8);
            row[o++] = (byte) p;
            if (alpha) {
                row[o++] = (byte) (p >>> 24);
            }
        }
    }

}
