package io.draftboard.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The graph walk behind ComfyUI recall: what reaches the sampler's positive input, and nothing else. */
class ComfyUiPromptTest {
    /** ComfyUI's FLUX.1 [dev] template as the API graph it saves (ids and inputs as ComfyUI writes them). */
    private static final String FLUX_DEV = """
            {"6": {"inputs": {"text": "a red hot-air balloon over the Alps", "clip": ["11", 0]},
                   "class_type": "CLIPTextEncode", "_meta": {"title": "CLIP Text Encode (Positive Prompt)"}},
             "8": {"inputs": {"samples": ["13", 0], "vae": ["10", 0]}, "class_type": "VAEDecode"},
             "9": {"inputs": {"filename_prefix": "ComfyUI", "images": ["8", 0]}, "class_type": "SaveImage"},
             "10": {"inputs": {"vae_name": "ae.safetensors"}, "class_type": "VAELoader"},
             "11": {"inputs": {"clip_name1": "t5xxl_fp16.safetensors", "clip_name2": "clip_l.safetensors",
                    "type": "flux"}, "class_type": "DualCLIPLoader"},
             "12": {"inputs": {"unet_name": "flux1-dev.safetensors", "weight_dtype": "default"},
                    "class_type": "UNETLoader"},
             "13": {"inputs": {"noise": ["25", 0], "guider": ["22", 0], "sampler": ["16", 0],
                    "sigmas": ["17", 0], "latent_image": ["27", 0]}, "class_type": "SamplerCustomAdvanced"},
             "16": {"inputs": {"sampler_name": "euler"}, "class_type": "KSamplerSelect"},
             "17": {"inputs": {"scheduler": "simple", "steps": 20, "denoise": 1, "model": ["30", 0]},
                    "class_type": "BasicScheduler"},
             "22": {"inputs": {"model": ["30", 0], "conditioning": ["26", 0]}, "class_type": "BasicGuider"},
             "25": {"inputs": {"noise_seed": 219670278747233}, "class_type": "RandomNoise"},
             "26": {"inputs": {"guidance": 3.5, "conditioning": ["6", 0]}, "class_type": "FluxGuidance"},
             "27": {"inputs": {"width": 1344, "height": 768, "batch_size": 1}, "class_type": "EmptySD3LatentImage"},
             "30": {"inputs": {"max_shift": 1.15, "base_shift": 0.5, "width": 1344, "height": 768,
                    "model": ["12", 0]}, "class_type": "ModelSamplingFlux"}}
            """;

    private static Optional<RecalledParameters> read(String json) {
        return ComfyUiPrompt.read(json);
    }

    @Test
    void aFluxGraphIsFollowedFromTheSamplerThroughGuiderNoiseSchedulerAndLatent() {
        assertThat(read(FLUX_DEV)).contains(new RecalledParameters("ComfyUI", "a red hot-air balloon over the Alps",
                219670278747233L, 20, 3.5, 1344, 768));
    }

    @Test
    void theNegativePromptIsNeverTakenEvenWhenItComesFirst() {
        String json = """
                {"7": {"inputs": {"text": "blurry, watermark", "clip": ["4", 1]}, "class_type": "CLIPTextEncode"},
                 "6": {"inputs": {"text": "isometric tiny office, soft light", "clip": ["4", 1]},
                       "class_type": "CLIPTextEncode"},
                 "5": {"inputs": {"width": 1024, "height": 1024, "batch_size": 1}, "class_type": "EmptyLatentImage"},
                 "3": {"inputs": {"seed": 156680208700286, "steps": 25, "cfg": 6.5, "sampler_name": "euler",
                       "scheduler": "normal", "denoise": 1, "model": ["4", 0], "positive": ["20", 0],
                       "negative": ["20", 1], "latent_image": ["5", 0]}, "class_type": "KSampler"},
                 "20": {"inputs": {"strength": 0.8, "start_percent": 0, "end_percent": 1, "negative": ["7", 0],
                        "positive": ["6", 0], "control_net": ["21", 0], "image": ["22", 0]},
                        "class_type": "ControlNetApplyAdvanced"}}
                """;
        assertThat(read(json)).contains(new RecalledParameters("ComfyUI", "isometric tiny office, soft light",
                156680208700286L, 25, 6.5, 1024, 1024));
    }

    @ParameterizedTest(name = "positive input {0}")
    @ValueSource(strings = {"[\"99\", 0]", "[\"8\", 0]", "[\"9\", 0]"})
    void aPromptOnlyOnTheNegativePathRecallsNothing(String positive) {
        // 99 does not exist, 8 zeroes out the text node, 9 is an empty prompt.
        String json = """
                {"3": {"inputs": {"seed": 1, "steps": 20, "cfg": 7, "positive": %s, "negative": ["7", 0],
                       "latent_image": ["5", 0]}, "class_type": "KSampler"},
                 "5": {"inputs": {"width": 512, "height": 512, "batch_size": 1}, "class_type": "EmptyLatentImage"},
                 "7": {"inputs": {"text": "bad anatomy, extra fingers", "clip": ["4", 1]},
                       "class_type": "CLIPTextEncode"},
                 "8": {"inputs": {"conditioning": ["7", 0]}, "class_type": "ConditioningZeroOut"},
                 "9": {"inputs": {"text": "  ", "clip": ["4", 1]}, "class_type": "CLIPTextEncode"}}
                """.formatted(positive);
        assertThat(read(json)).isEmpty();
    }

