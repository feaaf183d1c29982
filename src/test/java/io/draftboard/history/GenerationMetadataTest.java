package io.draftboard.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.RenderKind;
import io.draftboard.imaging.PngMetadata;
import io.draftboard.imaging.PngText;
import io.draftboard.imaging.PngWriter;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenerationMetadataTest {
    @Test
    void draftboardsOwnJsonRoundTripsThroughAPng() throws Exception {
        GenerationRecord r = Records.done("\u6C14\u7403 balloon \"SALE\"", Records.hash(1), RenderKind.FINAL, 12L, "bfl",
                true, List.of()).withId(13);
        byte[] png = PngWriter.encode(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB),
                GenerationMetadata.pngTexts(r, "0.1.0"));

        List<PngText> texts = PngMetadata.read(png);
        RecalledParameters p = GenerationMetadata.read(texts).orElseThrow();

        assertThat(p.source()).isEqualTo("Draftboard");
        assertThat(p.prompt()).isEqualTo(r.prompt());
        assertThat(p.seed()).isEqualTo(5_000_000_123L);
        assertThat(p.steps()).isEqualTo(50);
        assertThat(p.guidance()).isEqualTo(4.5);
        assertThat(p.width()).isEqualTo(1024);
        String parameters = texts.get(0).text();
        assertThat(parameters).endsWith("Steps: 50, Guidance: 4.5, Seed: 5000000123, Size: 1024x768, Model: flux-2-flex, "
                + "Provider: bfl, Prompt upsampling: false, Safety tolerance: 2, References: 0, Kind: final, "
                + "Final of: 12, Version: Draftboard 0.1.0");
    }

    @Test
    void anAutomatic1111ImageIsRecalledFromItsParameters() {
        List<PngText> texts = List.of(new PngText("parameters", "cozy cabin\nNegative prompt: blur\n"
                + "Steps: 28, Sampler: Euler, CFG scale: 3.5, Seed: 99, Size: 832x1216, Model: flux1-dev"));
        RecalledParameters p = GenerationMetadata.read(texts).orElseThrow();
        assertThat(p).isEqualTo(new RecalledParameters("AUTOMATIC1111", "cozy cabin", 99L, 28, 3.5, 832, 1216));
    }

    @Test
    void anImageWithoutMetadataRecallsNothing() {
        assertThat(GenerationMetadata.read(List.of(new PngText("Software", "GIMP")))).isEmpty();
        assertThat(GenerationMetadata.read(List.of(new PngText("draftboard", "{not json")))).isEmpty();
    }

    @Test
    void noKeyOrSecretFieldIsEverWritten() {
        GenerationRecord r = Records.done("x", Records.hash(1));
        String json = GenerationMetadata.toJson(r, "0.1.0").toString().toLowerCase();
        assertThat(json).doesNotContain("key").doesNotContain("token").doesNotContain("secret");
    }
}
