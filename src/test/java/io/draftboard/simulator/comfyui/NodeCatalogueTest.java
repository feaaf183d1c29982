package io.draftboard.simulator.comfyui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** /object_info as ComfyUI answers it, from the stand-in's catalogue. */
class NodeCatalogueTest {
    private final NodeCatalogue catalogue = new NodeCatalogue(ComfyUiSimulatorConfig.FLUX2_MODELS, Set.of("KSampler"),
            List.of("draftboard/a.png"));

    @Test
    void objectInfoDescribesNodesAsComfyUiDoes() {
        JsonNode unet = catalogue.objectInfo("UNETLoader").get("UNETLoader");

        assertThat(unet.get("input").get("required").get("unet_name").get(0).get(0).asText())
                .isEqualTo("flux2_dev_fp8mixed.safetensors");
        assertThat(unet.get("output").get(0).asText()).isEqualTo("MODEL");
        assertThat(catalogue.objectInfo("PreviewImage").get("PreviewImage").get("output_node").asBoolean()).isTrue();
        assertThat(catalogue.objectInfo("NoSuchNode").isEmpty()).isTrue();
    }

    @Test
    void aMissingNodeIsNotDescribedAndLoadImageListsTheUploads() {
        assertThat(catalogue.objectInfo().has("KSampler")).isFalse();
        assertThat(catalogue.objectInfo().has("SamplerCustomAdvanced")).isTrue();
        assertThat(catalogue.objectInfo("SamplerCustomAdvanced").get("SamplerCustomAdvanced").get("output_name")
                .toString()).isEqualTo("[\"output\",\"denoised_output\"]");
        assertThat(catalogue.objectInfo("LoadImage").get("LoadImage").get("input").get("required").get("image").get(0)
                .get(0).asText()).isEqualTo("draftboard/a.png");
        assertThat(catalogue.get("LoadImage").checksImage()).isTrue();
    }
}
