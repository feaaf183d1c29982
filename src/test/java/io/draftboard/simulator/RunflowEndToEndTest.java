package io.draftboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.cli.CliHarness;
import io.draftboard.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI generating through the real provider.runflow against the loopback Runflow stand-in. */
class RunflowEndToEndTest {
    private static final String KEY = "rf_e2e_0123456789abcdef0123456789";
    @TempDir
    Path dir;
    private RunflowSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private CliHarness.Run generate(String prompt, String key) {
        Map<String, String> env = new HashMap<>();
        env.put("DRAFTBOARD_HOME", dir.resolve("home").toString());
        env.put("DRAFTBOARD_RUNFLOW_BASE_URL", simulator.baseUrl());
        env.put("RUNFLOW_API_KEY", key);
        return CliHarness.run(env, dir, "generate", "--provider", "runflow", "--prompt", prompt, "--steps", "6",
                "--width", "512", "--height", "512", "--seed", "11", "--json");
    }

    private void start(RunflowSimulatorConfig config) throws Exception {
        simulator = RunflowSimulator.start(config.withLatency(Duration.ofMillis(150), Duration.ofMillis(20)));
    }

    @Test
    void theCliRendersThroughRunflowAndRecordsTheRunAndTheCostRunflowReports() throws Exception {
        start(RunflowSimulatorConfig.defaults().withKey(KEY));

        CliHarness.Run r = generate("A red balloon on a wooden table, headline \"SALE\"", KEY);

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertThat(n.get("provider").asText()).isEqualTo("runflow");
        assertThat(n.get("model").asText()).isEqualTo("black-forest-labs/flux-2-flex");
        assertThat(n.get("remoteId").asText()).hasSize(36);
        assertThat(n.get("cost").get("usd").asDouble()).isEqualTo(0.05);
        assertThat(n.get("cost").get("estimated").asBoolean()).as("Runflow's own figure").isFalse();
        assertThat(simulator.creates()).isEqualTo(1);
        assertThat(simulator.polls()).isPositive();
    }

    @Test
    void aWrongTokenIsExitFourAndAFailedRunExitFiveEachCreatedOnce() throws Exception {
        start(RunflowSimulatorConfig.defaults().withKey(KEY).withFaults("explode", "forbidden"));

        CliHarness.Run refused = generate("a poster", "rf_wrong_token_0123456789");
        assertThat(refused.code()).isEqualTo(4);
        assertThat(refused.err()).contains("Runflow rejected the API key (HTTP 401)").doesNotContain("rf_wrong");

        CliHarness.Run failed = generate("a poster that will explode", KEY);
        assertThat(failed.code()).isEqualTo(5);
        assertThat(failed.err()).contains("Runflow failed run").contains("PROVIDER_ERROR");

        CliHarness.Run moderated = generate("a forbidden poster", KEY);
        assertThat(moderated.code()).isEqualTo(3);
        assertThat(simulator.creates()).as("each billed run created once").isEqualTo(2);
    }

    @Test
    void anEmptyAccountIsExitFourBeforeAnythingIsBilled() throws Exception {
        start(RunflowSimulatorConfig.defaults().withBalance(0.01));

        CliHarness.Run r = generate("a poster", KEY);

        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).contains("out of credits");
        assertThat(simulator.creates()).isZero();
    }

    @Test
    void theStandInValidatesAsRunflowWouldNotAsDraftboardSends() throws Exception {
        start(RunflowSimulatorConfig.defaults());
        HttpClient http = HttpClient.newHttpClient();
        URI runs = URI.create(simulator.baseUrl() + "v1/models/black-forest-labs/flux-2-flex/runs");

        HttpResponse<String> noAuth = http.send(HttpRequest.newBuilder(runs).POST(HttpRequest.BodyPublishers
                .ofString("{\"input\":{\"prompt\":\"x\"}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noAuth.statusCode()).isEqualTo(401);
        assertThat(Json.MAPPER.readTree(noAuth.body()).get("code").asText()).isEqualTo("UNAUTHORIZED");

        for (String bad : List.of("{\"prompt\":\"no input object\"}", "not json")) {
            assertThat(post(http, runs, bad).statusCode()).as(bad).isEqualTo(400);
        }
        HttpResponse<String> invalid = post(http, runs, "{\"input\":{\"num_inference_steps\":80,"
                + "\"image_size\":\"huge\",\"output_format\":\"webp\"}}");
        assertThat(invalid.statusCode()).isEqualTo(422);
        JsonNode errors = Json.MAPPER.readTree(invalid.body()).get("errors");
        assertThat(errors.findValuesAsText("field")).containsExactlyInAnyOrder("input.prompt",
                "input.num_inference_steps", "input.image_size", "input.output_format");

        HttpResponse<String> unknownModel = post(http, URI.create(simulator.baseUrl()
                + "v1/models/black-forest-labs/flux-9/runs"), "{\"input\":{\"prompt\":\"x\"}}");
        assertThat(unknownModel.statusCode()).isEqualTo(404);

        HttpResponse<String> preset = post(http, runs, "{\"input\":{\"prompt\":\"x\",\"image_size\":\"square\"}}");
        assertThat(preset.statusCode()).isEqualTo(201);
        JsonNode run = Json.MAPPER.readTree(preset.body());
        assertThat(run.get("status_code").asText()).isEqualTo("queued");
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "v1/runs/nope"))
                .header("Authorization", "Bearer t").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(Json.MAPPER.readTree(none.body()).get("code").asText()).isEqualTo("RUN_NOT_FOUND");
    }

    private static HttpResponse<String> post(HttpClient http, URI uri, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer any-token")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
