package io.draftboard.provider.openai;

import static io.draftboard.provider.WireFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobContext;
import io.draftboard.http.HttpClients;
import io.draftboard.json.Json;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.WireFixtures;
import io.draftboard.settings.ApiKey;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleProviderTest {
    private MockWebServer server;
    private OpenAiCompatibleProvider provider;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        provider = new OpenAiCompatibleProvider(new ProviderEndpoint(HttpClients.create(), server.url("/openai/v1/"),
                () -> new ApiKey("sk-gateway-123456789"), Clock.systemUTC()), gateway(), WireFixtures.instantLoop());
    }

    static Gateway gateway() {
        return new Gateway("openai", "OpenAI-compatible gateway", "OpenAI-compatible gateway (localhost)",
                "flux.2-flex", "set DRAFTBOARD_OPENAI_API_KEY or add it in Settings");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void generationsAndEditsMayHoldTheirAnswerForMinutes() throws Exception {
        java.util.Map<String, Integer> reads = new java.util.concurrent.ConcurrentHashMap<>();
        provider = new OpenAiCompatibleProvider(new ProviderEndpoint(WireFixtures.readTimeoutsInto(reads),
                server.url("/openai/v1/"), () -> new ApiKey("sk-gateway-123456789"), Clock.systemUTC()), gateway(),
                WireFixtures.instantLoop());
        String answer = "{\"created\":1,\"data\":[{\"b64_json\":\"" + Base64.getEncoder().encodeToString(WireFixtures.PNG)
                + "\"}]}";
        server.enqueue(json(200, answer));
        server.enqueue(json(200, answer));

        provider.generate(WireFixtures.request(), JobContext.none());
        provider.generate(WireFixtures.request().withReferences(java.util.List.of(WireFixtures.REF)), JobContext.none());

        assertThat(reads).containsEntry("/openai/v1/images/generations", 300_000)
                .containsEntry("/openai/v1/images/edits", 300_000);
    }

    @Test
    void generationsSendsJsonWithFluxFieldsAndReadsB64Json() throws Exception {
        server.enqueue(json(200, "{\"created\":1,\"data\":[{\"b64_json\":\"" + Base64.getEncoder().encodeToString(WireFixtures.PNG)
                + "\",\"revised_prompt\":\"a teal poster, \\\"OPEN\\\"\"}]}"));

        GenerationResult result = provider.generate(WireFixtures.request(), JobContext.none());

        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/openai/v1/images/generations");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer sk-gateway-123456789");
        JsonNode body = Json.MAPPER.readTree(r.getBody().utf8());
        assertThat(body.get("model").asText()).isEqualTo("flux.2-flex");
        assertThat(body.get("size").asText()).isEqualTo("512x512");
        assertThat(body.get("n").asInt()).isEqualTo(1);
        assertThat(body.get("response_format").asText()).isEqualTo("b64_json");
        assertThat(body.get("steps").asInt()).isEqualTo(6);
        assertThat(body.get("seed").asLong()).isEqualTo(77);
        assertThat(result.image()).isEqualTo(WireFixtures.PNG);
        assertThat(result.revisedPrompt()).isNull();
    }

    @Test
    void editsSendMultipartImagePartsWithRealTypesAndFollowAUrlAnswer() throws Exception {
        server.enqueue(json(200, "{\"data\":[{\"url\":\"" + server.url("/img/out.png") + "\"}]}"));
        server.enqueue(WireFixtures.image());

        provider.generate(WireFixtures.request().withReferences(List.of(WireFixtures.REF, WireFixtures.REF)),
                JobContext.none());

        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/openai/v1/images/edits");
        assertThat(r.getHeaders().get("Content-Type")).startsWith("multipart/form-data");
        String body = r.getBody().string(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(body).contains("name=\"image[]\"; filename=\"image-1.png\"").contains("Content-Type: image/png")
                .contains("name=\"prompt\"").contains("name=\"steps\"");
    }

    @Test
    void openAiErrorBodiesMapToKinds() {
        server.enqueue(json(429, "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}"));
        assertThat(WireFixtures.failure(provider, WireFixtures.request()).kind()).isEqualTo(FailureKind.CREDITS);
        server.enqueue(json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}"));
        assertThat(WireFixtures.failure(provider, WireFixtures.request()).kind()).isEqualTo(FailureKind.RATE_LIMITED);
        server.enqueue(json(400, "{\"error\":{\"message\":\"Your request was rejected by the safety system\",\"code\":\"content_policy_violation\"}}"));
        assertThat(WireFixtures.failure(provider, WireFixtures.request()).kind()).isEqualTo(FailureKind.MODERATED);
        server.enqueue(json(404, "{\"error\":{\"message\":\"model not found\"}}"));
        assertThat(WireFixtures.failure(provider, WireFixtures.request()).getMessage()).contains("does not know model \"flux.2-flex\"");
        server.enqueue(json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
        assertThat(WireFixtures.failure(provider, WireFixtures.request()).kind()).isEqualTo(FailureKind.TRANSIENT);
    }
}
