package io.draftboard.ui;

import io.draftboard.generation.DelayScheduler;
import io.draftboard.generation.JobRunner;
import io.draftboard.generation.Provider;
import io.draftboard.generation.RetryPolicy;
import io.draftboard.history.HistoryRecorder;
import io.draftboard.history.HistoryStore;
import io.draftboard.history.ImageStore;
import io.draftboard.settings.StudioSettings;
import io.draftboard.settings.WorkspaceStore;
import io.draftboard.generation.RenderService;
import io.draftboard.generation.VirtualTimer;
import io.draftboard.ui.studio.StudioContext;
import io.draftboard.ui.task.TaskRunner;
import io.draftboard.ui.task.TaskRunnerCore;
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
 * picks. The debounce runs on a virtual clock the test moves on; seeds count up from 1000 so tests can predict them.
 */
public final class StudioFixture implements AutoCloseable {
    public final Path home;
    public final HistoryStore history;
    public final ImageStore images;
    public final JobRunner runner;
    public final StudioViewModel model;
    public final StudioWindow window;
    private final TaskRunner tasks;
    /** The debounce's clock: drafts fire only when a test moves it on ({@link #pastTheDebounce()}). */
    public final VirtualTimer timer = new VirtualTimer();
    public final AtomicLong seeds = new AtomicLong(1000);
    private final Stage stage;
    private WorkspaceStore workspaceStore;
    private WorkspaceKeeper workspace;

    public StudioFixture(Stage stage, List<Provider> providers) throws Exception {
        this(stage, providers, new StudioSettings(6, 50, 500, StudioSettings.Theme.LIGHT, true, true, 0, true,
                Map.of()));
    }

    /** A studio started with {@code settings}, as the app starts with what it saved last time. */
    public StudioFixture(Stage stage, List<Provider> providers, StudioSettings settings) throws Exception {
        this(stage, providers, settings, Files.createTempDirectory("draftboard-studio-test"), false);
    }

    /**
     * A studio on {@code home} that remembers its workspace there, as the app does: build one, close it, build
     * another on the same home, and it is a restart.
     */
    public static StudioFixture remembering(Stage stage, List<Provider> providers, Path home) throws Exception {
        return new StudioFixture(stage, providers, new StudioSettings(6, 50, 500, StudioSettings.Theme.LIGHT, true,
                true, 0, true, Map.of()), home, true);
    }

    private StudioFixture(Stage stage, List<Provider> providers, StudioSettings settings, Path home,
            boolean remember) throws Exception {
        this.stage = stage;
        this.home = home;
        history = HistoryStore.open(home.resolve("history.db"));
        images = new ImageStore(home.resolve("images"));
        runner = new JobRunner(4, RetryPolicy.NEVER, new HistoryRecorder(history, images));
        // An unhandled background failure fails the test loudly in the log and on screen, as in the app.
        tasks = TaskRunnerCore.pooled("test-studio", 3, FxExecutor.INSTANCE, f -> say(f.message()));
        StudioContext context = new StudioContext(new RenderService(runner), providers, history, images,
                timer, tasks, seeds::incrementAndGet, settings);
        // The studio's inline styles use AtlantaFX's looked-up colours, as in the app.
        javafx.application.Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        model = new StudioViewModel(context);
        window = new StudioWindow(model, () -> { }, null, "test");
        stage.setScene(new Scene(window, 1400, 900));
        if (remember) {
            workspaceStore = new WorkspaceStore(home);
            // The app reads it before the window exists, off the FX thread; a test may read it anywhere.
            workspace = WorkspaceKeeper.install(window, model, stage, workspaceStore, WorkspaceKeeper.read(workspaceStore),
                    timer);
        }
        stage.show();
    }

    /** The remembered workspace's store, when this studio remembers one. */
    public WorkspaceStore workspaceStore() {
        return workspaceStore;
    }

    /**
     * Lets every edit typed so far reach the editor, then moves the debounce clock past any pause the studio
     * could be waiting for (it stretches up to 3 s when renders are slow): whatever would fire, fires now.
     */
    public void pastTheDebounce() {
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        timer.advance(java.time.Duration.ofSeconds(5));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    private void say(String text) {
        model.preview().say(text);
    }

    @Override
    public void close() {
        // Take the window down first, as the app does on exit, so no cell asks a stopped pool for thumbnails.
        try {
            org.testfx.api.FxToolkit.setupFixture(() -> {
                if (workspace != null) {
                    workspace.close();
                }
                window.close();
                stage.setScene(null);
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
        model.close();
        runner.close();
        tasks.shutdown();

        history.close();
    }
}
