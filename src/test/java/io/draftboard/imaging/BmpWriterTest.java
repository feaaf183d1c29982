package io.draftboard.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The uncompressed frame the preview shows first: every pixel as drawn, whatever the width's padding. */
class BmpWriterTest {

    @Test
    void everyPixelReadsBackAsDrawnIncludingRowsThatNeedPadding() throws Exception {
        for (int width : new int[] {1, 2, 3, 5, 64}) {
            BufferedImage image = new BufferedImage(width, 7, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 7; y++) {
                for (int x = 0; x < width; x++) {
                    image.setRGB(x, y, (x * 37 << 16) | (y * 29 << 8) | ((x + y) * 13 & 0xff));
                }
            }
            byte[] bmp = BmpWriter.encode(image);
            BufferedImage read = ImageIO.read(new ByteArrayInputStream(bmp));

            assertThat(read.getWidth()).isEqualTo(width);
            assertThat(read.getHeight()).isEqualTo(7);
            for (int y = 0; y < 7; y++) {
                for (int x = 0; x < width; x++) {
                    assertThat(read.getRGB(x, y) & 0xffffff).as("%d,%d of %d", x, y, width)
                            .isEqualTo(image.getRGB(x, y) & 0xffffff);
                }
            }
        }
    }

    @Test
    void theHeaderSaysTheSizesAndResolutionAsReadersExpect() {
        // 2,400 x 2,400: over 16 MB, so every byte of the size fields counts.
        BufferedImage image = new BufferedImage(2400, 2400, BufferedImage.TYPE_INT_RGB);
        byte[] bmp = BmpWriter.encode(image);
        int pixels = 2400 * 3 * 2400;

        assertThat(intAt(bmp, 2)).isEqualTo(bmp.length).isEqualTo(54 + pixels);
        assertThat(intAt(bmp, 34)).isEqualTo(pixels);
        assertThat(intAt(bmp, 38)).isEqualTo(2835); // 72 dpi
        assertThat(intAt(bmp, 42)).isEqualTo(2835);
    }

    private static int intAt(byte[] bytes, int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16
                | (bytes[at + 3] & 0xff) << 24;
    }

    @Test
    void anImageThatIsNotIntRgbIsConverted() throws Exception {
        BufferedImage gray = new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(1, 1, 0, 200);

        BufferedImage read = ImageIO.read(new ByteArrayInputStream(BmpWriter.encode(gray)));

        assertThat(read.getRGB(1, 1) & 0xffffff).isEqualTo(gray.getRGB(1, 1) & 0xffffff);
        assertThat(read.getRGB(0, 0) & 0xffffff).isEqualTo(0);
    }
}