    @Test
    void fluxGuidanceCountsOnlyOnThePositivePath() {
        String json = """
                {"3": {"inputs": {"seed": 5, "steps": 8, "cfg": 1.0, "positive": ["6", 0], "negative": ["26", 0],
                       "latent_image": ["5", 0]}, "class_type": "KSampler"},
                 "6": {"inputs": {"text": "a paper boat"}, "class_type": "CLIPTextEncode"},
                 "26": {"inputs": {"guidance": 9.0, "conditioning": ["7", 0]}, "class_type": "FluxGuidance"},
                 "7": {"inputs": {"text": "storm"}, "class_type": "CLIPTextEncode"}}
                """;
        RecalledParameters p = read(json).orElseThrow();
        assertThat(p.prompt()).isEqualTo("a paper boat");
        assertThat(p.guidance()).isEqualTo(1.0);
        assertThat(p.width()).isNull();
    }

    @Test
    void fluxTextEncoderGivesItsT5PromptAndGuidance() {
        String json = """
                {"3": {"inputs": {"noise_seed": 77, "steps": 28, "cfg": 1, "positive": ["6", 0],
                       "latent_image": ["5", 0]}, "class_type": "KSamplerAdvanced"},
                 "6": {"inputs": {"clip_l": "balloon", "t5xxl": "a single red balloon tied to a bench, morning fog",
                       "guidance": 3.0, "clip": ["4", 1]}, "class_type": "CLIPTextEncodeFlux"},
                 "5": {"inputs": {"width": 768, "height": 1024, "batch_size": 1}, "class_type": "EmptyLatentImage"}}
                """;
        assertThat(read(json)).contains(new RecalledParameters("ComfyUI",
                "a single red balloon tied to a bench, morning fog", 77L, 28, 3.0, 768, 1024));
    }

    @Test
    void valuesBehindPrimitiveNodesAreResolved() {
        String json = """
                {"3": {"inputs": {"seed": ["31", 0], "steps": 12, "cfg": 4, "positive": ["6", 0],
                       "latent_image": ["5", 0]}, "class_type": "KSampler"},
                 "6": {"inputs": {"text": ["30", 0], "clip": ["4", 1]}, "class_type": "CLIPTextEncode"},
                 "30": {"inputs": {"value": "poster of a \\"SALE\\", bold type"},
                        "class_type": "PrimitiveStringMultiline"},
                 "31": {"inputs": {"value": 42}, "class_type": "PrimitiveInt"},
                 "32": {"inputs": {"value": 832}, "class_type": "PrimitiveInt"},
                 "5": {"inputs": {"width": ["32", 0], "height": 1216, "batch_size": 1},
                       "class_type": "EmptyLatentImage"}}
                """;
        assertThat(read(json)).contains(new RecalledParameters("ComfyUI", "poster of a \"SALE\", bold type", 42L, 12,
                4.0, 832, 1216));
    }

    @Test
    void withAHiresPassTheBaseSamplerIsRecalled() {
        String json = """
                {"3": {"inputs": {"seed": 9, "steps": 20, "cfg": 7, "positive": ["6", 0], "negative": ["7", 0],
                       "latent_image": ["5", 0]}, "class_type": "KSampler"},
                 "5": {"inputs": {"width": 512, "height": 768, "batch_size": 1}, "class_type": "EmptyLatentImage"},
                 "6": {"inputs": {"text": "castle"}, "class_type": "CLIPTextEncode"},
                 "7": {"inputs": {"text": "lowres"}, "class_type": "CLIPTextEncode"},
                 "10": {"inputs": {"upscale_method": "nearest-exact", "width": 1024, "height": 1536, "crop": "disabled",
                        "samples": ["3", 0]}, "class_type": "LatentUpscale"},
                 "11": {"inputs": {"seed": 9, "steps": 14, "cfg": 7, "denoise": 0.5, "positive": ["6", 0],
                        "negative": ["7", 0], "latent_image": ["10", 0]}, "class_type": "KSampler"}}
                """;
        assertThat(read(json)).contains(new RecalledParameters("ComfyUI", "castle", 9L, 20, 7.0, 512, 768));
    }

    @Test
    void oddNodesCyclesAndImpossibleValuesGiveWhatCanBeFound() {
        String json = """
                {"1": "not a node",
                 "2": {"class_type": 5, "inputs": []},
                 "3": {"inputs": {"positive": ["4", 0], "seed": 18446744073709551615, "steps": 1.5, "cfg": "NaN",
                       "latent_image": ["404", 0]}, "class_type": "KSampler"},
                 "4": {"inputs": {"conditioning_1": ["4", 0], "conditioning_2": ["5", "x"],
                       "conditioning_3": ["5", 0]}, "class_type": "ConditioningCombine"},
                 "5": {"inputs": {"text": "still found"}, "class_type": "CLIPTextEncode"}}
                """;
        assertThat(read(json)).contains(new RecalledParameters("ComfyUI", "still found", null, null, null, null, null));
    }

    @Test
    void aVeryLongChainEndsQuietly() {
        StringBuilder json = new StringBuilder("{\"0\": {\"inputs\": {\"seed\": 1, \"steps\": 1, "
                + "\"positive\": [\"1\", 0]}, \"class_type\": \"KSampler\"}");
        for (int i = 1; i < 5000; i++) {
            json.append(", \"").append(i).append("\": {\"inputs\": {\"conditioning\": [\"").append(i + 1)
                    .append("\", 0]}, \"class_type\": \"ConditioningSetTimestepRange\"}");
        }
        json.append(", \"5000\": {\"inputs\": {\"text\": \"too far\"}, \"class_type\": \"CLIPTextEncode\"}}");
        assertThat(read(json.toString())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a plain prompt some other tool wrote", "[]", "{}", "null", "{\"3\": {\"inputs\": ",
            "{\"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"positive\": \"6\"}}}"})
    void textThatIsNotAComfyUiGraphRecallsNothing(String text) {
        assertThat(read(text)).isEmpty();
    }
}
