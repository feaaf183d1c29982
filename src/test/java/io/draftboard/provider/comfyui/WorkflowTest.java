package io.draftboard.provider.comfyui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.provider.WireFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowTest {

    @Test
    void theKleinTemplateHasNoGuidanceToFillAndItsReferencesReachBothConditionings() {
        Workflow klein = Workflow.builtIn("klein");
        GenerationRequest r = WireFixtures.request().withGuidance(9.0).withReferences(List.of(WireFixtures.REF));

        ObjectNode g = klein.fill(r, List.of("draftboard/a.png"));

        assertThat(g.toString()).doesNotContain("9.0");
        assertThat(g.get("6").get("inputs").get("cfg").asDouble()).isEqualTo(1.0);
        String chainEnd = g.get("6").get("inputs").get("positive").get(0).asText();
        assertThat(g.get(chainEnd).get("class_type").asText()).isEqualTo("ReferenceLatent");
        assertThat(g.get("5").get("inputs").get("conditioning").get(0).asText()).isEqualTo(chainEnd);
        assertThat(klein.modelLabel()).isEqualTo("flux-2-klein-4b.safetensors + qwen_3_4b.safetensors + flux2-vae.safetensors");
        assertThat(klein.outputNode()).isEqualTo("13");
    }

    @Test
    void theTemplateItselfIsNeverChangedByFilling() {
        Workflow dev = Workflow.builtIn("dev");
        ObjectNode first = dev.fill(WireFixtures.request(), List.of("draftboard/a.png"));
        ObjectNode second = dev.fill(GenerationRequest.of("other", 1, 2, 256, 256), List.of());

        assertThat(first.size()).isEqualTo(17);
        assertThat(second.size()).isEqualTo(13);
        assertThat(second.get("4").get("inputs").get("text").asText()).isEqualTo("other");
        assertThat(second.get("5").get("inputs").get("conditioning").toString()).isEqualTo("[\"4\",0]");
    }

    @Test
    void aWorkflowWithoutTheTitlesDraftboardNeedsIsRefusedWithTheMissingOne() {
        assertThatThrownBy(() -> Workflow.parse("mine.json", "{\"1\":{\"class_type\":\"CLIPTextEncode\","
                + "\"_meta\":{\"title\":\"Draftboard prompt\"},\"inputs\":{\"text\":\"\"}}}"))
                .hasMessage("mine.json has no node titled \"Draftboard seed\"");
        assertThatThrownBy(() -> Workflow.parse("mine.json", "[1, 2]"))
                .hasMessageContaining("is not JSON");
        assertThatThrownBy(() -> Workflow.parse("mine.json", "{\"1\":{\"class_type\":\"CLIPTextEncode\","
                + "\"_meta\":{\"title\":\"Draftboard prompt\"},\"inputs\":{\"text\":[\"2\",0]}}}"))
                .hasMessage("mine.json: node 1 is titled \"Draftboard prompt\" but has no text value to fill");
        assertThatThrownBy(() -> Workflow.builtIn("schnell")).hasMessageContaining("there are: dev, klein");
    }
}
