package io.draftboard.ui.studio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javafx.scene.image.Image;

/**
 * Turns a render's encoded bytes into what the preview shows. The studio decodes with JavaFX off the FX
 * thread; toolkit-free tests pass a decoder that needs no toolkit.
 */
@FunctionalInterface
public interface ImageDecoder {
    Image decode(byte[] bytes) throws IOException;

    /** JavaFX's own decoder (PNG, JPEG; WebP renders are converted before they are stored). */
    ImageDecoder FX = bytes -> {
        Image image = new Image(new ByteArrayInputStream(bytes));
        if (image.isError()) {
            throw new IOException("the image could not be decoded"
                    + (image.getException() == null ? "" : ": " + image.getException().getMessage()));
        }
        return image;
    };
}
