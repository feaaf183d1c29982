package io.draftboard.provider.comfyui;

import static io.draftboard.provider.comfyui.ComfyServer.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobCancelledException;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.Reference;
import io.draftboard.generation.Resumption;
import io.draftboard.generation.SetupCheck;
import io.draftboard.http.HttpClients;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.WireFixtures;
import io.draftboard.settings.ApiKey;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ComfyUI's wire, endpoint by endpoint, against a scripted server: what is sent, and how each answer is read. */
class ComfyUiProviderTest {
    private static final String TOKEN = "comfy-proxy-token-0123456789";
    private static final ComfyUiProvider.Timing FAST = new ComfyUiProvider.Timing(Duration.ofMillis(1),
            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(30));
    @TempDir
    Path dir;
    private ComfyServer comfy;
    private OkHttpClient client;

    @BeforeEach
    void start() throws Exception {
        comfy = new ComfyServer();
        client = HttpClients.create();
    }

    @AfterEach
    void stop() {
        comfy.close();
        client.dispatcher().executorService().shutdown();
    }

    private ComfyUiProvider provider(String workflow, ApiKey token) {
        return provider(comfy.server.url("/"), workflow, token);
    }

    private ComfyUiProvider provider(HttpUrl base, String workflow, ApiKey token) {
        return new ComfyUiProvider(new ProviderEndpoint(client, base, () -> token, Clock.systemUTC()), workflow,
                (d, c) -> c.checkCancelled(), FAST);
    }

    /** A context that records progress and previews and can be cancelled. */
    private static final class Recording implements JobContext {
        final List<Double> progress = new CopyOnWriteArrayList<>();
        final List<String> previews = new CopyOnWriteArrayList<>();
        final List<Runnable> hooks = new CopyOnWriteArrayList<>();
        volatile boolean cancelled;
        volatile String remoteId;
        volatile String pollingUrl;

        @Override
        public void progress(double fraction) {
            progress.add(fraction);
        }

        @Override
        public void preview(byte[] image, int step, int of) {
            previews.add(new String(image, java.nio.charset.StandardCharsets.ISO_8859_1) + "@" + step + "/" + of);
        }

        @Override
        public void submitted(String remoteId, String pollingUrl) {
            this.remoteId = remoteId;
            this.pollingUrl = pollingUrl;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public void onCancel(Runnable action) {
            hooks.add(action);
            if (cancelled) {
                action.run();
            }
        }

        void cancel() {
            cancelled = true;
            hooks.forEach(Runnable::run);
        }
    }

    private static String entry(String outputs) {
        return "{\"prompt\":[3,\"p\",{},{},[\"13\"]],\"outputs\":" + outputs + ",\"status\":{\"status_str\":\"success\","
                + "\"completed\":true,\"messages\":[]}}";
    }

    private static final String IMAGE = "{\"13\":{\"images\":[{\"filename\":\"ComfyUI_temp_abcde_00001_.png\","
            + "\"subfolder\":\"\",\"type\":\"temp\"}]}}";

    // ---- a text-only draft over the websocket ----

