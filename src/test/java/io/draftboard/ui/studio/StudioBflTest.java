package io.draftboard.ui.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.DelayScheduler;
import io.draftboard.generation.DraftScheduler;
import io.draftboard.generation.Job;
import io.draftboard.generation.JobRecorder;
import io.draftboard.generation.JobRunner;
import io.draftboard.generation.Quality;
import io.draftboard.generation.RetryPolicy;
import io.draftboard.http.HttpClients;
import io.draftboard.provider.CancellableSleep;
import io.draftboard.provider.PollSchedule;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.bfl.BflProvider;
import io.draftboard.provider.offline.OfflineProvider;
import io.draftboard.settings.ApiKey;
import io.draftboard.simulator.BflSimulator;
import io.draftboard.simulator.SimulatorConfig;
import io.draftboard.ui.StudioFixture;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The studio drafting through the real provider.bfl against the loopback simulator. */
@ExtendWith(ApplicationExtension.class)
class StudioBflTest {
    private BflSimulator simulator;
    private StudioFixture studio;
    private StudioViewModel model;
    private final List<String> shown = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        // Slow enough that the user types again while the first draft is still rendering at "BFL".
        simulator = BflSimulator.start(SimulatorConfig.defaults().withLatency(Duration.ofMillis(900), Duration.ZERO));
        BflProvider bfl = new BflProvider(new ProviderEndpoint(HttpClients.create(), HttpUrl.get(simulator.baseUrl()),
                () -> new ApiKey("studio-test-key"), Clock.systemUTC()), new PollSchedule(), CancellableSleep.REAL,
                Duration.ofMinutes(1));
        studio = new StudioFixture(stage, List.of(new OfflineProvider(), bfl));
        model = studio.model;
        model.preview().shownPromptProperty().addListener((o, a, b) -> shown.add(b));
    }

    @AfterEach
    void stop() {
        studio.close();
        simulator.close();
    }

    @Test
    void typingWhileABflDraftRendersNeverShowsTheStaleOne(FxRobot robot) throws Exception {
        @SuppressWarnings("unchecked")
        ComboBox<io.draftboard.generation.Provider> picker = robot.lookup("#provider").queryAs(ComboBox.class);
        robot.interact(() -> picker.getSelectionModel().select(1));
        assertThat(robot.lookup("#draftCost").queryAs(Label.class).getText()).isEmpty();

        // Whole edits at once (a paste, an autocomplete): how fast the robot types is not what is under test here.
        robot.interact(() -> model.editor().promptProperty().set("a red balloon"));
        studio.pastTheDebounce();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> simulator.submits() == 1);
        robot.interact(() -> model.editor().promptProperty().set("a red balloon on a table"));
        studio.pastTheDebounce();

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS,
                () -> "ready".equals(robot.lookup("#state").queryAs(Label.class).getText()) && !shown.isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown).containsExactly("a red balloon on a table");
        assertThat(simulator.submits()).isEqualTo(2);
        assertThat(robot.lookup("#draftCost").queryAs(Label.class).getText()).startsWith(
                "Each draft: 1024\u00d71024 \u00b7 \u2248$0.05 (the same per megapixel as a final");
        assertThat(robot.lookup("#previewInfo").queryAs(Label.class).getText()).startsWith("Draft \u00b7 6 steps \u00b7 seed 1001");
    }
}
