package io.draftboard.provider.cloudflare;

import static io.draftboard.provider.WireFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.JobContext;
import io.draftboard.http.HttpClients;
import io.draftboard.json.Json;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.WireFixtures;
import io.draftboard.settings.ApiKey;
import java.time.Clock;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloudflareProviderTest {
    private MockWebServer server;
    private CloudflareProvider provider;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        provider = new CloudflareProvider(new ProviderEndpoint(HttpClients.create(), server.url("/client/v4/"),
                () -> new ApiKey("cf-token-xyz-123"), Clock.systemUTC()), () -> "0123456789abcdef0123456789abcdef");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theSynchronousRunMayHoldItsAnswerForMinutes() throws Exception {
        java.util.Map<String, Integer> reads = new java.util.concurrent.ConcurrentHashMap<>();
        provider = new CloudflareProvider(new ProviderEndpoint(WireFixtures.readTimeoutsInto(reads), server.url("/client/v4/"),
                () -> new ApiKey("cf-token-xyz-123"), Clock.systemUTC()), () -> "0123456789abcdef0123456789abcdef");
        server.enqueue(json(200, "{\"state\":\"Completed\",\"result\":{\"image\":\"" + server.url("/r2/out.png") + "\"}}"));
        server.enqueue(WireFixtures.image());

        provider.generate(WireFixtures.request(), JobContext.none());

        assertThat(reads).containsEntry("/client/v4/accounts/0123456789abcdef0123456789abcdef/ai/run", 300_000)
                .containsEntry("/r2/out.png", 60_000);
    }

    @Test
    void runPostsTheProxiedModelAndReadsBothAnswerForms() throws Exception {
        server.enqueue(json(200, "{\"state\":\"Completed\",\"result\":{\"image\":\"" + server.url("/r2/out.png")
                + "\"},\"gatewayMetadata\":{\"keySource\":\"Unified\"}}"));
        server.enqueue(WireFixtures.image());
        assertThat(provider.generate(WireFixtures.request().withReferences(List.of(WireFixtures.REF)), JobContext.none())
                .image()).isEqualTo(WireFixtures.PNG);

        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/client/v4/accounts/0123456789abcdef0123456789abcdef/ai/run");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer cf-token-xyz-123");
        assertThat(r.getHeaders().get("cf-aig-skip-cache")).isEqualTo("true");
        JsonNode body = Json.MAPPER.readTree(r.getBody().utf8());
        assertThat(body.get("model").asText()).isEqualTo("black-forest-labs/flux-2-flex");
        assertThat(body.get("input").get("steps").asInt()).isEqualTo(6);
        assertThat(body.get("input").get("input_images").get(0).asText()).startsWith("data:image/png;base64,");
        server.takeRequest();

        // the v4 envelope around the same body
        server.enqueue(json(200, "{\"result\":{\"state\":\"Completed\",\"result\":{\"image\":\"" + server.url("/r2/out.png")
                + "\"}},\"success\":true,\"errors\":[],\"messages\":[]}"));
        server.enqueue(WireFixtures.image());
        assertThat(provider.generate(WireFixtures.request(), JobContext.none()).image()).isEqualTo(WireFixtures.PNG);
    }

    @Test
    void failuresAndErrorCodesMapToKinds() {
        server.enqueue(json(200, "{\"state\":\"Failed\",\"error\":{\"code\":\"provider_unavailable\",\"message\":\"All providers for this model are currently unavailable.\"}}"));
        assertThat(WireFixtures.failure(provider, WireFixtures.request()).kind()).isEqualTo(FailureKind.TRANSIENT);
        server.enqueue(json(429, "{\"success\":false,\"errors\":[{\"code\":3036,\"message\":\"daily free allocation\"}]}"));
        assertThat(WireFixtures.failure(provider, WireFixtures.request()).kind()).isEqualTo(FailureKind.CREDITS);
        server.enqueue(json(429, "{\"success\":false,\"errors\":[{\"code\":3040,\"message\":\"out of capacity\"}]}"));
        assertThat(WireFixtures.failure(provider, WireFixtures.request()).kind()).isEqualTo(FailureKind.TRANSIENT);
        server.enqueue(json(401, "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error\"}]}"));
        assertThat(WireFixtures.failure(provider, WireFixtures.request()).kind()).isEqualTo(FailureKind.AUTH);
    }
}