    @Test
    void aDraftIsQueuedFollowedOnTheWebsocketAndFetchedWithView() throws Exception {
        comfy.websocket().image();
        comfy.on("POST /prompt", r -> {
            String id = ComfyServer.promptIdOf(r);
            CompletableFuture.runAsync(() -> {
                String p = "\"prompt_id\":\"" + id + "\"";
                comfy.send("status", "{\"status\":{\"exec_info\":{\"queue_remaining\":1}},\"sid\":\"x\"}");
                comfy.send("execution_start", "{" + p + "}");
                comfy.send("executing", "{\"node\":\"11\",\"display_node\":\"11\"," + p + "}");
                comfy.send("progress", "{\"value\":3,\"max\":6,\"node\":\"11\"," + p + "}");
                comfy.sendPreview("FRAME3".getBytes());
                comfy.send("progress", "{\"value\":1,\"max\":1,\"node\":\"12\"," + p + "}"); // the VAE decode's bar
                comfy.send("progress", "{\"value\":6,\"max\":6,\"node\":\"11\"," + p + "}");
                comfy.send("executed", "{\"node\":\"13\",\"output\":" + IMAGE.substring(6, IMAGE.length() - 1) + "," + p + "}");
                comfy.send("execution_success", "{" + p + "}");
                comfy.send("executing", "{\"node\":null," + p + "}");
            });
            return WireFixtures.json(200, "{\"prompt_id\":\"" + id + "\",\"number\":0,\"node_errors\":{}}");
        });
        comfy.on("GET /queue", r -> WireFixtures.json(200, "{\"queue_running\":[],\"queue_pending\":[]}"));
        Recording ctx = new Recording();
        historyFor(ctx);

        GenerationResult result = provider("dev", new ApiKey(TOKEN)).generate(WireFixtures.request(), ctx);

        RecordedRequest ws = comfy.requests("GET /ws").get(0);
        RecordedRequest queued = comfy.requests("POST /prompt").get(0);
        JsonNode body = body(queued);
        assertThat(body.get("client_id").asText()).isEqualTo(ws.getUrl().queryParameter("clientId")).isNotBlank();
        assertThat(body.get("prompt_id").asText()).matches("[0-9a-f-]{36}").isEqualTo(ctx.remoteId);
        assertThat(body.get("extra_data").get("preview_method").asText()).isEqualTo("auto");
        JsonNode graph = body.get("prompt");
        assertThat(graph.get("4").get("inputs").get("text").asText()).isEqualTo("a teal poster, \"OPEN\"");
        assertThat(graph.get("7").get("inputs").get("noise_seed").asLong()).isEqualTo(77);
        assertThat(graph.get("9").get("inputs").get("steps").asInt()).isEqualTo(6);
        assertThat(graph.get("9").get("inputs").get("width").asInt()).isEqualTo(512);
        assertThat(graph.get("10").get("inputs").get("height").asInt()).isEqualTo(512);
        assertThat(graph.get("5").get("inputs").get("guidance").asDouble()).isEqualTo(5.0);
        assertThat(comfy.requests).allSatisfy(r -> assertThat(r.getHeaders().get("Authorization"))
                .isEqualTo("Bearer " + TOKEN));
        RecordedRequest view = comfy.requests("GET /view").get(0);
        assertThat(view.getUrl().queryParameter("filename")).isEqualTo("ComfyUI_temp_abcde_00001_.png");
        assertThat(view.getUrl().queryParameter("subfolder")).isEmpty();
        assertThat(view.getUrl().queryParameter("type")).isEqualTo("temp");
        assertThat(ctx.previews).containsExactly("FRAME3@3/6");
        assertThat(ctx.progress).containsSubsequence(0.5, 1.0).doesNotContain(0.0);
        assertThat(ctx.pollingUrl).isEqualTo(comfy.server.url("/history/" + ctx.remoteId).toString());
        assertThat(result.image()).isEqualTo(WireFixtures.PNG);
        assertThat(result.remoteId()).isEqualTo(ctx.remoteId);
        assertThat(result.seed()).isEqualTo(77);
        assertThat(result.cost().usd()).isZero();
        assertThat(comfy.requests("GET /queue")).as("the websocket said it all").isEmpty();
    }

    /** Routes {@code GET /history/<id>} once the id is known, answering with the finished entry. */
    private void historyFor(Recording ctx) {
        comfy.server.setDispatcher(new DelegatingHistory(comfy.server.getDispatcher(), ctx));
    }

    /** Answers {@code /history/<any id>} with a finished entry; everything else as scripted. */
    private static final class DelegatingHistory extends mockwebserver3.Dispatcher {
        private final mockwebserver3.Dispatcher inner;
        private final Recording ctx;

        DelegatingHistory(mockwebserver3.Dispatcher inner, Recording ctx) {
            this.inner = inner;
            this.ctx = ctx;
        }

        @Override
        public mockwebserver3.MockResponse dispatch(RecordedRequest r) throws InterruptedException {
            String path = r.getUrl().encodedPath();
            if (r.getMethod().equals("GET") && path.startsWith("/history/")) {
                inner.dispatch(r); // recorded
                String id = path.substring("/history/".length());
                return WireFixtures.json(200, "{\"" + id + "\":" + entry(IMAGE) + "}");
            }
            return inner.dispatch(r);
        }
    }

