package io.draftboard.simulator.comfyui;

import io.draftboard.imaging.Resize;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import javax.imageio.ImageIO;

/**
 * A binary websocket preview as ComfyUI sends it: a 4-byte event type (1, PREVIEW_IMAGE), a 4-byte image type
 * (1, JPEG), then a JPEG of the sampler's state no longer than {@code --preview-size} on its longest side.
 */
final class PreviewFrame {
    static final int PREVIEW_IMAGE = 1;
    static final int JPEG = 1;

    private PreviewFrame() {
    }

    /** The frame's bytes, or null if the JPEG could not be written. */
    static byte[] encode(BufferedImage current, int maxSide) {
        BufferedImage small = Resize.toFit(current, maxSide);
        if (small.getType() != BufferedImage.TYPE_INT_RGB) {
            // JPEG has no alpha; ImageIO refuses or miscolours an ARGB picture.
            BufferedImage rgb = new BufferedImage(small.getWidth(), small.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.getGraphics().drawImage(small, 0, 0, null);
            small = rgb;
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        try {
            frame.write(ByteBuffer.allocate(8).putInt(PREVIEW_IMAGE).putInt(JPEG).array());
            ImageIO.write(small, "jpeg", frame);
        } catch (IOException e) {
            return null;
        }
        return frame.toByteArray();
    }
}
