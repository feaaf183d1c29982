package io.draftboard.history;

import static io.draftboard.history.RecallPngs.chunkTypes;
import static io.draftboard.history.RecallPngs.png;
import static io.draftboard.history.RecallPngs.withCompressedItxt;
import static io.draftboard.history.RecallPngs.withZtxt;
import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.imaging.PngText;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every metadata convention of peers.md §2, recalled from a real PNG file as each tool writes it: tEXt, iTXt
 * (plain and deflated) and zTXt.
 */
class RecallConventionsTest {
    private static final String BALLOON_CJK_EMOJI = "a hot-air balloon \u6C14\u7403 \uD83C\uDF88 over the Alps";

    @Test
    void automatic1111InTextChunk() {
        byte[] file = png(new PngText("parameters", """
                masterpiece, a lighthouse on a cliff at dusk,
                (dramatic clouds:1.2)
                Negative prompt: lowres, blurry
                Steps: 40, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 17606688, Size: 512x768, \
                Model hash: 1d66b36bd7, Model: AWPortrait_v1.4, Denoising strength: 0.4, Hires upscale: 2, \
                Hires steps: 30, Hires upscaler: Latent, Version: v1.9.4"""));

        assertThat(chunkTypes(file)).containsExactly("IHDR", "tEXt", "IDAT", "IEND");
        assertThat(GenerationMetadata.recall(file)).contains(new RecalledParameters("AUTOMATIC1111",
                "masterpiece, a lighthouse on a cliff at dusk,\n(dramatic clouds:1.2)", 17606688L, 40, 7.0, 512, 768));
    }

    @Test
    void forgeFluxUsesItsDistilledCfgAsGuidance() {
        byte[] file = png(new PngText("parameters", """
                a neon sign that says "OPEN" in a rainy alley
                Steps: 20, Sampler: Euler, Schedule type: Simple, CFG scale: 1, Distilled CFG Scale: 3.5, \
                Seed: 2911477231, Size: 896x1152, Model hash: 275ef623d3, Model: flux1-dev-bnb-nf4-v2, \
                Version: f2.0.1v1.10.1-previous-313-g0ba8b1ab, Module 1: ae"""));

        assertThat(GenerationMetadata.recall(file)).contains(new RecalledParameters("Forge",
                "a neon sign that says \"OPEN\" in a rainy alley", 2911477231L, 20, 3.5, 896, 1152));
    }

    @Test
    void kritaInCompressedInternationalText() {
        String prompt = "a watercolor fox \uD83E\uDD8A in \u96EA snow <lora:Watercolor_Style:0.8>";
        byte[] file = withCompressedItxt(png(), "parameters", prompt + "\nNegative prompt: \n"
                + "Steps: 6, Sampler: Euler, CFG scale: 1.0, Seed: 1583260731, Size: 1024x1024, Model hash: unknown, "
                + "Model: flux-2-klein-4b.safetensors");

        assertThat(chunkTypes(file)).containsExactly("IHDR", "iTXt", "IDAT", "IEND");
        // LoRA tags stay in the prompt: they are what Krita wrote, and the user decides what to keep.
        assertThat(GenerationMetadata.recall(file)).contains(new RecalledParameters("Krita AI Diffusion", prompt,
                1583260731L, 6, 1.0, 1024, 1024));
    }

    @Test
    void fooocusA1111SchemeRecallsTheRawPromptNotTheStyleExpandedOne() {
        byte[] file = png(new PngText("parameters", """
                \u706F\u5854, at dusk, cinematic, intricate, highly detailed, sharp focus
                Negative prompt: unrealistic, saturated, low quality
                Steps: 30, Sampler: DPM++ 2M SDE Karras, Seed: 1234567890123, Size: 1152x896, CFG scale: 4, \
                Sharpness: 2, ADM Guidance: "(1.5, 0.8, 0.3)", Model: juggernautXL_v8Rundiffusion, \
                Model hash: aeb7e9e689, Performance: Speed, Scheduler: karras, VAE: Default (model), \
                Raw prompt: "\u706F\u5854, at dusk", Raw negative prompt: , Version: Fooocus v2.5.5"""),
                new PngText("fooocus_scheme", "a1111"));

        assertThat(chunkTypes(file)).containsExactly("IHDR", "iTXt", "tEXt", "IDAT", "IEND");
        assertThat(GenerationMetadata.recall(file)).contains(new RecalledParameters("Fooocus", "\u706F\u5854, at dusk",
                1234567890123L, 30, 4.0, 1152, 896));
    }