    // ---- without a websocket ----

    @Test
    void withoutAWebsocketThePromptIsPolledThroughQueueAndHistory() throws Exception {
        comfy.image();
        comfy.json("POST /prompt", 200, "{\"prompt_id\":\"server-named\",\"number\":7,\"node_errors\":{}}");
        comfy.json("GET /queue", 200, "{\"queue_running\":[],\"queue_pending\":[[7,\"server-named\",{},{},[\"13\"]]]}");
        comfy.json("GET /queue", 200, "{\"queue_running\":[[7,\"server-named\",{},{},[\"13\"]]],\"queue_pending\":[]}");
        comfy.json("GET /queue", 200, "{\"queue_running\":[],\"queue_pending\":[]}");
        comfy.json("GET /history/server-named", 200, "{\"server-named\":" + entry(IMAGE) + "}");
        Recording ctx = new Recording();

        GenerationResult result = provider("dev", null).generate(WireFixtures.request(), ctx);

        assertThat(comfy.requests("GET /ws")).as("tried first").hasSize(1);
        assertThat(comfy.requests("GET /queue")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(ctx.remoteId).as("an older server names the prompt itself").isEqualTo("server-named");
        assertThat(result.remoteId()).isEqualTo("server-named");
        assertThat(comfy.requests).allSatisfy(r -> assertThat(r.getHeaders().get("Authorization")).isNull());
    }

    @Test
    void whenTheWebsocketDropsMidRenderTheProviderPollsOn() throws Exception {
        comfy.websocket().image();
        comfy.on("POST /prompt", r -> {
            String id = ComfyServer.promptIdOf(r);
            CompletableFuture.runAsync(() -> {
                comfy.send("execution_start", "{\"prompt_id\":\"" + id + "\"}");
                comfy.closeSocket();
            });
            return WireFixtures.json(200, "{\"prompt_id\":\"" + id + "\",\"number\":0,\"node_errors\":{}}");
        });
        comfy.json("GET /queue", 200, "{\"queue_running\":[],\"queue_pending\":[]}");
        Recording ctx = new Recording();
        historyFor(ctx);

        GenerationResult result = provider("dev", null).generate(WireFixtures.request(), ctx);

        assertThat(result.image()).isEqualTo(WireFixtures.PNG);
        assertThat(comfy.requests("GET /queue")).isNotEmpty();
    }

    // ---- references ----

    @Test
    void oneReferenceIsUploadedAndWiredAsAReferenceLatent() throws Exception {
        GenerationRequest r = WireFixtures.request().withReferences(List.of(WireFixtures.REF));
        JsonNode graph = queuedGraph("dev", r, 1);

        RecordedRequest upload = comfy.requests("POST /upload/image").get(0);
        String multipart = upload.getBody().utf8();
        assertThat(upload.getHeaders().get("Content-Type")).startsWith("multipart/form-data");
        assertThat(multipart).contains("name=\"image\"; filename=\"draftboard-" + WireFixtures.REF.sha256()
                .substring(0, 16) + ".png\"").contains("name=\"type\"\r\n\r\ninput\r\n")
                .contains("name=\"subfolder\"\r\n\r\ndraftboard\r\n")
                .contains("name=\"overwrite\"\r\n\r\ntrue\r\n");
        JsonNode load = nodeOfClass(graph, "LoadImage").get(0);
        assertThat(load.get("inputs").get("image").asText()).isEqualTo("draftboard/ref-1.png");
        JsonNode reference = nodeOfClass(graph, "ReferenceLatent").get(0);
        assertThat(reference.get("inputs").get("conditioning").toString()).isEqualTo("[\"4\",0]");
        String refId = idOf(graph, reference);
        assertThat(graph.get("5").get("inputs").get("conditioning").toString()).as("guidance reads the references")
                .isEqualTo("[\"" + refId + "\",0]");
        JsonNode encode = graph.get(reference.get("inputs").get("latent").get(0).asText());
        assertThat(encode.get("class_type").asText()).isEqualTo("VAEEncode");
        assertThat(encode.get("inputs").get("vae").toString()).isEqualTo("[\"3\",0]");
        JsonNode scale = graph.get(encode.get("inputs").get("pixels").get(0).asText());
        assertThat(scale.get("class_type").asText()).isEqualTo("ImageScaleToTotalPixels");
        assertThat(scale.get("inputs").get("megapixels").asDouble()).isEqualTo(1.0);
    }

    @Test
    void eightReferencesAreEightUploadsAndOneChainOfReferenceLatents() throws Exception {
        List<Reference> refs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            refs.add(WireFixtures.REF);
        }
        JsonNode graph = queuedGraph("dev", WireFixtures.request().withReferences(refs), 8);

        assertThat(comfy.requests("POST /upload/image")).hasSize(8);
        List<JsonNode> chain = nodeOfClass(graph, "ReferenceLatent");
        assertThat(chain).hasSize(8);
        assertThat(nodeOfClass(graph, "LoadImage")).extracting(n -> n.get("inputs").get("image").asText())
                .containsExactly("draftboard/ref-1.png", "draftboard/ref-2.png", "draftboard/ref-3.png",
                        "draftboard/ref-4.png", "draftboard/ref-5.png", "draftboard/ref-6.png", "draftboard/ref-7.png",
                        "draftboard/ref-8.png");
        String last = graph.get("5").get("inputs").get("conditioning").get(0).asText();
        int links = 0;
        for (String at = last; graph.get(at).get("class_type").asText().equals("ReferenceLatent");
                at = graph.get(at).get("inputs").get("conditioning").get(0).asText()) {
            links++;
        }
        assertThat(links).isEqualTo(8);
    }

