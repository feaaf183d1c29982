package io.draftboard.imaging;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * An image file made ready to send as a reference: decoded with the bomb guard, turned upright, downscaled
 * to the pixel budget, and re-encoded only when something changed, so an upright PNG or JPEG within budget
 * keeps its exact bytes (and hash). The pixel work only: {@code provider.ReferencePreparer} turns it into
 * the domain's {@code Reference} with the model's budget, so this package knows nothing of generation.
 *
 * <p>The byte array is shared, not copied, as a reference's is.
 */
public record PreparedImage(String sha256, String mediaType, int width, int height, byte[] bytes) {
    private static final float JPEG_QUALITY = 0.92f;

    public static PreparedImage prepare(Path file, long pixelBudget) throws ImageDecodeException {
        return prepare(ImageCodec.readFile(file, ImageLimits.DEFAULT), pixelBudget);
    }

    public static PreparedImage prepare(byte[] bytes, long pixelBudget) throws ImageDecodeException {
        String mediaType = ImageCodec.sniff(bytes);
        BufferedImage image = ImageCodec.decode(bytes);
        boolean upright = ImageCodec.orientation(bytes) == 1;
        long pixels = (long) image.getWidth() * image.getHeight();
        if (upright && pixels <= pixelBudget && !ImageCodec.WEBP.equals(mediaType)) {
            return new PreparedImage(ContentHash.sha256(bytes), mediaType, image.getWidth(), image.getHeight(), bytes);
        }
        BufferedImage fitted = Resize.toPixelBudget(image, pixelBudget);
        boolean photo = !fitted.getColorModel().hasAlpha() && !ImageCodec.PNG.equals(mediaType);
        byte[] encoded = photo ? jpeg(fitted) : PngWriter.encode(fitted, List.of());
        return new PreparedImage(ContentHash.sha256(encoded), photo ? ImageCodec.JPEG : ImageCodec.PNG,
                fitted.getWidth(), fitted.getHeight(), encoded);
    }

    private static byte[] jpeg(BufferedImage image) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType(ImageCodec.JPEG);
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // in-memory stream
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "PreparedImage[" + sha256.substring(0, Math.min(12, sha256.length())) + ", " + mediaType + ", " + width
                + "x" + height + "]";
    }
}
