package io.draftboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.cli.CliHarness;
import io.draftboard.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI through the real provider.openai against the loopback gateway: synchronous, 202 jobs, edits, costs. */
class GatewayEndToEndTest {
    private static final String KEY = "aig_e2e_0123456789abcdef";
    @TempDir
    Path dir;
    private GatewaySimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private CliHarness.Run generate(String prompt, String... more) {
        Map<String, String> env = new HashMap<>();
        env.put("DRAFTBOARD_HOME", dir.resolve("home").toString());
        env.put("DRAFTBOARD_AIGATEWAY_BASE_URL", simulator.baseUrl());
        env.put("AIGATEWAY_API_KEY", KEY);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("generate", "--provider", "aigateway",
                "--prompt", prompt, "--steps", "6", "--width", "512", "--height", "512", "--seed", "11", "--json"));
        args.addAll(java.util.List.of(more));
        return CliHarness.run(env, dir, args.toArray(String[]::new));
    }

    @Test
    void aHeavyModelsJobIsPolledAtItsPaceAndItsReportedCostKept() throws Exception {
        simulator = GatewaySimulator.start(GatewaySimulatorConfig.defaults().withModes(true, true));

        CliHarness.Run r = generate("A red balloon on a wooden table, headline \"SALE\"");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertThat(n.get("provider").asText()).isEqualTo("aigateway");
        assertThat(n.get("remoteId").asText()).startsWith("job_");
        assertThat(n.get("cost").get("usd").asDouble()).isEqualTo(0.05);
        assertThat(n.get("cost").get("estimated").asBoolean()).isFalse();
        assertThat(simulator.generations()).as("the job was sent once").isEqualTo(1);
        assertThat(simulator.notModified()).as("never polled sooner than it allows").isZero();
    }

    @Test
    void aSynchronousEditCarriesItsReferenceAsARealImagePart() throws Exception {
        simulator = GatewaySimulator.start(GatewaySimulatorConfig.defaults());
        Path ref = dir.resolve("ref.png");
        Files.write(ref, io.draftboard.provider.WireFixtures.PNG);

        CliHarness.Run r = generate("the product in image 1 on a poster", "--ref", ref.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Json.MAPPER.readTree(r.out()).get("cost").get("estimated").asBoolean()).isTrue();
        assertThat(simulator.generations()).isEqualTo(1);
    }

    @Test
    void aFailedJobIsExitFiveAndAPolicyRefusalExitThree() throws Exception {
        simulator = GatewaySimulator.start(new GatewaySimulatorConfig(0, KEY, GatewaySimulatorConfig.FLEX, false, false,
                "explode", "forbidden", java.time.Duration.ofMillis(50), java.time.Duration.ZERO));

        assertThat(generate("a poster that will explode").code()).isEqualTo(5);
        assertThat(generate("a forbidden poster").code()).isEqualTo(3);
    }
}