    @Test
    void aCustomWorkflowIsFilledWhereItsTitlesSay() throws Exception {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, """
                {
                  "68:1": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "my-flux2.safetensors"}},
                  "68:2": {"class_type": "CLIPTextEncode", "_meta": {"title": "Draftboard prompt"},
                           "inputs": {"text": "x", "clip": ["68:1", 1]}},
                  "68:3": {"class_type": "EmptyLatentImage", "_meta": {"title": "Draftboard size"},
                           "inputs": {"width": 8, "height": 8, "batch_size": 1}},
                  "68:4": {"class_type": "KSampler", "_meta": {"title": "Draftboard steps"},
                           "inputs": {"model": ["68:1", 0], "seed": 1, "steps": 2, "cfg": 1.0, "sampler_name": "euler",
                                      "scheduler": "simple", "positive": ["68:2", 0], "negative": ["68:2", 0],
                                      "latent_image": ["68:3", 0], "denoise": 1.0}},
                  "68:5": {"class_type": "PrimitiveInt", "_meta": {"title": "draftboard SEED"}, "inputs": {"value": 0, "seed": 0}},
                  "68:6": {"class_type": "VAEDecode", "inputs": {"samples": ["68:4", 0], "vae": ["68:1", 2]}},
                  "68:7": {"class_type": "SaveImage", "_meta": {"title": "Draftboard output"},
                           "inputs": {"images": ["68:6", 0], "filename_prefix": "mine"}},
                  "68:8": {"class_type": "PreviewImage", "inputs": {"images": ["68:6", 0]}}
                }
                """);
        JsonNode graph = queuedGraph(file.toString(), WireFixtures.request(), 0);

        assertThat(graph.get("68:2").get("inputs").get("text").asText()).isEqualTo("a teal poster, \"OPEN\"");
        assertThat(graph.get("68:3").get("inputs").get("width").asInt()).isEqualTo(512);
        assertThat(graph.get("68:4").get("inputs").get("steps").asInt()).isEqualTo(6);
        assertThat(graph.get("68:4").get("inputs").get("seed").asLong()).as("the KSampler's own seed is not titled")
                .isEqualTo(1);
        assertThat(graph.get("68:5").get("inputs").get("seed").asLong()).isEqualTo(77);
        assertThat(graph.get("68:4").get("inputs").get("cfg").asDouble()).as("no guidance title: left alone")
                .isEqualTo(1.0);
        assertThat(provider(file.toString(), null).info().model()).isEqualTo("my-flux2.safetensors");
    }

