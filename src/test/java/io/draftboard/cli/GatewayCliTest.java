package io.draftboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.cli.CliHarness.Run;
import io.draftboard.json.Json;
import io.draftboard.provider.WireFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Gateways as named entries, side by side: each preset's request, --provider by name, and the providers list. */
class GatewayCliTest {
    private static final String ANSWER = "{\"created\":1,\"data\":[{\"b64_json\":\""
            + Base64.getEncoder().encodeToString(WireFixtures.PNG) + "\"}]}";
    @TempDir
    Path dir;
    private MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Run run(Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("DRAFTBOARD_HOME", dir.resolve("home").toString());
        return CliHarness.run(env, dir, args);
    }

    private Run generate(String provider, Map<String, String> env) {
        return run(env, "generate", "--provider", provider, "--prompt", "A red balloon, headline \"SALE\"", "--steps",
                "6", "--width", "512", "--height", "512", "--seed", "9", "--json");
    }

    @ParameterizedTest
    @CsvSource({"vercel, AI_GATEWAY_API_KEY, /v1/, bfl/flux-2-flex",
        "aigateway, AIGATEWAY_API_KEY, /v1/, black-forest-labs/flux-2-flex",
        "lumenfall, LUMENFALL_API_KEY, /openai/v1/, flux.2-flex"})
    void eachPresetSendsItsModelWithItsOwnKeyToItsOwnBase(String id, String keyVariable, String basePath, String model)
            throws Exception {
        server.enqueue(WireFixtures.json(200, ANSWER));
        String key = id + "-secret-key-0123456789";

        Run r = generate(id, Map.of(keyVariable, key, "DRAFTBOARD_" + id.toUpperCase() + "_BASE_URL",
                server.url(basePath).toString()));

        assertThat(r.code()).as(r.err()).isZero();
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getMethod()).isEqualTo("POST");
        assertThat(sent.getUrl().encodedPath()).isEqualTo(basePath + "images/generations");
        assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + key);
        assertThat(sent.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode body = Json.MAPPER.readTree(sent.getBody().utf8());
        assertThat(body.get("model").asText()).isEqualTo(model);
        assertThat(body.get("prompt").asText()).isEqualTo("A red balloon, headline \"SALE\"");
        assertThat(body.get("size").asText()).isEqualTo("512x512");
        assertThat(body.get("n").asInt()).isEqualTo(1);
        assertThat(body.get("steps").asInt()).isEqualTo(6);
        assertThat(body.get("seed").asLong()).isEqualTo(9);
        JsonNode recorded = Json.MAPPER.readTree(r.out());
        assertThat(recorded.get("provider").asText()).isEqualTo(id);
        assertThat(recorded.get("model").asText()).isEqualTo(model);
        assertThat(recorded.get("cost").get("estimated").asBoolean()).as("no cost reported: the estimate").isTrue();
    }

    @Test
    void theCostLumenfallReportsIsWhatHistoryRecords() throws Exception {
        server.enqueue(WireFixtures.json(200, ANSWER.replace("}]}", "}],\"metadata\":{\"cost\":0.0312,"
                + "\"executed_model\":\"fal-ai/flux-2-flex\"}}")));
        Map<String, String> env = Map.of("LUMENFALL_API_KEY", "lf-secret-0123456789", "DRAFTBOARD_LUMENFALL_BASE_URL",
                server.url("/openai/v1/").toString());

        Run r = generate("lumenfall", env);

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode cost = Json.MAPPER.readTree(r.out()).get("cost");
        assertThat(cost.get("usd").asDouble()).isEqualTo(0.0312);
        assertThat(cost.get("estimated").asBoolean()).isFalse();
        Run shown = run(env, "history", "show", "1");
        assertThat(shown.out()).as("history keeps the reported figure").contains("{\"usd\":0.0312,\"estimated\":false}");
    }

    @Test
    void theOldSingleSlotStillReadsItsVariables() throws Exception {
        server.enqueue(WireFixtures.json(200, ANSWER));

        Run r = generate("openai", Map.of("DRAFTBOARD_OPENAI_API_KEY", "sk-old-slot-0123456789",
                "DRAFTBOARD_OPENAI_BASE_URL", server.url("/gw/v1").toString(), "DRAFTBOARD_OPENAI_MODEL", "my/flex"));

        assertThat(r.code()).as(r.err()).isZero();
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/gw/v1/images/generations");
        assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer sk-old-slot-0123456789");
        assertThat(Json.MAPPER.readTree(sent.getBody().utf8()).get("model").asText()).isEqualTo("my/flex");
    }

    @Test
    void aGatewayOfTheDesignersOwnIsChosenByItsIdWithItsOwnKey() throws Exception {
        writeSettings("{\"gateways\":[{\"id\":\"acme-eu\",\"name\":\"Acme EU\",\"baseUrl\":\""
                + server.url("/acme/v1/") + "\",\"model\":\"acme/flux-2-flex\"}]}");
        server.enqueue(WireFixtures.json(200, ANSWER));

        Run r = generate("acme-eu", Map.of("DRAFTBOARD_ACME_EU_API_KEY", "acme-secret-0123456789"));

        assertThat(r.code()).as(r.err()).isZero();
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/acme/v1/images/generations");
        assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer acme-secret-0123456789");
        assertThat(Json.MAPPER.readTree(sent.getBody().utf8()).get("model").asText()).isEqualTo("acme/flux-2-flex");
    }

    @Test
    void providersListsEveryGatewayAndRunflowWithTheirKeys() throws Exception {
        writeSettings("{\"gateways\":[{\"id\":\"acme-eu\",\"name\":\"Acme EU\",\"baseUrl\":\"https://gw.acme.example/v1/\","
                + "\"model\":\"acme/flux-2-flex\"},{\"id\":\"bfl\",\"name\":\"Taken\",\"baseUrl\":\"https://x.example/v1/\","
                + "\"model\":\"m\"}]}");

        Run r = run(Map.of("AI_GATEWAY_API_KEY", "vck_0123456789abcdef", "RUNFLOW_API_KEY", "rf_0123456789abcdef"),
                "providers");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().map(l -> l.split("\\s+")[0]).toList()).containsExactly("offline", "bfl", "vercel",
                "aigateway", "lumenfall", "openai", "acme-eu", "cloudflare", "replicate", "fal", "runflow", "comfyui");
        assertThat(line(r, "vercel")).contains("Vercel AI Gateway").contains("bfl/flux-2-flex").contains("key set (")
                .doesNotContain("0123456789abcdef");
        assertThat(line(r, "aigateway")).contains("AIgateway").contains("black-forest-labs/flux-2-flex").contains("no key");
        assertThat(line(r, "lumenfall")).contains("Lumenfall").contains("flux.2-flex");
        assertThat(line(r, "acme-eu")).contains("Acme EU").contains("acme/flux-2-flex");
        assertThat(line(r, "runflow")).contains("Runflow").contains("black-forest-labs/flux-2-flex").contains("no cancel")
                .contains("key set (");
    }

    private static String line(Run r, String id) {
        return r.out().lines().filter(l -> l.startsWith(id + " ")).findFirst().orElseThrow();
    }

    private void writeSettings(String json) throws Exception {
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("home/settings.json"), json);
    }
}
