package io.draftboard.imaging;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds an image's EXIF block (the TIFF structure) by walking the container's own framing: JPEG segments, PNG
 * chunks, WebP's RIFF chunks. Nothing is decompressed and nothing but the EXIF block is parsed, so a PNG whose
 * zTXt inflates to gigabytes, or a JPEG with a hostile XMP or ICC segment, costs one pass over the bytes. The
 * block is refused before it is read when it is larger than {@link #MAX_BYTES}.
 */
final class ExifBlock {
    /** JPEG caps EXIF at 64 KB; 1 MB leaves room for PNG's eXIf and WebP's EXIF chunks with a thumbnail. */
    static final int MAX_BYTES = 1024 * 1024;
    private static final byte[] PREAMBLE = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);

    private ExifBlock() {
    }

    /** The TIFF bytes of the EXIF block, or null when there is none (or it is too large or malformed). */
    static byte[] find(byte[] bytes) {
        String type = ImageCodec.sniff(bytes);
        if (type == null) {
            return null;
        }
        return switch (type) {
            case ImageCodec.JPEG -> jpeg(bytes);
            case ImageCodec.PNG -> png(bytes);
            default -> webp(bytes);
        };
    }

    /** APP1 segments before the scan: the first that starts with the EXIF preamble. */
    private static byte[] jpeg(byte[] b) {
        int pos = 2;
        while (pos + 4 <= b.length) {
            if ((b[pos] & 0xff) != 0xff) {
                return null;
            }
            int marker = b[pos + 1] & 0xff;
            if (marker == 0xff) {
                pos++; // fill byte
                continue;
            }
            if (marker == 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker == 0x01) {
                pos += 2; // no length
                continue;
            }
            if (marker == 0xda || marker == 0xd9) {
                return null; // the scan starts: EXIF comes before it
            }
            int length = ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
            int start = pos + 4;
            int end = pos + 2 + length;
            if (length < 2 || end > b.length) {
                return null;
            }
            if (marker == 0xe1 && startsWith(b, start, end, PREAMBLE)) {
                return Arrays.copyOfRange(b, start + PREAMBLE.length, end);
            }
            pos = end;
        }
        return null;
    }

    /** The eXIf chunk (some writers prefix the JPEG preamble), anywhere before IEND. */
    private static byte[] png(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        int pos = PngChunks.SIGNATURE.length;
        while (pos + 12 <= b.length) {
            long length = buf.getInt(pos) & 0xffffffffL;
            if (length > b.length - pos - 12L) {
                return null;
            }
            String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (type.equals("eXIf")) {
                return block(b, pos + 8, pos + 8 + (int) length);
            }
            if (type.equals("IEND")) {
                return null;
            }
            pos += 12 + (int) length;
        }
        return null;
    }

    /** RIFF chunks after "WEBP": the EXIF one, little-endian sizes, padded to even. */
    private static byte[] webp(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        while (pos + 8 <= b.length) {
            String type = new String(b, pos, 4, StandardCharsets.ISO_8859_1);
            long length = buf.getInt(pos + 4) & 0xffffffffL;
            if (length > b.length - pos - 8L) {
                return null;
            }
            if (type.equals("EXIF")) {
                return block(b, pos + 8, pos + 8 + (int) length);
            }
            pos += 8 + (int) (length + (length & 1));
        }
        return null;
    }

    private static byte[] block(byte[] b, int start, int end) {
        if (startsWith(b, start, end, PREAMBLE)) {
            start += PREAMBLE.length;
        }
        if (end - start > MAX_BYTES || end - start < 8) {
            return null;
        }
        return Arrays.copyOfRange(b, start, end);
    }

    private static boolean startsWith(byte[] b, int start, int end, byte[] prefix) {
        if (end - start < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[start + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
