package io.draftboard.simulator.comfyui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** A preview frame as ComfyUI's websocket carries it. */
class PreviewFrameTest {
    @Test
    void isAnEightByteHeaderThenAJpegWithinThePreviewSize() throws Exception {
        BufferedImage argb = new BufferedImage(1024, 512, BufferedImage.TYPE_INT_ARGB);

        byte[] frame = PreviewFrame.encode(argb, 256);

        ByteBuffer header = ByteBuffer.wrap(frame, 0, 8);
        assertThat(header.getInt()).as("PREVIEW_IMAGE").isEqualTo(1);
        assertThat(header.getInt()).as("JPEG").isEqualTo(1);
        BufferedImage jpeg = ImageIO.read(new ByteArrayInputStream(Arrays.copyOfRange(frame, 8, frame.length)));
        assertThat(jpeg.getWidth()).isEqualTo(256);
        assertThat(jpeg.getHeight()).isEqualTo(128);
    }
}
