package io.draftboard.imaging;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * JPEG for what is thrown away after a glance: the offline engine's step previews. A noisy 256-pixel frame
 * is about 16 KB and 15 ms as JPEG against 170 KB and 45 ms as PNG (measured on 2 loaded cores), and the
 * preview decodes it faster too. Renders that are kept are always PNG ({@link PngWriter}).
 */
public final class JpegWriter {
    private JpegWriter() {
    }

    /** {@code image} (RGB, no alpha) as baseline JPEG at {@code quality} (0 to 1). */
    public static byte[] encode(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // memory streams do not fail
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
