package io.draftboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.cli.CliHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Polling remembers across processes: two CLI runs, each with nothing in memory but the history in
 * DRAFTBOARD_HOME, against the simulator on the wall clock (the CLI builds its own clock and sleeps).
 */
class PollingMemoryTest {
    @TempDir
    Path dir;
    private BflSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private int pollsOfOneRun() {
        int before = simulator.polls();
        CliHarness.Run run = CliHarness.run(Map.of("DRAFTBOARD_HOME", dir.resolve("home").toString(),
                "DRAFTBOARD_BFL_BASE_URL", simulator.baseUrl(), "BFL_API_KEY", "bfl_poll_0123456789abcdef"), dir,
                "generate", "--provider", "bfl", "--prompt", "a red balloon", "--steps", "6", "--width", "512",
                "--height", "512", "--json");
        assertThat(run.code()).as(run.all()).isZero();
        return simulator.polls() - before;
    }

    @Test
    void aSecondCliRunPollsFewerTimesThanTheFirst() throws Exception {
        // 5 s: long enough that a fixed 0.5 s cadence polls ten times, so the difference is not noise
        simulator = BflSimulator.start(SimulatorConfig.defaults().withLatency(Duration.ofSeconds(5), Duration.ZERO));

        int first = pollsOfOneRun(); // empty history: the 0.5 s cadence
        int second = pollsOfOneRun(); // one past render in history: nothing is due before ~4 s

        // a fixed 0.5 s gap plus each poll's round trip: 8-10 polls, fewer on a loaded machine
        assertThat(first).as("first run").isBetween(6, 11);
        assertThat(second).as("second run, after %d polls in the first", first).isLessThan(first);
    }
}
