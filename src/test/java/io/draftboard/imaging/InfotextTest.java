package io.draftboard.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class InfotextTest {
    @Test
    void formatsAndParsesTheAutomatic1111Layout() {
        LinkedHashMap<String, String> params = new LinkedHashMap<>();
        params.put("Steps", "6");
        params.put("Guidance", "5.0");
        params.put("Seed", "5000000000");
        params.put("Size", "1024x768");
        params.put("Model", "flux-2-flex");
        String text = Infotext.format("line one\nline \uD83C\uDF88 two", "blurry", params);

        assertThat(text).isEqualTo("line one\nline \uD83C\uDF88 two\nNegative prompt: blurry\n"
                + "Steps: 6, Guidance: 5.0, Seed: 5000000000, Size: 1024x768, Model: flux-2-flex");
        Infotext.Parsed parsed = Infotext.parse(text);
        assertThat(parsed.prompt()).isEqualTo("line one\nline \uD83C\uDF88 two");
        assertThat(parsed.negativePrompt()).isEqualTo("blurry");
        assertThat(parsed.params()).containsExactlyEntriesOf(params);
    }

    @Test
    void valuesWithSeparatorsAreQuotedAndComeBackIntact() {
        LinkedHashMap<String, String> params = new LinkedHashMap<>();
        params.put("Steps", "50");
        params.put("Version", "Draftboard 0.1, \"dev\": build");
        params.put("Seed", "1");
        Infotext.Parsed parsed = Infotext.parse(Infotext.format("p", null, params));
        assertThat(parsed.params()).containsExactlyEntriesOf(params);
        assertThat(parsed.negativePrompt()).isNull();
    }

    @Test
    void aPeersRealInfotextIsRead() {
        String a1111 = "portrait of a woman, soft light\nNegative prompt: lowres\nSteps: 40, Sampler: DPM++ 2M, "
                + "Schedule type: Karras, CFG scale: 7, Seed: 17606688, Size: 512x768, Model hash: 1d66b36bd7, "
                + "Model: AWPortrait_v1.4, Version: v1.9.4";
        Infotext.Parsed p = Infotext.parse(a1111);
        assertThat(p.prompt()).isEqualTo("portrait of a woman, soft light");
        assertThat(p.params()).containsEntry("CFG scale", "7").containsEntry("Seed", "17606688")
                .containsEntry("Size", "512x768");
    }

    @Test
    void aPromptWithoutParametersIsAllPrompt() {
        Infotext.Parsed p = Infotext.parse("just a prompt: with a colon, and commas");
        assertThat(p.prompt()).isEqualTo("just a prompt: with a colon, and commas");
        assertThat(p.params()).isEmpty();
    }
}
