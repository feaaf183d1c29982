package io.draftboard.simulator.comfyui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.http.HttpClients;
import io.draftboard.json.Json;
import io.draftboard.provider.WireFixtures;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stand-in's routes as a client sees them, with nothing of Draftboard's provider in between. */
class ComfyUiSimulatorTest {
    private final OkHttpClient client = HttpClients.create();
    private ComfyUiSimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
        client.dispatcher().executorService().shutdown();
    }

    private Response call(Request.Builder b) throws Exception {
        return client.newCall(b.build()).execute();
    }

    private Request.Builder at(String path) {
        return new Request.Builder().url(sim.baseUrl() + path);
    }

    private String upload(String name, byte[] bytes) throws Exception {
        RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("image", name, RequestBody.create(bytes, MediaType.get("image/png")))
                .addFormDataPart("subfolder", "draftboard").build();
        try (Response r = call(at("upload/image").post(body))) {
            assertThat(r.code()).isEqualTo(200);
            JsonNode n = Json.MAPPER.readTree(r.body().string());
            assertThat(n.get("type").asText()).isEqualTo("input");
            assertThat(n.get("subfolder").asText()).isEqualTo("draftboard");
            return n.get("name").asText();
        }
    }

    @Test
    void uploadsKeepDuplicatesOnceAndRenameDifferentPicturesAsComfyUiDoes() throws Exception {
        sim = ComfyUiSimulator.start(ComfyUiSimulatorConfig.defaults());

        assertThat(upload("ref.png", WireFixtures.PNG)).isEqualTo("ref.png");
        assertThat(upload("ref.png", WireFixtures.PNG)).isEqualTo("ref.png");
        assertThat(upload("ref.png", new byte[] {1, 2, 3})).isEqualTo("ref (1).png");
        try (Response r = call(at("api/view?filename=ref.png&subfolder=draftboard&type=input"))) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.body().bytes()).isEqualTo(WireFixtures.PNG);
        }
        try (Response r = call(at("view?filename=../secrets.txt&type=input"))) {
            assertThat(r.code()).isEqualTo(400);
        }
        try (Response r = call(at("view?filename=x.png&subfolder=../..&type=input"))) {
            assertThat(r.code()).isEqualTo(403);
        }
        try (Response r = call(at("view?filename=missing.png"))) {
            assertThat(r.code()).isEqualTo(404);
        }
        assertThat(sim.uploads()).isEqualTo(3);
    }

    @Test
    void promptsWithoutAGraphOrWithABadIdAreRefusedInComfyUisShape() throws Exception {
        sim = ComfyUiSimulator.start(ComfyUiSimulatorConfig.defaults());
        MediaType json = MediaType.get("application/json");

        try (Response r = call(at("prompt").post(RequestBody.create("{\"client_id\":\"c\"}", json)))) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(r.body().string()).get("error").get("type").asText()).isEqualTo("no_prompt");
        }
        try (Response r = call(at("prompt").post(RequestBody.create("{\"prompt\":{},\"prompt_id\":\"NOT-A-UUID\"}", json)))) {
            assertThat(Json.MAPPER.readTree(r.body().string()).get("error").get("type").asText())
                    .isEqualTo("invalid_prompt_id");
        }
        try (Response r = call(at("queue"))) {
            JsonNode q = Json.MAPPER.readTree(r.body().string());
            assertThat(q.get("queue_running").isArray()).isTrue();
            assertThat(q.get("queue_pending").isArray()).isTrue();
        }
        assertThat(sim.refused()).isEqualTo(2);
    }

    @Test
    void theWebsocketGreetsWithTheQueueStatusAndTheSessionId() throws Exception {
        sim = ComfyUiSimulator.start(ComfyUiSimulatorConfig.defaults());
        BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        WebSocket ws = client.newWebSocket(at("ws?clientId=abc123").build(), new WebSocketListener() {
            @Override
            public void onMessage(WebSocket webSocket, String text) {
                texts.add(text);
            }
        });
        try {
            JsonNode status = Json.MAPPER.readTree(texts.poll(10, TimeUnit.SECONDS));
            assertThat(status.get("type").asText()).isEqualTo("status");
            assertThat(status.get("data").get("sid").asText()).isEqualTo("abc123");
            assertThat(status.get("data").get("status").get("exec_info").get("queue_remaining").asInt()).isZero();
        } finally {
            ws.close(1000, null);
        }
    }

    @Test
    void behindATokenEveryRouteWantsItAndAWebsocketCanBeRefused() throws Exception {
        sim = ComfyUiSimulator.start(ComfyUiSimulatorConfig.defaults().withToken("t0ken-0123456789").withoutWebsocket());

        try (Response r = call(at("object_info/UNETLoader"))) {
            assertThat(r.code()).isEqualTo(401);
        }
        try (Response r = call(at("object_info/UNETLoader").header("Authorization", "Bearer t0ken-0123456789"))) {
            assertThat(r.code()).isEqualTo(200);
        }
        try (Response r = call(at("ws").header("Authorization", "Bearer t0ken-0123456789"))) {
            assertThat(r.code()).as("no upgrade asked: refused like a proxy would").isEqualTo(403);
        }
        try (Response r = call(at("models/diffusion_models").header("Authorization", "Bearer t0ken-0123456789"))) {
            assertThat(Json.MAPPER.readTree(r.body().string()).toString()).contains("flux2_dev_fp8mixed.safetensors");
        }
        assertThat(sim.awaitIdle(Duration.ofSeconds(1))).isTrue();
    }
}