    @Test
    void fooocusJsonSchemeInParameters() {
        // Python's json.dumps escapes non-ASCII, so Fooocus's JSON is plain tEXt even for a CJK prompt.
        byte[] file = png(new PngText("parameters", """
                {"adm_guidance": "(1.5, 0.8, 0.3)", "base_model": "juggernautXL_v8Rundiffusion", \
                "base_model_hash": "aeb7e9e689", "clip_skip": 2, "full_negative_prompt": ["unrealistic"], \
                "full_prompt": ["a paper lantern \\u706f\\u7b3c festival", "a paper lantern festival, glowing"], \
                "guidance_scale": 4, "loras": [["sd_xl_offset_example-lora_1.0", 0.1, "4852686128"]], \
                "metadata_scheme": "fooocus", "negative_prompt": "", "performance": "Speed", \
                "prompt": "a paper lantern \\u706f\\u7b3c festival", "refiner_model": "None", \
                "resolution": "(1152, 896)", "sampler": "dpmpp_2m_sde_gpu", "scheduler": "karras", \
                "seed": "8721598216364713617", "sharpness": 2, "steps": 30, \
                "styles": "['Fooocus V2', 'Fooocus Enhance', 'Fooocus Sharp']", "vae": "Default (model)", \
                "version": "Fooocus v2.5.5"}"""), new PngText("fooocus_scheme", "fooocus"));

        assertThat(chunkTypes(file)).containsExactly("IHDR", "tEXt", "tEXt", "IDAT", "IEND");
        assertThat(GenerationMetadata.recall(file)).contains(new RecalledParameters("Fooocus",
                "a paper lantern \u706F\u7B3C festival", 8721598216364713617L, 30, 4.0, 1152, 896));
    }

    @Test
    void comfyUiFlux2GraphInCompressedText() {
        // FLUX.2 template: text -> ReferenceLatent -> FluxGuidance -> BasicGuider -> SamplerCustomAdvanced.
        String graph = """
                {"6": {"inputs": {"text": "a hot-air balloon \\u6c14\\u7403 \\ud83c\\udf88 over the Alps", \
                "clip": ["38", 0]}, "class_type": "CLIPTextEncode"}, \
                "8": {"inputs": {"samples": ["13", 0], "vae": ["10", 0]}, "class_type": "VAEDecode"}, \
                "9": {"inputs": {"filename_prefix": "Flux2", "images": ["8", 0]}, "class_type": "SaveImage"}, \
                "10": {"inputs": {"vae_name": "flux2-vae.safetensors"}, "class_type": "VAELoader"}, \
                "12": {"inputs": {"unet_name": "flux2_dev_fp8mixed.safetensors", "weight_dtype": "default"}, \
                "class_type": "UNETLoader"}, \
                "13": {"inputs": {"noise": ["25", 0], "guider": ["22", 0], "sampler": ["16", 0], \
                "sigmas": ["48", 0], "latent_image": ["47", 0]}, "class_type": "SamplerCustomAdvanced"}, \
                "16": {"inputs": {"sampler_name": "euler"}, "class_type": "KSamplerSelect"}, \
                "22": {"inputs": {"model": ["12", 0], "conditioning": ["26", 0]}, "class_type": "BasicGuider"}, \
                "25": {"inputs": {"noise_seed": 435922656034611}, "class_type": "RandomNoise"}, \
                "26": {"inputs": {"guidance": 4, "conditioning": ["40", 0]}, "class_type": "FluxGuidance"}, \
                "38": {"inputs": {"clip_name": "mistral_3_small_flux2_fp8.safetensors", "type": "flux2"}, \
                "class_type": "CLIPLoader"}, \
                "40": {"inputs": {"conditioning": ["6", 0], "latent": ["41", 0]}, "class_type": "ReferenceLatent"}, \
                "41": {"inputs": {"pixels": ["42", 0], "vae": ["10", 0]}, "class_type": "VAEEncode"}, \
                "42": {"inputs": {"image": "moodboard.png"}, "class_type": "LoadImage"}, \
                "47": {"inputs": {"width": 1024, "height": 768, "batch_size": 1}, \
                "class_type": "EmptyFlux2LatentImage"}, \
                "48": {"inputs": {"steps": 28, "width": 1024, "height": 768}, "class_type": "Flux2Scheduler"}}""";
        byte[] file = withZtxt(png(new PngText("workflow", "{\"last_node_id\": 48, \"nodes\": [], \"links\": [], "
                + "\"version\": 0.4}")), "prompt", graph);

        assertThat(chunkTypes(file)).containsExactly("IHDR", "zTXt", "tEXt", "IDAT", "IEND");
        assertThat(GenerationMetadata.recall(file)).contains(new RecalledParameters("ComfyUI", BALLOON_CJK_EMOJI,
                435922656034611L, 28, 4.0, 1024, 768));
    }

