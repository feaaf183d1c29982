package io.draftboard.imaging;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** The chunk layer of PNG shared by the encoder and the metadata editor: framing, CRCs, text chunk bodies. */
final class PngChunks {
    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngChunks() {
    }

    static void write(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(typeBytes);
        out.write(data);
        out.writeInt((int) crc(typeBytes, data, 0, data.length));
    }

    static long crc(byte[] type, byte[] data, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(data, offset, length);
        return crc.getValue();
    }

    /** tEXt when keyword and text are Latin-1 (what every reader handles), else uncompressed UTF-8 iTXt. */
    static void writeText(DataOutputStream out, PngText text) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(text.text().length() + 32);
        body.write(text.keyword().getBytes(StandardCharsets.ISO_8859_1));
        body.write(0);
        if (PngWriter.isLatin1(text.text())) {
            body.write(text.text().getBytes(StandardCharsets.ISO_8859_1));
            write(out, "tEXt", body.toByteArray());
        } else {
            body.write(0); // not compressed
            body.write(0); // compression method
            body.write(0); // empty language tag
            body.write(0); // empty translated keyword
            body.write(text.text().getBytes(StandardCharsets.UTF_8));
            write(out, "iTXt", body.toByteArray());
        }
    }
}
