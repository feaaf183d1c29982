package io.draftboard.provider.replicate;

import static io.draftboard.provider.WireFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobCancelledException;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import io.draftboard.http.HttpClients;
import io.draftboard.json.Json;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.WireFixtures;
import io.draftboard.settings.ApiKey;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplicateProviderTest {
    private static final String TOKEN = "r8_secret_token_value_1234567890";
    private MockWebServer server;
    private ReplicateProvider provider;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        provider = new ReplicateProvider(new ProviderEndpoint(HttpClients.create(), server.url("/"), () -> new ApiKey(TOKEN),
                Clock.systemUTC()), WireFixtures.instantLoop());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String prediction(String status, String output) {
        return "{\"id\":\"p1\",\"status\":\"" + status + "\",\"output\":" + output + ",\"error\":null,\"urls\":{\"get\":\""
                + server.url("/v1/predictions/p1") + "\",\"cancel\":\"" + server.url("/v1/predictions/p1/cancel") + "\"}}";
    }

    @Test
    void aPredictionIsCreatedWithTheDocumentedInputPolledAndDownloaded() throws Exception {
        server.enqueue(json(201, prediction("starting", "null")));
        server.enqueue(json(200, prediction("processing", "null")));
        server.enqueue(json(200, prediction("succeeded", "\"" + server.url("/delivery/out.png") + "\"")));
        server.enqueue(WireFixtures.image());

        GenerationResult result = provider.generate(WireFixtures.request().withReferences(List.of(WireFixtures.REF)),
                JobContext.none());

        RecordedRequest create = server.takeRequest();
        assertThat(create.getMethod()).isEqualTo("POST");
        assertThat(create.getUrl().encodedPath()).isEqualTo("/v1/models/black-forest-labs/flux-2-flex/predictions");
        assertThat(create.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(create.getHeaders().get("Prefer")).isEqualTo("wait=60");
        JsonNode input = Json.MAPPER.readTree(create.getBody().utf8()).get("input");
        assertThat(input.get("aspect_ratio").asText()).isEqualTo("custom");
        assertThat(input.get("width").asInt()).isEqualTo(512);
        assertThat(input.get("steps").asInt()).isEqualTo(6);
        assertThat(input.get("guidance").asDouble()).isEqualTo(5.0);
        assertThat(input.get("seed").asLong()).isEqualTo(77);
        assertThat(input.get("prompt_upsampling").asBoolean()).isFalse();
        assertThat(input.get("output_format").asText()).isEqualTo("png");
        assertThat(input.get("input_images").get(0).asText()).startsWith("data:image/png;base64,");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/predictions/p1");
        server.takeRequest();
        assertThat(server.takeRequest().getHeaders().get("Authorization")).as("delivery links need no token").isNull();
        assertThat(result.image()).isEqualTo(WireFixtures.PNG);
        assertThat(result.remoteId()).isEqualTo("p1");
    }

    @Test
    void aFinishedPredictionFromPreferWaitNeedsNoPolling() throws Exception {
        server.enqueue(json(201, prediction("succeeded", "[\"" + server.url("/delivery/out.png") + "\"]")));
        server.enqueue(WireFixtures.image());
        assertThat(provider.generate(WireFixtures.request(), JobContext.none()).image()).isEqualTo(WireFixtures.PNG);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void failedPredictionsAndHttpErrorsMapToKinds() {
        server.enqueue(json(201, prediction("failed", "null").replace("\"error\":null", "\"error\":\"NSFW content detected\"")));
        ProviderException nsfw = WireFixtures.failure(provider, WireFixtures.request());
        assertThat(nsfw.kind()).isEqualTo(FailureKind.MODERATED);

        server.enqueue(json(402, "{\"title\":\"Insufficient credit\",\"detail\":\"You have insufficient credit\",\"status\":402}"));
        assertThat(WireFixtures.failure(provider, WireFixtures.request()).kind()).isEqualTo(FailureKind.CREDITS);

        server.enqueue(json(401, "{\"title\":\"Unauthenticated\",\"detail\":\"You did not pass a valid authentication token\"}"));
        ProviderException auth = WireFixtures.failure(provider, WireFixtures.request());
        assertThat(auth.kind()).isEqualTo(FailureKind.AUTH);
        assertThat(auth.getMessage()).doesNotContain(TOKEN);

        server.enqueue(new mockwebserver3.MockResponse.Builder().code(429).setHeader("Retry-After", "1")
                .body("{\"detail\":\"Request was throttled. Expected available in 1 second.\"}").build());
        ProviderException throttled = WireFixtures.failure(provider, WireFixtures.request());
        assertThat(throttled.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(throttled.retryAfter()).isPresent();
    }

    @Test
    void cancellingCallsUrlsCancel() throws Exception {
        server.enqueue(json(201, prediction("starting", "null")));
        for (int i = 0; i < 20; i++) {
            server.enqueue(json(200, prediction("processing", "null")));
        }
        server.enqueue(json(200, "{}"));
        AtomicBoolean cancelled = new AtomicBoolean();
        List<Runnable> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();
        JobContext ctx = new JobContext() {
            int polls;

            @Override
            public void progress(double fraction) {
            }

            @Override
            public void submitted(String remoteId, String pollingUrl) {
            }

            @Override
            public boolean isCancelled() {
                if (++polls == 4 && cancelled.compareAndSet(false, true)) {
                    hooks.forEach(Runnable::run);
                }
                return cancelled.get();
            }

            @Override
            public void onCancel(Runnable action) {
                hooks.add(action);
            }
        };
        assertThatThrownBy(() -> provider.generate(WireFixtures.request(), ctx)).isInstanceOf(JobCancelledException.class);
        RecordedRequest cancel = null;
        for (int i = 0; i < 25 && cancel == null; i++) {
            RecordedRequest r = server.takeRequest(2, TimeUnit.SECONDS);
            if (r != null && r.getUrl().encodedPath().endsWith("/cancel")) {
                cancel = r;
            }
        }
        assertThat(cancel).isNotNull();
        assertThat(cancel.getMethod()).isEqualTo("POST");
    }

    @Test
    void theTokenNeverGoesToAnotherHost() {
        server.enqueue(json(201, "{\"id\":\"p1\",\"status\":\"starting\",\"urls\":{\"get\":\"https://evil.example/p1\"}}"));
        assertThat(WireFixtures.failure(provider, WireFixtures.request()).getMessage())
                .contains("Refusing to send the API token to evil.example");
    }
}