    @Test
    void comfyUiClassicKSamplerInTextChunk() {
        byte[] file = png(new PngText("prompt", """
                {"3": {"inputs": {"seed": 156680208700286, "steps": 20, "cfg": 8, "sampler_name": "euler", \
                "scheduler": "normal", "denoise": 1, "model": ["4", 0], "positive": ["6", 0], \
                "negative": ["7", 0], "latent_image": ["5", 0]}, "class_type": "KSampler"}, \
                "4": {"inputs": {"ckpt_name": "sd_xl_base_1.0.safetensors"}, "class_type": "CheckpointLoaderSimple"}, \
                "5": {"inputs": {"width": 1024, "height": 1024, "batch_size": 1}, "class_type": "EmptyLatentImage"}, \
                "6": {"inputs": {"text": "beautiful scenery nature glass bottle landscape, purple galaxy bottle", \
                "clip": ["4", 1]}, "class_type": "CLIPTextEncode"}, \
                "7": {"inputs": {"text": "text, watermark", "clip": ["4", 1]}, "class_type": "CLIPTextEncode"}}"""));

        assertThat(GenerationMetadata.recall(file)).contains(new RecalledParameters("ComfyUI",
                "beautiful scenery nature glass bottle landscape, purple galaxy bottle", 156680208700286L, 20, 8.0,
                1024, 1024));
    }

    @Test
    void invokeAiFluxMetadataUsesItsGuidance() {
        byte[] file = png(new PngText("invokeai_metadata", """
                {"guidance": 4, "width": 1024, "height": 1024, \
                "positive_prompt": "a ceramic teapot shaped like a snail, studio photo", \
                "model": {"key": "8c6f1a2e", "hash": "blake3:3c1d", "name": "FLUX Dev (Quantized)", "base": "flux", \
                "type": "main"}, "seed": 1850396164, "steps": 30, "generation_mode": "flux_txt2img", \
                "app_version": "5.6.0"}"""),
                new PngText("invokeai_graph", "{\"id\": \"flux_graph:x\", \"nodes\": {}}"));

        assertThat(GenerationMetadata.recall(file)).contains(new RecalledParameters("InvokeAI",
                "a ceramic teapot shaped like a snail, studio photo", 1850396164L, 30, 4.0, 1024, 1024));
    }

    @Test
    void invokeAiSdxlMetadataInInternationalText() {
        String prompt = "\u685C\u306E\u4E0B\u306E\u732B \uD83D\uDC08, watercolor";
        byte[] file = png(new PngText("invokeai_metadata", "{\"generation_mode\": \"sdxl_txt2img\", "
                + "\"cfg_scale\": 7.5, \"cfg_rescale_multiplier\": 0, \"height\": 1216, \"width\": 832, "
                + "\"negative_prompt\": \"\", \"positive_prompt\": \"" + prompt + "\", \"rand_device\": \"cpu\", "
                + "\"scheduler\": \"dpmpp_3m_k\", \"seed\": 3301571357, \"steps\": 32, \"app_version\": \"5.6.0\"}"));

        assertThat(chunkTypes(file)).containsExactly("IHDR", "iTXt", "IDAT", "IEND");
        assertThat(GenerationMetadata.recall(file)).contains(new RecalledParameters("InvokeAI", prompt, 3301571357L,
                32, 7.5, 832, 1216));
    }

