package io.draftboard.imaging;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** The one decoding path for every image Draftboard reads. */
public final class ImageCodec {
    private ImageCodec() {
    }

    /** Decodes PNG, JPEG or WebP bytes. */
    public static BufferedImage decode(byte[] bytes) throws ImageDecodeException {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new ImageDecodeException("not a PNG, JPEG or WebP image");
            }
            return image;
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodeException("the image data is corrupt or truncated", e);
        }
    }
}
