package io.draftboard.ui.studio;

import java.io.IOException;
import javafx.scene.image.Image;

/**
 * A decoder that remembers the last picture it decoded. A provider that hands its finished image as the last
 * step frame (pixels first) and passes the very array it returns has the landed image decoded once. (The offline
 * engine sends an uncompressed copy instead: written and read in a few ms, it is on screen before the PNG could
 * even be encoded.) One thread only: the preview's lane.
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