    @Test
    void drawThingsXmpUserCommentJson() {
        byte[] file = png(new PngText("XML:com.adobe.xmp", """
                <?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
                <x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="XMP Core 6.0.0">
                 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
                    xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:exif="http://ns.adobe.com/exif/1.0/">
                   <xmp:CreatorTool>Draw Things</xmp:CreatorTool>
                   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">%1$s
                -lowres
                Steps: 8, Sampler: Euler A Trailing, Guidance Scale: 3.5, Seed: 2085113291, Size: 768x1152, \
                Model: flux_2_klein_4b_q8p.ckpt, Strength: 1.0, Seed Mode: Scale Alike, Shift: 3.0</rdf:li>\
                </rdf:Alt></dc:description>
                   <exif:UserComment><rdf:Alt><rdf:li xml:lang="x-default">{&quot;c&quot;:&quot;%1$s&quot;,\
                &quot;uc&quot;:&quot;lowres&quot;,&quot;model&quot;:&quot;flux_2_klein_4b_q8p.ckpt&quot;,\
                &quot;seed&quot;:2085113291,&quot;size&quot;:&quot;768x1152&quot;,&quot;steps&quot;:8,\
                &quot;scale&quot;:3.5,&quot;sampler&quot;:&quot;Euler A Trailing&quot;,&quot;strength&quot;:1,\
                &quot;v2&quot;:{&quot;shift&quot;:3}}</rdf:li></rdf:Alt></exif:UserComment>
                  </rdf:Description>
                 </rdf:RDF>
                </x:xmpmeta>
                <?xpacket end="w"?>""".formatted(BALLOON_CJK_EMOJI)));

        assertThat(chunkTypes(file)).containsExactly("IHDR", "iTXt", "IDAT", "IEND");
        assertThat(GenerationMetadata.recall(file)).contains(new RecalledParameters("Draw Things", BALLOON_CJK_EMOJI,
                2085113291L, 8, 3.5, 768, 1152));
    }

    @Test
    void drawThingsDescriptionAloneIsReadWhenTheCreatorToolSaysSo() {
        String xmp = """
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\
                <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" \
                xmlns:dc="http://purl.org/dc/elements/1.1/" xmp:CreatorTool="%s"><dc:description><rdf:Alt>\
                <rdf:li xml:lang="x-default">a paper boat on a puddle
                -blurry, text
                Steps: 4, Sampler: Euler A Trailing, Guidance Scale: 1.0, Seed: 42, Size: 512x512, Model: klein.ckpt\
                </rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta>""";

        assertThat(GenerationMetadata.recall(png(new PngText("XML:com.adobe.xmp", xmp.formatted("Draw Things")))))
                .contains(new RecalledParameters("Draw Things", "a paper boat on a puddle", 42L, 4, 1.0, 512, 512));
        // A photo caption from any other tool is not a prompt.
        assertThat(GenerationMetadata.recall(png(new PngText("XML:com.adobe.xmp", xmp.formatted("Adobe Photoshop")))))
                .isEmpty();
    }

    @Test
    void draftboardsOwnInfotextIsNamedEvenWithoutItsJson() {
        GenerationRecord r = Records.done("\u6C14\u7403 balloon", Records.hash(1));
        byte[] file = png(GenerationMetadata.pngTexts(r, "0.1.0").stream()
                .filter(t -> t.keyword().equals("parameters")).toArray(PngText[]::new));

        assertThat(GenerationMetadata.recall(file)).contains(new RecalledParameters("Draftboard", r.prompt(),
                5_000_000_123L, 6, 4.5, 1024, 768));
    }