    /** Runs a render far enough to capture the graph ComfyUI is sent, and finishes it. */
    private JsonNode queuedGraph(String workflow, GenerationRequest r, int uploads) throws Exception {
        for (int i = 1; i <= uploads; i++) {
            comfy.json("POST /upload/image", 200, "{\"name\":\"ref-" + i + ".png\",\"subfolder\":\"draftboard\","
                    + "\"type\":\"input\"}");
        }
        comfy.json("POST /prompt", 200, "{\"prompt_id\":\"p1\",\"number\":0,\"node_errors\":{}}");
        comfy.json("GET /queue", 200, "{\"queue_running\":[],\"queue_pending\":[]}");
        comfy.json("GET /history/p1", 200, "{\"p1\":" + entry(IMAGE.replace("\"13\"", "\"68:7\"")) + "}");
        comfy.image();
        provider(workflow, null).generate(r, new Recording());
        return body(comfy.requests("POST /prompt").get(0)).get("prompt");
    }

    private static List<JsonNode> nodeOfClass(JsonNode graph, String cls) {
        List<JsonNode> out = new ArrayList<>();
        graph.forEach(n -> {
            if (n.get("class_type").asText().equals(cls)) {
                out.add(n);
            }
        });
        return out;
    }

    private static String idOf(JsonNode graph, JsonNode node) {
        for (var e : graph.properties()) {
            if (e.getValue() == node) {
                return e.getKey();
            }
        }
        throw new AssertionError("not in the graph");
    }

    // ---- errors ----

    @Test
    void aServerThatIsNotRunningIsSaidSoAndMayBeRetried() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HttpUrl nowhere = HttpUrl.get("http://127.0.0.1:" + port + "/");

        ProviderException e = WireFixtures.failure(provider(nowhere, "dev", null), WireFixtures.request());

        assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(e.getMessage()).isEqualTo("ComfyUI is not running at " + nowhere + " (connection refused)");
        SetupCheck.Report report = provider(nowhere, "dev", null).setupCheck().orElseThrow().check();
        assertThat(report.ready()).isFalse();
        assertThat(report.sentence()).isEqualTo("ComfyUI is not running at http://127.0.0.1:" + port
                + " (connection refused).");
    }

    @Test
    void aMissingModelFileIsNamedWithItsFolder() {
        comfy.json("POST /prompt", 400, """
                {"error": {"type": "prompt_outputs_failed_validation", "message": "Prompt outputs failed validation",
                           "details": "Value not in list: unet_name: 'flux2_dev_fp8mixed.safetensors' not in []",
                           "extra_info": {}},
                 "node_errors": {"1": {"errors": [{"type": "value_not_in_list", "message": "Value not in list",
                     "details": "unet_name: 'flux2_dev_fp8mixed.safetensors' not in []",
                     "extra_info": {"input_name": "unet_name", "input_config": null,
                                    "received_value": "flux2_dev_fp8mixed.safetensors"}}],
                     "dependent_outputs": ["13"], "class_type": "UNETLoader"}}}
                """);

        ProviderException e = WireFixtures.failure(provider("dev", null), WireFixtures.request());

        assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(e.getMessage()).isEqualTo("ComfyUI does not have the model file flux2_dev_fp8mixed.safetensors "
                + "(put it in ComfyUI/models/diffusion_models)");
    }

    @Test
    void aMissingNodeSaysToUpdateComfyUi() {
        comfy.json("POST /prompt", 400, """
                {"error": {"type": "missing_node_type", "message": "Node 'Draftboard size' not found. The custom node may not be installed.",
                           "details": "Node ID '#10'", "extra_info": {"node_id": "10", "class_type": "EmptyFlux2LatentImage",
                           "node_title": "Draftboard size"}},
                 "node_errors": {}}
                """);

        ProviderException e = WireFixtures.failure(provider("dev", null), WireFixtures.request());

        assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(e.getMessage()).isEqualTo("ComfyUI has no node \"EmptyFlux2LatentImage\"; update ComfyUI, or install "
                + "the custom node that provides it");
    }

    @Test
    void aWorkflowComfyUiRefusesIsAnInvalidRequestWithItsReasons() {
        comfy.json("POST /prompt", 400, """
                {"error": {"type": "prompt_outputs_failed_validation", "message": "Prompt outputs failed validation",
                           "details": "", "extra_info": {}},
                 "node_errors": {"9": {"errors": [{"type": "value_smaller_than_min", "message": "Value 0 smaller than min of 1",
                     "details": "steps", "extra_info": {"input_name": "steps", "received_value": 0}}],
                     "dependent_outputs": ["13"], "class_type": "Flux2Scheduler"}}}
                """);

        ProviderException e = WireFixtures.failure(provider("dev", null), WireFixtures.request());

        assertThat(e.kind()).isEqualTo(FailureKind.INVALID_REQUEST);
        assertThat(e.getMessage()).isEqualTo("ComfyUI refused the workflow: node 9 (Flux2Scheduler): Value 0 smaller "
                + "than min of 1 (steps)");
    }

    @Test
    void anAuthProxyThatRefusesTheTokenIsAnAuthenticationFailure() {
        comfy.json("POST /prompt", 401, "{\"error\":\"unauthorized\"}");

        ProviderException e = WireFixtures.failure(provider("dev", new ApiKey("wrong-token-000000")),
                WireFixtures.request());

        assertThat(e.kind()).isEqualTo(FailureKind.AUTH);
        assertThat(e.getMessage()).doesNotContain("wrong-token");
    }

    @Test
    void outOfMemoryOnTheWebsocketEndsTheRenderWithAdvice() {
        comfy.websocket();
        comfy.on("POST /prompt", r -> {
            String id = ComfyServer.promptIdOf(r);
            CompletableFuture.runAsync(() -> comfy.send("execution_error", "{\"prompt_id\":\"" + id + "\","
                    + "\"node_id\":\"11\",\"node_type\":\"SamplerCustomAdvanced\",\"executed\":[],"
                    + "\"exception_message\":\"Allocation on device \\nThis error means you ran out of memory on your GPU."
                    + "\",\"exception_type\":\"torch.OutOfMemoryError\",\"traceback\":[],\"current_inputs\":{},"
                    + "\"current_outputs\":[]}"));
            return WireFixtures.json(200, "{\"prompt_id\":\"" + id + "\",\"number\":0,\"node_errors\":{}}");
        });

        ProviderException e = WireFixtures.failure(provider("dev", null), WireFixtures.request());

        assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(e.getMessage()).isEqualTo("ComfyUI ran out of GPU memory in node 11 (SamplerCustomAdvanced); try a "
                + "smaller size or fewer references, or close other programs using the GPU");
    }

    @Test
    void aNodeErrorInTheHistoryEndsTheRenderWithTheNodeAndItsMessage() {
        comfy.json("POST /prompt", 200, "{\"prompt_id\":\"p9\",\"number\":0,\"node_errors\":{}}");
        comfy.json("GET /queue", 200, "{\"queue_running\":[],\"queue_pending\":[]}");
        comfy.json("GET /history/p9", 200, """
                {"p9": {"prompt": [0, "p9", {}, {}, ["13"]], "outputs": {},
                 "status": {"status_str": "error", "completed": false, "messages": [
                   ["execution_start", {"prompt_id": "p9"}],
                   ["execution_error", {"prompt_id": "p9", "node_id": "11", "node_type": "SamplerCustomAdvanced",
                     "exception_message": "mat1 and mat2 shapes cannot be multiplied (512x3072 and 15360x3072)\\n\\nTIPS: ...",
                     "exception_type": "RuntimeError", "traceback": []}]]}}}
                """);

        ProviderException e = WireFixtures.failure(provider("dev", null), WireFixtures.request());

        assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(e.getMessage()).isEqualTo("ComfyUI failed in node 11 (SamplerCustomAdvanced): mat1 and mat2 shapes "
                + "cannot be multiplied (512x3072 and 15360x3072)");
    }

    @Test
    void aPromptTheServerForgotIsReportedLostAndNotResent() {
        comfy.json("POST /prompt", 200, "{\"prompt_id\":\"gone\",\"number\":0,\"node_errors\":{}}");
        comfy.json("GET /queue", 200, "{\"queue_running\":[],\"queue_pending\":[]}");
        comfy.json("GET /history/gone", 200, "{}");

        ProviderException e = WireFixtures.failure(provider("dev", null), WireFixtures.request());

        assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(e.getMessage()).contains("no longer knows prompt gone").contains("lost; not resent");
        assertThat(comfy.requests("POST /prompt")).hasSize(1);
    }

    @Test
    void anInterruptNobodyHereAskedForIsAFailureNotACancel() {
        comfy.websocket();
        comfy.on("POST /prompt", r -> {
            String id = ComfyServer.promptIdOf(r);
            CompletableFuture.runAsync(() -> comfy.send("execution_interrupted", "{\"prompt_id\":\"" + id + "\","
                    + "\"node_id\":\"11\",\"node_type\":\"SamplerCustomAdvanced\",\"executed\":[]}"));
            return WireFixtures.json(200, "{\"prompt_id\":\"" + id + "\",\"number\":0,\"node_errors\":{}}");
        });

        ProviderException e = WireFixtures.failure(provider("dev", null), WireFixtures.request());

        assertThat(e.getMessage()).contains("interrupted prompt");
    }

    // ---- cancelling ----

    @Test
    void cancellingAQueuedDraftDeletesItFromTheQueueWithoutInterruptingAnything() throws Exception {
        comfy.json("POST /prompt", 200, "{\"prompt_id\":\"q1\",\"number\":4,\"node_errors\":{}}");
        comfy.json("GET /queue", 200, "{\"queue_running\":[[3,\"other\",{},{},[]]],\"queue_pending\":[[4,\"q1\",{},{},[]]]}");
        comfy.json("POST /queue", 200, "");
        Recording ctx = new Recording();
        CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> failureOf(ctx));
        assertThat(comfy.awaitRequest("GET /queue")).isTrue();

        ctx.cancel();

        assertThat(run.get(10, TimeUnit.SECONDS)).isInstanceOf(JobCancelledException.class);
        assertThat(comfy.awaitRequest("POST /queue")).isTrue();
        assertThat(idleLatch().await(10, TimeUnit.SECONDS)).as("the cancel's calls are done").isTrue();
        assertThat(body(comfy.requests("POST /queue").get(0)).toString()).isEqualTo("{\"delete\":[\"q1\"]}");
        assertThat(comfy.requests("POST /interrupt")).as("q1 was not running").isEmpty();
    }

    @Test
    void cancellingARunningDraftInterruptsThatPromptOnly() throws Exception {
        comfy.json("POST /prompt", 200, "{\"prompt_id\":\"r1\",\"number\":4,\"node_errors\":{}}");
        comfy.json("GET /queue", 200, "{\"queue_running\":[[4,\"r1\",{},{},[]]],\"queue_pending\":[]}");
        comfy.json("POST /queue", 200, "");
        comfy.json("POST /interrupt", 200, "");
        Recording ctx = new Recording();
        CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> failureOf(ctx));
        assertThat(comfy.awaitRequest("GET /queue")).isTrue();

        ctx.cancel();

        assertThat(run.get(10, TimeUnit.SECONDS)).isInstanceOf(JobCancelledException.class);
        assertThat(comfy.awaitRequest("POST /interrupt")).isTrue();
        assertThat(body(comfy.requests("POST /interrupt").get(0)).toString()).isEqualTo("{\"prompt_id\":\"r1\"}");
    }

    /** Counts down once the client has no call in flight (the cancel's chained calls run back to back). */
    private CountDownLatch idleLatch() {
        CountDownLatch idle = new CountDownLatch(1);
        client.dispatcher().setIdleCallback(idle::countDown);
        if (client.dispatcher().runningCallsCount() == 0 && client.dispatcher().queuedCallsCount() == 0) {
            idle.countDown();
        }
        return idle;
    }

    private Throwable failureOf(Recording ctx) {
        try {
            provider("dev", null).generate(WireFixtures.request(), ctx);
            return null;
        } catch (ProviderException | RuntimeException e) {
            return e;
        }
    }

    // ---- after a Draftboard restart ----

    @Test
    void aJournalledPromptIsResumedFromTheHistoryWithoutQueueingAgain() throws Exception {
        comfy.json("GET /queue", 200, "{\"queue_running\":[],\"queue_pending\":[]}");
        comfy.json("GET /history/p-77", 200, "{\"p-77\":" + entry(IMAGE) + "}");
        comfy.image();

        GenerationResult result = provider("dev", null).resume(WireFixtures.request(),
                new Resumption(5, "p-77", comfy.server.url("/history/p-77").toString()), new Recording());

        assertThat(result.remoteId()).isEqualTo("p-77");
        assertThat(comfy.requests("POST /prompt")).isEmpty();
        assertThat(comfy.requests("GET /ws")).isEmpty();
    }

    // ---- before the first render ----

    @Test
    void theSetupCheckNamesWhatIsMissingAndTheFlux2ModelsThereAre() throws Exception {
        comfy.json("GET /system_stats", 200, "{\"system\":{\"comfyui_version\":\"0.3.75\"},\"devices\":[]}");
        for (String cls : List.of("CLIPLoader", "VAELoader", "CLIPTextEncode", "FluxGuidance", "BasicGuider",
                "RandomNoise", "KSamplerSelect", "Flux2Scheduler", "SamplerCustomAdvanced", "VAEDecode", "PreviewImage",
                "LoadImage", "ImageScaleToTotalPixels", "VAEEncode", "ReferenceLatent")) {
            String input = switch (cls) {
                case "CLIPLoader" -> "{\"required\":{\"clip_name\":[[\"mistral_3_small_flux2_bf16.safetensors\"]]}}";
                case "VAELoader" -> "{\"required\":{\"vae_name\":[\"COMBO\",{\"options\":[\"ae.safetensors\"]}]}}";
                default -> "{\"required\":{}}";
            };
            comfy.json("GET /object_info/" + cls, 200, "{\"" + cls + "\":{\"input\":" + input + "}}");
        }
        comfy.json("GET /object_info/UNETLoader", 200, "{\"UNETLoader\":{\"input\":{\"required\":{\"unet_name\":"
                + "[[\"flux-2-klein-4b.safetensors\",\"sdxl.safetensors\"],{}]}}}}");
        comfy.json("GET /object_info/EmptyFlux2LatentImage", 200, "{}");

        SetupCheck.Report report = provider("dev", null).setupCheck().orElseThrow().check();

        assertThat(report.ready()).isFalse();
        assertThat(report.sentence()).isEqualTo("ComfyUI 0.3.75 at " + comfy.server.url("/").toString()
                .replaceAll("/$", "") + " cannot render FLUX.2 [dev] yet: it is missing flux2_dev_fp8mixed.safetensors "
                + "(in models/diffusion_models) and flux2-vae.safetensors (in models/vae) and the node "
                + "EmptyFlux2LatentImage (update ComfyUI); FLUX.2 models it has: flux-2-klein-4b.safetensors.");
    }

    @Test
    void theSetupCheckCarriesTheTokenAndSaysWhenTheServerRefusesIt() throws Exception {
        comfy.json("GET /system_stats", 401, "{\"error\":\"unauthorized\"}");

        SetupCheck.Report report = provider("dev", new ApiKey(TOKEN)).setupCheck().orElseThrow().check();

        assertThat(report.ready()).isFalse();
        assertThat(report.sentence()).isEqualTo("The server at " + comfy.server.url("/").toString()
                .replaceAll("/$", "") + " refused Draftboard (HTTP 401); set the ComfyUI token "
                + "(DRAFTBOARD_COMFYUI_TOKEN, or the key field in Settings)");
        assertThat(comfy.requests).isNotEmpty().allSatisfy(r -> assertThat(r.getHeaders().get("Authorization"))
                .isEqualTo("Bearer " + TOKEN));
    }

    @Test
    void anUnusableWorkflowFileIsAnInvalidRequestThatSaysWhy() throws Exception {
        Path ui = dir.resolve("ui.json");
        Files.writeString(ui, "{\"nodes\":[],\"links\":[],\"version\":0.4}");

        assertThatThrownBy(() -> provider(ui.toString(), null).generate(WireFixtures.request(), new Recording()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("UI format").contains("Export (API)");
                });
        assertThat(provider(ui.toString(), null).setupCheck().orElseThrow().check().sentence()).contains("UI format");
        assertThat(comfy.requests).isEmpty();
    }
}
