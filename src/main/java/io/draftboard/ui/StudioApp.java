package io.draftboard.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.draftboard.app.Draftboard;
import io.draftboard.app.JobResumer;
import io.draftboard.generation.DelayScheduler;
import io.draftboard.generation.DraftScheduler;
import io.draftboard.generation.Job;
import io.draftboard.generation.Quality;
import io.draftboard.generation.Seeds;
import io.draftboard.settings.AppDirs;
import io.draftboard.settings.DataHome;
import io.draftboard.ui.studio.StudioView;
import io.draftboard.ui.studio.StudioViewModel;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.stage.Stage;

/** The studio window. Services are opened in {@link #init()}, off the UI thread. */
public final class StudioApp extends Application {
    private static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(350);

    private Draftboard app;
    private String startupError;
    private ExecutorService decoder;

    public static void launchStudio() {
        Application.launch(StudioApp.class);
    }

    @Override
    public void init() {
        try {
            app = Draftboard.open(DataHome.open(AppDirs.dataHome()), System.getenv());
            // Jobs a crash interrupted finish in the background; nothing waits for them.
            JobResumer resumer = new JobResumer(app);
            app.history().openJobs().forEach(resumer::resume);
        } catch (DataHome.DataHomeException e) {
            startupError = e.getMessage();
        } catch (Exception e) {
            startupError = "Cannot open history: " + e.getMessage();
        }
    }

    @Override
    public void start(Stage stage) {
        boolean dark = "dark".equalsIgnoreCase(System.getenv().getOrDefault("DRAFTBOARD_THEME", ""));
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        if (startupError != null) {
            Alert alert = new Alert(Alert.AlertType.ERROR, startupError);
            alert.setHeaderText("Draftboard cannot start");
            alert.showAndWait();
            Platform.exit();
            return;
        }
        decoder = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "draftboard-preview-decoder");
            t.setDaemon(true);
            return t;
        });
        DelayScheduler timer = DelayScheduler.daemon("draftboard-debounce");
        StudioViewModel model = new StudioViewModel((provider, listener) -> new DraftScheduler(timer,
                (request, kind, parentId, jobListener) -> app.jobs().submit(new Job(request, provider.get(), kind,
                        parentId), jobListener),
                listener, Quality.DEFAULT, DEFAULT_DEBOUNCE, Seeds::random), app.providers().all(), FxExecutor.INSTANCE,
                decoder);
        Scene scene = new Scene(new StudioView(model), 1280, 800);
        stage.setTitle("Draftboard");
        stage.setScene(scene);
        stage.show();
    }

    @Override
    public void stop() {
        if (decoder != null) {
            decoder.shutdownNow();
        }
        if (app != null) {
            app.close();
        }
    }
}
