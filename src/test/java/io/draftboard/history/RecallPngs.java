package io.draftboard.history;

import io.draftboard.imaging.ImageDecodeException;
import io.draftboard.imaging.PngMetadata;
import io.draftboard.imaging.PngText;
import io.draftboard.imaging.PngWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Real PNG files carrying other tools' metadata, built in code. Draftboard's writer only emits tEXt and
 * uncompressed iTXt, so the zTXt and compressed iTXt that Qt- and zlib-based tools write are assembled here
 * byte by byte.
 */
final class RecallPngs {
    private RecallPngs() {
    }

    /** A 4×4 PNG with {@code texts} added by {@link PngMetadata#withText}: tEXt when Latin-1, else iTXt. */
    static byte[] png(PngText... texts) {
        try {
            byte[] blank = PngWriter.encode(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), List.of());
            return PngMetadata.withText(blank, List.of(texts));
        } catch (ImageDecodeException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code png} with a zTXt chunk (deflated Latin-1) inserted right after IHDR. */
    static byte[] withZtxt(byte[] png, String keyword, String latin1Text) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(keyword.getBytes(StandardCharsets.ISO_8859_1));
        body.write(0);
        body.write(0); // compression method: deflate
        body.writeBytes(deflate(latin1Text.getBytes(StandardCharsets.ISO_8859_1)));
        return afterHeader(png, "zTXt", body.toByteArray());
    }

    /** {@code png} with a deflated UTF-8 iTXt chunk inserted right after IHDR. */
    static byte[] withCompressedItxt(byte[] png, String keyword, String text) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(keyword.getBytes(StandardCharsets.ISO_8859_1));
        body.write(0);
        body.write(1); // compressed
        body.write(0); // deflate
        body.write(0); // empty language tag
        body.write(0); // empty translated keyword
        body.writeBytes(deflate(text.getBytes(StandardCharsets.UTF_8)));
        return afterHeader(png, "iTXt", body.toByteArray());
    }

    /** The chunk types in file order, e.g. "IHDR zTXt tEXt IDAT IEND": proves which text path a test took. */
    static List<String> chunkTypes(byte[] png) {
        List<String> types = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(png);
        for (int pos = 8; pos + 8 <= png.length; pos += 12 + buf.getInt(pos)) {
            types.add(new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1));
        }
        return types;
    }

    private static byte[] afterHeader(byte[] png, String type, byte[] data) {
        int ihdrEnd = 8 + 12 + ByteBuffer.wrap(png).getInt(8);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, ihdrEnd);
        out.writeBytes(chunk.array());
        out.write(png, ihdrEnd, png.length - ihdrEnd);
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater();
        try {
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }
}
