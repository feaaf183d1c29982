package io.draftboard.imaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Blanks secrets out of an image's bytes (a provider that echoes what it was sent may write it into a text or
 * EXIF chunk): every occurrence is overwritten with {@code *} of the same length, so no container length
 * changes, and a PNG's chunk checksums are recomputed. Pixels are untouched unless a secret's bytes happen to
 * appear in compressed pixel data, which a 20-character key does not.
 */
public final class SecretBytes {
    private SecretBytes() {
    }

    /** {@code image} itself when it holds none of {@code secrets}, else a blanked copy. */
    public static byte[] blankOut(byte[] image, List<String> secrets) {
        byte[] out = image;
        for (String secret : secrets) {
            byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
            if (needle.length == 0) {
                continue;
            }
            for (int i = indexOf(out, needle, 0); i >= 0; i = indexOf(out, needle, i + needle.length)) {
                if (out == image) {
                    out = image.clone();
                }
                java.util.Arrays.fill(out, i, i + needle.length, (byte) '*');
            }
        }
        if (out != image && PngMetadata.isPng(out)) {
            fixCrcs(image, out);
        }
        return out;
    }

    /** Recomputes the checksum of each chunk of {@code png} whose data differs from {@code original}'s. */
    private static void fixCrcs(byte[] original, byte[] png) {
        ByteBuffer buf = ByteBuffer.wrap(png);
        int pos = PngChunks.SIGNATURE.length;
        while (pos + 12 <= png.length) {
            long length = buf.getInt(pos) & 0xffffffffL;
            if (length > png.length - pos - 12L) {
                return;
            }
            int len = (int) length;
            byte[] type = java.util.Arrays.copyOfRange(png, pos + 4, pos + 8);
            if (java.util.Arrays.mismatch(original, pos + 8, pos + 8 + len, png, pos + 8, pos + 8 + len) >= 0) {
                buf.putInt(pos + 8 + len, (int) PngChunks.crc(type, png, pos + 8, len));
            }
            if (new String(type, StandardCharsets.ISO_8859_1).equals("IEND")) {
                return;
            }
            pos += 12 + len;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
