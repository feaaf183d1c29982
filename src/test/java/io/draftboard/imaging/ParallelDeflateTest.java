package io.draftboard.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.InflaterInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ParallelDeflateTest {
    @Test
    void slicesJoinIntoOneZlibStreamThatAnyInflaterReads() throws Exception {
        byte[] data = new byte[5 * 1024 * 1024 + 17];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 1000 < 500 ? i % 7 : random.nextInt(256)); // runs and noise, matches across slices
        }
        byte[] z = ParallelDeflate.zlib(data, 4);

        ByteArrayOutputStream back = new ByteArrayOutputStream();
        try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(z))) {
            in.transferTo(back);
        }
        assertThat(back.toByteArray()).isEqualTo(data);
        assertThat(ParallelDeflate.zlib(data, 4)).isEqualTo(z); // same input, same bytes, whatever the threads did
        assertThat(z.length).isLessThan(data.length);
    }

    @Test
    void aLargePngEncodedInSlicesDecodesPixelForPixel() throws Exception {
        BufferedImage image = new BufferedImage(1024, 768, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(9);
        for (int y = 0; y < 768; y++) {
            for (int x = 0; x < 1024; x++) {
                image.setRGB(x, y, y < 384 ? (x * 255 / 1024) << 16 | y : random.nextInt(1 << 24));
            }
        }
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(PngWriter.encode(image, List.of())));
        for (int y = 0; y < 768; y += 7) {
            for (int x = 0; x < 1024; x += 5) {
                assertThat(decoded.getRGB(x, y) & 0xFFFFFF).isEqualTo(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
    }
}
