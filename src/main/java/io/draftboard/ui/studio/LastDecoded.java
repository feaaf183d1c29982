package io.draftboard.ui.studio;

import java.io.IOException;
import javafx.scene.image.Image;

/**
 * A decoder that remembers the last picture it decoded. A provider that hands its finished image as the last
 * step frame (pixels first) passes the very array it returns, so the landed image is not decoded twice. One
 * thread only: the preview's lane.
 */
final class LastDecoded implements ImageDecoder {
    private final ImageDecoder decoder;
    private byte[] bytes;
    private Image image;

    LastDecoded(ImageDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public Image decode(byte[] encoded) throws IOException {
        if (encoded == bytes) {
            return image;
        }
        Image decoded = decoder.decode(encoded);
        bytes = encoded;
        image = decoded;
        return decoded;
    }
}
