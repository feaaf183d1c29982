package io.draftboard.simulator.comfyui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stand-in's /prompt validation, case by case, in ComfyUI's error shapes. */
class WorkflowValidatorTest {
    private final WorkflowValidator validator = new WorkflowValidator(new NodeCatalogue(ComfyUiSimulatorConfig.FLUX2_MODELS,
            Set.of(), List.of("draftboard/a.png")), "draftboard/a.png"::equals);

    private static ObjectNode dev() throws IOException {
        try (InputStream in = WorkflowValidatorTest.class.getResourceAsStream("/io/draftboard/provider/comfyui/flux2-dev.json")) {
            return (ObjectNode) Json.MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static ObjectNode inputs(ObjectNode g, String id) {
        return (ObjectNode) g.get(id).get("inputs");
    }

    private static JsonNode firstError(Validation v, String node) {
        return v.nodeErrors().get(node).get("errors").get(0);
    }

    @Test
    void theShippedTemplatesAreValid() throws IOException {
        Validation v = validator.validate(dev());

        assertThat(v.ok()).as(String.valueOf(v.error())).isTrue();
        assertThat(v.outputs()).containsExactly("13");
        assertThat(v.nodeErrors().isEmpty()).isTrue();
    }

    @Test
    void anUnknownNodeClassIsAMissingNodeType() throws IOException {
        ObjectNode g = dev();
        ((ObjectNode) g.get("10")).put("class_type", "EmptyFlux3LatentImage");

        Validation v = validator.validate(g);

        assertThat(v.ok()).isFalse();
        assertThat(v.error().get("type").asText()).isEqualTo("missing_node_type");
        assertThat(v.error().get("message").asText()).isEqualTo("Node 'Draftboard size' not found. The custom node may "
                + "not be installed.");
        assertThat(v.error().get("extra_info").get("class_type").asText()).isEqualTo("EmptyFlux3LatentImage");
    }

    @Test
    void linksAreCheckedForShapeTargetAndType() throws IOException {
        ObjectNode wrongType = dev();
        inputs(wrongType, "12").set("vae", Json.MAPPER.createArrayNode().add("1").add(0));
        ObjectNode badShape = dev();
        inputs(badShape, "12").set("vae", Json.MAPPER.createArrayNode().add("3"));
        ObjectNode nowhere = dev();
        inputs(nowhere, "12").set("vae", Json.MAPPER.createArrayNode().add("99").add(0));

        JsonNode mismatch = firstError(validator.validate(wrongType), "12");
        JsonNode shape = firstError(validator.validate(badShape), "12");
        Validation missing = validator.validate(nowhere);

        assertThat(mismatch.get("type").asText()).isEqualTo("return_type_mismatch");
        assertThat(mismatch.get("details").asText()).isEqualTo("vae, received_type(MODEL) mismatch input_type(VAE)");
        assertThat(shape.get("type").asText()).isEqualTo("bad_linked_input");
        assertThat(missing.ok()).isFalse();
        assertThat(firstError(missing, "13").get("type").asText()).isEqualTo("exception_during_validation");
        assertThat(missing.error().get("type").asText()).isEqualTo("prompt_outputs_failed_validation");
    }

    @Test
    void literalsAreConvertedBoundedAndMatchedAgainstCombos() throws IOException {
        ObjectNode g = dev();
        inputs(g, "9").put("steps", 0);
        inputs(g, "10").put("width", "wide");
        inputs(g, "1").put("unet_name", "flux1-dev.safetensors");
        inputs(g, "7").remove("noise_seed");

        Validation v = validator.validate(g);

        assertThat(v.ok()).isFalse();
        assertThat(firstError(v, "9").get("message").asText()).isEqualTo("Value 0 smaller than min of 1");
        assertThat(firstError(v, "10").get("type").asText()).isEqualTo("invalid_input_type");
        assertThat(firstError(v, "1").get("details").asText()).isEqualTo("unet_name: 'flux1-dev.safetensors' not in "
                + "['flux2_dev_fp8mixed.safetensors', 'flux-2-klein-4b.safetensors']");
        assertThat(firstError(v, "7").get("type").asText()).isEqualTo("required_input_missing");
        assertThat(v.nodeErrors().get("9").get("dependent_outputs").get(0).asText()).isEqualTo("13");
        assertThat(v.nodeErrors().get("9").get("class_type").asText()).isEqualTo("Flux2Scheduler");
    }

    @Test
    void loadImageNeedsAnUploadedFileAndCyclesAreFound() throws IOException {
        ObjectNode g = dev();
        ObjectNode load = g.putObject("20");
        load.put("class_type", "LoadImage").putObject("inputs").put("image", "draftboard/b.png");
        ObjectNode encode = g.putObject("21");
        encode.put("class_type", "VAEEncode").putObject("inputs").set("pixels", Json.MAPPER.createArrayNode().add("20").add(0));
        ((ObjectNode) encode.get("inputs")).set("vae", Json.MAPPER.createArrayNode().add("3").add(0));
        ObjectNode ref = g.putObject("22");
        ref.put("class_type", "ReferenceLatent").putObject("inputs").set("conditioning",
                Json.MAPPER.createArrayNode().add("4").add(0));
        ((ObjectNode) ref.get("inputs")).set("latent", Json.MAPPER.createArrayNode().add("21").add(0));
        inputs(g, "5").set("conditioning", Json.MAPPER.createArrayNode().add("22").add(0));

        assertThat(firstError(validator.validate(g), "20").get("details").asText())
                .isEqualTo("image - Invalid image file: draftboard/b.png");
        inputs(g, "20").put("image", "draftboard/a.png");
        assertThat(validator.validate(g).ok()).isTrue();

        inputs(g, "4").set("clip", Json.MAPPER.createArrayNode().add("5").add(0)); // CONDITIONING into CLIP: a mismatch
        assertThat(firstError(validator.validate(g), "4").get("type").asText()).isEqualTo("return_type_mismatch");
        ObjectNode cycle = dev();
        inputs(cycle, "4").put("text", "x");
        inputs(cycle, "5").set("conditioning", Json.MAPPER.createArrayNode().add("5").add(0));
        assertThat(firstError(validator.validate(cycle), "5").get("type").asText()).isEqualTo("dependency_cycle");
    }

    @Test
    void aGraphWithoutAnOutputNodeHasNoOutputs() {
        ObjectNode g = Json.object();
        g.putObject("1").put("class_type", "KSamplerSelect").putObject("inputs").put("sampler_name", "euler");

        assertThat(validator.validate(g).error().get("type").asText()).isEqualTo("prompt_no_outputs");
    }
}
