package io.draftboard.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.ModelLimits;
import io.draftboard.generation.Reference;
import io.draftboard.imaging.ContentHash;
import io.draftboard.imaging.PngWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferencePreparerTest {
    @TempDir
    Path dir;

    @Test
    void aFileBecomesAReferenceWithItsExactBytesWithinTheModelsBudget() throws Exception {
        byte[] png = PngWriter.encode(new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB), List.of());
        Path file = Files.write(dir.resolve("ref.png"), png);

        Reference ref = ReferencePreparer.prepare(file);

        assertThat(ref.bytes()).isEqualTo(png);
        assertThat(ref.sha256()).isEqualTo(ContentHash.sha256(png));
        assertThat(ref.mediaType()).isEqualTo("image/png");
        assertThat(ref.width()).isEqualTo(64);
        assertThat(ref.height()).isEqualTo(32);
        assertThat(ReferencePreparer.DEFAULT_PIXEL_BUDGET).isEqualTo(ModelLimits.MAX_PIXELS);
    }

    @Test
    void theBudgetGivenIsTheBudgetKept() throws Exception {
        byte[] png = PngWriter.encode(new BufferedImage(200, 100, BufferedImage.TYPE_INT_ARGB), List.of());

        Reference ref = ReferencePreparer.prepare(png, 5_000);

        assertThat((long) ref.width() * ref.height()).isLessThanOrEqualTo(5_000);
        assertThat(ref.sha256()).isEqualTo(ContentHash.sha256(ref.bytes()));
    }
}
