package io.draftboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI generating through the real provider.bfl against the loopback simulator. */
class BflEndToEndTest {
    private static final String KEY = "bfl_e2e_0123456789abcdef0123456789abcdef";
    @TempDir
    Path dir;
    private BflSimulator simulator;

    private record Run(int code, String out, String err) {
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private Run run(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("DRAFTBOARD_HOME", dir.resolve("home").toString());
        env.put("DRAFTBOARD_BFL_BASE_URL", simulator.baseUrl());
        env.putAll(extraEnv);
        io.draftboard.cli.CliHarness.Run r = io.draftboard.cli.CliHarness.run(env, dir, args); // no trace, documented code
        return new Run(r.code(), r.out(), r.err());
    }

    private Run generate(String prompt, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("generate", "--provider", "bfl", "--prompt", prompt,
                "--steps", "6", "--width", "512", "--height", "512", "--seed", "11", "--json"));
        args.addAll(List.of(more));
        return run(Map.of("BFL_API_KEY", KEY), args.toArray(String[]::new));
    }

    private void startSimulator(SimulatorConfig config) throws Exception {
        simulator = BflSimulator.start(config.withLatency(Duration.ofMillis(150), Duration.ofMillis(20)));
    }

    @Test
    void theCliRendersThroughBflAndRecordsTheTaskAndItsCost() throws Exception {
        startSimulator(SimulatorConfig.defaults());

        Run r = generate("A red balloon on a wooden table, headline \"SALE\"", "--out", "bfl.png");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertThat(n.get("provider").asText()).isEqualTo("bfl");
        assertThat(n.get("model").asText()).isEqualTo("flux-2-flex");
        assertThat(n.get("remoteId").asText()).hasSize(36);
        assertThat(n.get("cost").get("usd").asDouble()).isEqualTo(0.05);
        assertThat(n.get("cost").get("estimated").asBoolean()).isFalse();
        assertThat(n.get("seed").asLong()).isEqualTo(11);
        assertThat(dir.resolve("bfl.png")).exists();
        assertThat(simulator.submits()).isEqualTo(1);
        assertThat(simulator.downloads()).isEqualTo(1);
        // The same request on the offline engine gives the same pixels: the simulator renders with it.
        Run offline = run(Map.of(), "generate", "--prompt", "A red balloon on a wooden table, headline \"SALE\"",
                "--steps", "6", "--width", "512", "--height", "512", "--seed", "11", "--json");
        assertThat(Json.MAPPER.readTree(offline.out()).get("image").get("sha256").asText())
                .isEqualTo(n.get("image").get("sha256").asText());
    }

    @Test
    void aRateLimitIsWaitedOutAndTheJobSucceeds() throws Exception {
        startSimulator(SimulatorConfig.defaults().withFaults(1, Duration.ofSeconds(1), 0, null));
        // every submit is rate limited: the runner honours Retry-After and gives up after its attempts
        Run r = generate("teal waves");
        assertThat(r.code()).isEqualTo(5);
        assertThat(r.err()).contains("Rate limited").contains("HTTP 429");
        assertThat(simulator.submits()).isEqualTo(4);
        assertThat(simulator.acceptedTasks()).isZero();
    }

    @Test
    void aServerErrorBurstAtSubmitIsRetried() throws Exception {
        startSimulator(SimulatorConfig.defaults().withFaults(0, Duration.ZERO, 2, null));
        Run r = generate("orange sun over the sea");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(simulator.acceptedTasks()).isEqualTo(1);
    }

    @Test
    void moderationExitsWithThreeAndSaysWhy() throws Exception {
        startSimulator(SimulatorConfig.defaults().withFaults(0, Duration.ZERO, 0, "forbidden"));
        Run r = generate("a forbidden poster");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).startsWith("draftboard: Refused by moderation: Black Forest Labs refused the prompt");
        assertThat(r.err()).contains("Simulated moderation");
    }

    @Test
    void aWrongKeyExitsWithFourAndTheKeyIsNeverPrintedOrLogged() throws Exception {
        startSimulator(new SimulatorConfig(0, Duration.ofMillis(100), Duration.ZERO, 0, Duration.ZERO, 0, null,
                Duration.ZERO, Duration.ofMinutes(1), 24, "the-right-key"));
        StringBuilder log = new StringBuilder();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                log.append(record.getMessage()).append(' ').append(String.valueOf(record.getThrown())).append('\n');
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            Run r = generate("x");
            assertThat(r.code()).isEqualTo(4);
            assertThat(r.err()).contains("rejected the API key").doesNotContain(KEY);
            assertThat(r.out()).doesNotContain(KEY);
            Run show = run(Map.of(), "history", "list", "--json");
            assertThat(show.out()).doesNotContain(KEY);
        } finally {
            root.removeHandler(capture);
        }
        assertThat(log.toString()).doesNotContain(KEY);
    }

    @Test
    void providersListsCapabilitiesKeysAndBflCredits() throws Exception {
        startSimulator(SimulatorConfig.defaults());
        Run r = run(Map.of("BFL_API_KEY", KEY), "providers", "--credits");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("offline").contains("no key needed")
                .contains("bfl").contains("refs \u22648").contains("sides 256-2048").contains("key set (\u2026cdef)")
                .contains("fal").contains("steps \u22652").contains("Black Forest Labs credits: 1000.0 ($10.00)")
                .doesNotContain(KEY);
    }

    @Test
    void noKeyAtAllIsOneClearLineWithExitFour() throws Exception {
        startSimulator(SimulatorConfig.defaults());
        Run r = run(Map.of(), "generate", "--provider", "bfl", "--prompt", "x", "--width", "512", "--height", "512");
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err().strip()).isEqualTo("draftboard: Authentication failed: No Black Forest Labs API key: "
                + "set BFL_API_KEY or add the key in Settings");
        assertThat(simulator.submits()).isZero();
    }

    @Test
    void aResultLinkThatExpiresBeforeDownloadIsReportedNotResubmitted() throws Exception {
        startSimulator(SimulatorConfig.defaults().withDownloads(Duration.ZERO, Duration.ofMillis(-1000)));
        Run r = generate("expired link");
        assertThat(r.code()).isEqualTo(5);
        assertThat(r.err()).contains("image link has expired").contains("not resubmitted");
        assertThat(simulator.submits()).isEqualTo(1);
    }

    @Test
    void aStoredKeyFileIsUsedAndIsReadableByItsOwnerOnly() throws Exception {
        startSimulator(SimulatorConfig.defaults());
        Path home = Files.createDirectories(dir.resolve("home"));
        io.draftboard.settings.ProviderKeys keys = new io.draftboard.settings.ProviderKeys(home.resolve("keys.json"), Map.of());
        keys.put("bfl", new io.draftboard.settings.ApiKey(KEY));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("keys.json"))))
                .isEqualTo("rw-------");

        Run r = run(Map.of(), "generate", "--provider", "bfl", "--prompt", "stored key", "--steps", "2", "--width",
                "256", "--height", "256");
        assertThat(r.code()).as(r.err()).isZero();
    }
}
