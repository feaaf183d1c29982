package io.draftboard.imaging;

import io.draftboard.generation.ModelLimits;
import io.draftboard.generation.Reference;
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
 * Turns a file the user dropped into a {@link Reference} ready to send: decoded with the bomb guard,
 * turned upright, downscaled to the pixel budget, and re-encoded only when something changed, so an
 * upright PNG or JPEG within budget keeps its exact bytes (and hash).
 */
public final class ReferencePreparer {
    /** FLUX.2's output ceiling; larger references only cost upload time and input megapixels. */
    public static final long DEFAULT_PIXEL_BUDGET = ModelLimits.MAX_PIXELS;
    private static final float JPEG_QUALITY = 0.92f;

    private ReferencePreparer() {
    }

    public static Reference prepare(Path file) throws ImageDecodeException {
        return prepare(ImageCodec.readFile(file, ImageLimits.DEFAULT), DEFAULT_PIXEL_BUDGET);
    }

    public static Reference prepare(byte[] bytes, long pixelBudget) throws ImageDecodeException {
        String mediaType = ImageCodec.sniff(bytes);
        BufferedImage image = ImageCodec.decode(bytes);
        boolean upright = ImageCodec.orientation(bytes) == 1;
        long pixels = (long) image.getWidth() * image.getHeight();
        if (upright && pixels <= pixelBudget && !ImageCodec.WEBP.equals(mediaType)) {
            return new Reference(ContentHash.sha256(bytes), mediaType, image.getWidth(), image.getHeight(), bytes);
        }
        BufferedImage fitted = Resize.toPixelBudget(image, pixelBudget);
        boolean photo = !fitted.getColorModel().hasAlpha() && !ImageCodec.PNG.equals(mediaType);
        byte[] encoded = photo ? jpeg(fitted) : PngWriter.encode(fitted, List.of());
        return new Reference(ContentHash.sha256(encoded), photo ? ImageCodec.JPEG : ImageCodec.PNG, fitted.getWidth(),
                fitted.getHeight(), encoded);
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
}
