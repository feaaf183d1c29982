package io.draftboard.imaging;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Builds test images in code, including the malformed ones, so no binary fixtures need explaining. */
final class TestImages {
    private TestImages() {
    }

    /** Left half red, right half blue: orientation changes are visible in the corners. */
    static BufferedImage twoTone(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, w / 2, h);
        g.setColor(Color.BLUE);
        g.fillRect(w / 2, 0, w - w / 2, h);
        g.dispose();
        return img;
    }

    static byte[] png(int w, int h) {
        return PngWriter.encode(twoTone(w, h), List.of());
    }

    static byte[] jpeg(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        return out.toByteArray();
    }

    /** A PNG with an eXIf chunk carrying {@code orientation}, right after IHDR. */
    static byte[] pngWithOrientation(BufferedImage img, int orientation) throws IOException {
        byte[] plain = PngWriter.encode(img, List.of());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(plain, 0, 33);
        chunk(out, "eXIf", tiffWithOrientation(orientation));
        out.write(plain, 33, plain.length - 33);
        return bytes.toByteArray();
    }

    /** A JPEG with an EXIF APP1 segment carrying {@code orientation}, inserted right after SOI. */
    static byte[] jpegWithOrientation(BufferedImage img, int orientation) throws IOException {
        byte[] plain = jpeg(img);
        byte[] tiffBytes = tiffWithOrientation(orientation);
        byte[] exif = new byte[6 + tiffBytes.length];
        System.arraycopy("Exif\0\0".getBytes("ISO-8859-1"), 0, exif, 0, 6);
        System.arraycopy(tiffBytes, 0, exif, 6, tiffBytes.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1);
        int len = exif.length + 2;
        out.write(len >> 8);
        out.write(len & 0xff);
        out.write(exif);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    private static byte[] tiffWithOrientation(int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8); // header, IFD0 at 8
        tiff.putShort((short) 1);                                              // one entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1);           // Orientation, SHORT, 1
        tiff.putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);                                                        // no next IFD
        return tiff.array();
    }

    /** A valid PNG whose IHDR claims {@code w}×{@code h}, with a single tiny IDAT: a decompression bomb's header. */
    static byte[] pngHeaderClaiming(int w, int h) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        Deflater d = new Deflater();
        d.setInput(new byte[1024]);
        d.finish();
        byte[] buf = new byte[2048];
        int n = d.deflate(buf);
        chunk(out, "IDAT", java.util.Arrays.copyOf(buf, n));
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        out.writeInt(data.length);
        out.writeBytes(type);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(type.getBytes("ISO-8859-1"));
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    /** A minimal PNG (1×1) with the given extra chunks between IHDR and IDAT. */
    static byte[] pngWithChunks(List<Object[]> typeAndData) throws IOException {
        byte[] base = PngWriter.encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), List.of());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(base, 0, 8 + 25); // signature + IHDR chunk
        for (Object[] c : typeAndData) {
            chunk(out, (String) c[0], (byte[]) c[1]);
        }
        out.write(base, 33, base.length - 33);
        return bytes.toByteArray();
    }
}
