package io.draftboard.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageCodecTest {
    @TempDir
    Path dir;

    @Test
    void pngJpegAndWebpDecodeToPredictableTypes() throws Exception {
        BufferedImage png = ImageCodec.decode(TestImages.png(40, 20));
        assertThat(png.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(new Color(png.getRGB(0, 0))).isEqualTo(Color.RED);

        BufferedImage jpeg = ImageCodec.decode(TestImages.jpeg(TestImages.twoTone(40, 20)));
        assertThat(jpeg.getWidth()).isEqualTo(40);
        assertThat(new Color(jpeg.getRGB(2, 2)).getRed()).isGreaterThan(200);

        byte[] webp = getClass().getResourceAsStream("/imaging/two-tone-48x32.webp").readAllBytes();
        assertThat(ImageCodec.sniff(webp)).isEqualTo("image/webp");
        BufferedImage w = ImageCodec.decode(webp);
        assertThat(w.getWidth()).isEqualTo(48);
        assertThat(w.getHeight()).isEqualTo(32);
        assertThat(new Color(w.getRGB(40, 10))).isEqualTo(new Color(0x1f77b4));
        assertThat(ImageCodec.probe(webp)).isEqualTo(new ImageInfo("image/webp", 48, 32));
    }

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void exifOrientationIsApplied(int orientation) throws Exception {
        // Stored 40x20, left red / right blue.
        BufferedImage img = ImageCodec.decode(TestImages.jpegWithOrientation(TestImages.twoTone(40, 20), orientation));
        boolean swapped = orientation >= 5;
        assertThat(img.getWidth()).isEqualTo(swapped ? 20 : 40);
        // Where does the stored left (red) half end up? 1,4: left; 2,3: right; 5,6: top... per the EXIF table.
        Color topLeft = new Color(img.getRGB(1, 1));
        boolean redTopLeft = topLeft.getRed() > 200 && topLeft.getBlue() < 80;
        boolean expectedRedTopLeft = switch (orientation) {
            case 1, 4, 5, 6 -> true;   // 6: stored left column becomes the top row
            default -> false;          // 2, 3: mirrored; 7, 8: stored left becomes the bottom
        };
        assertThat(redTopLeft).as("red at top-left for orientation " + orientation).isEqualTo(expectedRedTopLeft);
    }

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 3, 6, 8})
    void aPngsExifChunkIsReadForItsOrientation(int orientation) throws Exception {
        assertThat(ImageCodec.orientation(TestImages.pngWithOrientation(TestImages.twoTone(40, 20), orientation)))
                .isEqualTo(orientation);
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeader() throws Exception {
        byte[] bomb = TestImages.pngHeaderClaiming(30000, 30000);
        assertThat(bomb.length).isLessThan(200);
        assertThatThrownBy(() -> ImageCodec.decode(bomb)).isInstanceOf(ImageDecodeException.class)
                .hasMessage("image is 30000\u00d730000 pixels (900 MP); at most 16384 pixels a side and 50 MP are accepted");
    }

    @Test
    void emptyTruncatedAndForeignBytesGetTheirOwnSentence() throws Exception {
        assertThatThrownBy(() -> ImageCodec.decode(new byte[0])).hasMessage("the file is empty");
        assertThatThrownBy(() -> ImageCodec.decode("hello, this is text".getBytes()))
                .hasMessage("not a PNG, JPEG or WebP image");
        byte[] png = TestImages.png(64, 64);
        assertThatThrownBy(() -> ImageCodec.decode(Arrays.copyOf(png, png.length / 2)))
                .hasMessage("the image data is corrupt or truncated");
        byte[] jpeg = TestImages.jpeg(TestImages.twoTone(64, 64));
        assertThatThrownBy(() -> ImageCodec.decode(Arrays.copyOf(jpeg, jpeg.length / 2)))
                .hasMessage("the image data is corrupt or truncated");
    }

    @Test
    void filesThatAreNotImageFilesAreNamedForWhatTheyAre() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("folder"));
        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        Path renamed = Files.writeString(dir.resolve("notes.png"), "shopping list");
        assertThatThrownBy(() -> ImageCodec.decode(folder)).hasMessage("is a folder, not an image file");
        assertThatThrownBy(() -> ImageCodec.decode(dir.resolve("missing.png"))).hasMessage("no such file");
        assertThatThrownBy(() -> ImageCodec.decode(empty)).hasMessage("the file is empty");
        assertThatThrownBy(() -> ImageCodec.decode(renamed)).hasMessage("not a PNG, JPEG or WebP image");
    }

    @Test
    void anOversizedFileIsRefusedBeforeItIsRead() throws Exception {
        Path big = dir.resolve("big.png");
        Files.write(big, new byte[2048]);
        assertThatThrownBy(() -> ImageCodec.readFile(big, new ImageLimits(100, 100, 1024)))
                .hasMessage("the file is 2.0 KB; at most 1.0 KB is accepted");
    }
}
