package io.draftboard.ui;

import io.draftboard.generation.DelayScheduler;
import io.draftboard.generation.JobRunner;
import io.draftboard.generation.Provider;
import io.draftboard.generation.RetryPolicy;
import io.draftboard.history.HistoryRecorder;
import io.draftboard.history.HistoryStore;
import io.draftboard.history.ImageStore;
import io.draftboard.settings.StudioSettings;
import io.draftboard.ui.studio.StudioContext;
import io.draftboard.ui.studio.StudioViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * A real studio window over a temporary history, a real job runner and recorder, and the providers a test
 * picks. Debounce 500 ms (the robot types slower than a designer); seeds count up from 1000 so tests can predict them.
 */
public final class StudioFixture implements AutoCloseable {
    public final Path home;
    public final HistoryStore history;
    public final ImageStore images;
    public final JobRunner runner;
    public final StudioViewModel model;
    public final StudioWindow window;
    private final ExecutorService background = Executors.newFixedThreadPool(3);
    /** Failures no task handled: a test may assert there were none. */
    public final List<io.draftboard.ui.task.TaskFailure> unhandled = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final io.draftboard.ui.task.TaskRunnerCore tasks =
            io.draftboard.ui.task.TaskRunnerCore.pooled("test-studio", 3, FxExecutor.INSTANCE, unhandled::add);
    public final AtomicLong seeds = new AtomicLong(1000);
    private final Stage stage;

    public StudioFixture(Stage stage, List<Provider> providers) throws Exception {
        this.stage = stage;
        home = Files.createTempDirectory("draftboard-studio-test");
        history = HistoryStore.open(home.resolve("history.db"));
        images = new ImageStore(home.resolve("images"));
        runner = new JobRunner(4, RetryPolicy.NEVER, new HistoryRecorder(history, images));
        StudioSettings settings = new StudioSettings(6, 50, 500, StudioSettings.Theme.LIGHT, true, true, 0, true,
                Map.of());
        StudioContext context = new StudioContext(runner, providers, history, images,
                DelayScheduler.daemon("test-debounce"), FxExecutor.INSTANCE, background, seeds::incrementAndGet, settings,
                tasks);
        // The studio's inline styles use AtlantaFX's looked-up colours, as in the app.
        javafx.application.Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        model = new StudioViewModel(context);
        window = new StudioWindow(model, () -> { }, null, "test");
        stage.setScene(new Scene(window, 1400, 900));
        stage.show();
    }

    @Override
    public void close() {
        // Take the window down first, as the app does on exit, so no cell asks a stopped pool for thumbnails.
        try {
            org.testfx.api.FxToolkit.setupFixture(() -> {
                window.close();
                stage.setScene(null);
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
        runner.close();
        tasks.shutdown(java.time.Duration.ofSeconds(5)); // the deletion window.close() committed finishes first
        background.shutdownNow();
        history.close();
    }
}
