package io.draftboard.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreparedImageTest {
    @TempDir
    Path dir;

    @Test
    void anUprightImageWithinBudgetKeepsItsExactBytes() throws Exception {
        byte[] png = TestImages.png(64, 32);
        PreparedImage ref = PreparedImage.prepare(png, 10_000);
        assertThat(ref.bytes()).isSameAs(png);
        assertThat(ref.sha256()).isEqualTo(ContentHash.sha256(png));
        assertThat(ref.width()).isEqualTo(64);
        assertThat(ref.mediaType()).isEqualTo("image/png");
    }

    @Test
    void aLargeImageIsDownscaledToTheBudgetKeepingItsAspect() throws Exception {
        PreparedImage ref = PreparedImage.prepare(TestImages.jpeg(TestImages.twoTone(400, 200)), 5_000);
        assertThat((long) ref.width() * ref.height()).isLessThanOrEqualTo(5_000);
        assertThat((double) ref.width() / ref.height()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(ref.mediaType()).isEqualTo("image/jpeg");
        assertThat(ImageCodec.decode(ref.bytes()).getWidth()).isEqualTo(ref.width());
    }

    @Test
    void aRotatedPhotoIsStoredUpright() throws Exception {
        PreparedImage ref = PreparedImage.prepare(TestImages.jpegWithOrientation(TestImages.twoTone(40, 20), 6), 1_000_000);
        assertThat(ref.width()).isEqualTo(20);
        assertThat(ref.height()).isEqualTo(40);
        assertThat(ImageCodec.orientation(ref.bytes())).isEqualTo(1);
    }

    @Test
    void aTextFileIsNotAReference() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> PreparedImage.prepare(notes, 1_000_000)).isInstanceOf(ImageDecodeException.class)
                .hasMessage("not a PNG, JPEG or WebP image");
    }
}