    @Test
    void conventionsAreTriedFromTheMostFaithfulDown() {
        List<PngText> all = new ArrayList<>(List.of(
                new PngText("XML:com.adobe.xmp", "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
                        + "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description "
                        + "xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:UserComment='{\"c\": \"xmp\"}'/>"
                        + "</rdf:RDF></x:xmpmeta>"),
                new PngText("invokeai_metadata", "{\"positive_prompt\": \"invoke\"}"),
                new PngText("prompt", "{\"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": 1, \"steps\": 2, "
                        + "\"positive\": [\"6\", 0]}}, \"6\": {\"inputs\": {\"text\": \"comfy\"}}}"),
                new PngText("parameters", "infotext\nSteps: 1, Seed: 2, CFG scale: 3, Version: v1.10.1"),
                new PngText("draftboard", "{\"format\": 1, \"prompt\": \"ours\"}")));
        List<String> order = new ArrayList<>();
        while (!all.isEmpty()) {
            RecalledParameters p = GenerationMetadata.read(all).orElseThrow();
            order.add(p.source() + ":" + p.prompt());
            all.remove(all.size() - 1);
        }
        assertThat(order).containsExactly("Draftboard:ours", "AUTOMATIC1111:infotext", "ComfyUI:comfy",
                "InvokeAI:invoke", "Draw Things:xmp");
    }

    @Test
    void aBrokenChunkFallsThroughToTheNextConvention() {
        assertThat(GenerationMetadata.read(List.of(new PngText("draftboard", "{\"prompt\": "),
                new PngText("prompt", "{\"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": 1, \"steps\": 2, "
                        + "\"positive\": [\"6\", 0]}}, \"6\": {\"inputs\": {\"text\": \"comfy\"}}}"))))
                .map(RecalledParameters::source).contains("ComfyUI");
        // A dynamic prompt that merely starts with "{" is still infotext unless Fooocus said it is JSON.
        assertThat(GenerationMetadata.read(List.of(new PngText("parameters", "{red|blue} balloon\nSteps: 6, Seed: 1, "
                + "Size: 512x512")))).map(RecalledParameters::prompt).contains("{red|blue} balloon");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("draftboard", "{not json"),
                Arguments.of("draftboard", "{\"prompt\": 42, \"seed\": \"x\"}"),
                Arguments.of("prompt", "{\"3\": {\"inputs\": "),
                Arguments.of("invokeai_metadata", "{\"positive_prompt\": "),
                Arguments.of("invokeai_metadata", "[\"positive_prompt\"]"),
                Arguments.of("parameters", ""),
                Arguments.of("XML:com.adobe.xmp", "<x:xmpmeta><rdf:RDF>"),
                Arguments.of("XML:com.adobe.xmp", """
                        <?xml version="1.0"?><!DOCTYPE x:xmpmeta [<!ENTITY e "from a DTD">]>\
                        <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF \
                        xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description \
                        xmlns:exif="http://ns.adobe.com/exif/1.0/"><exif:UserComment>{"c": "&e;"}</exif:UserComment>\
                        </rdf:Description></rdf:RDF></x:xmpmeta>"""));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformed")
    void malformedMetadataRecallsNothing(String keyword, String text) {
        assertThat(GenerationMetadata.recall(png(new PngText(keyword, text)))).isEmpty();
    }

    @Test
    void fooocusJsonSchemeThatIsBrokenIsNotReadAsInfotext() {
        assertThat(GenerationMetadata.recall(png(new PngText("parameters", "{\"prompt\": \"half"),
                new PngText("fooocus_scheme", "fooocus")))).isEmpty();
    }

    @Test
    void anythingButAPngRecallsNothing() throws Exception {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "jpeg", jpeg);

        assertThat(GenerationMetadata.recall(jpeg.toByteArray())).isEmpty();
        assertThat(GenerationMetadata.recall(new byte[0])).isEmpty();
        assertThat(GenerationMetadata.recall("parameters\0a cat\nSteps: 20, Seed: 1, Size: 8x8".getBytes())).isEmpty();
        assertThat(GenerationMetadata.recall(png())).isEmpty();
    }
}
