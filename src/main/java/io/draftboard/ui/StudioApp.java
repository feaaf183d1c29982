package io.draftboard.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.draftboard.app.Draftboard;
import io.draftboard.app.JobResumer;
import io.draftboard.generation.DelayScheduler;
import io.draftboard.generation.Provider;
import io.draftboard.generation.Seeds;
import io.draftboard.http.Endpoints;
import io.draftboard.provider.ImageDownload;
import io.draftboard.settings.ApiKey;
import io.draftboard.settings.AppDirs;
import io.draftboard.settings.DataHome;
import io.draftboard.settings.SettingsStore;
import io.draftboard.settings.StudioSettings;
import io.draftboard.ui.settings.SettingsDialog;
import io.draftboard.ui.studio.StudioContext;
import io.draftboard.ui.studio.StudioViewModel;
import io.draftboard.ui.task.TaskRunner;
import io.draftboard.ui.task.TaskRunnerCore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;

/**
 * The studio application. Only what the first frame needs is ready before the window shows: the services
 * (history, the providers, settings, the theme) are opened by {@link #launchStudio} on a thread of their own
 * while JavaFX starts its toolkit, and {@link #init()} only waits for them. What the first frame does not
 * need waits until the window is on screen: crashed jobs are resumed off the FX thread after the first pulse,
 * and the history grid asks for its first page before counting the rows ({@code HistoryBrowserModel}).
 */
public final class StudioApp extends Application {
    private static final System.Logger LOG = System.getLogger(StudioApp.class.getName());

    private Draftboard app;
    private SettingsStore settingsStore;
    private StudioSettings settings;
    private boolean dark;
    private String startupError;
    private TaskRunner tasks;
    private DelayScheduler debounceClock;
    private StudioWindow window;
    /** Providers whose key is set (environment or keys.json), read off the FX thread. */
    private volatile java.util.Set<String> keyed = java.util.Set.of();
    private Label hintText;
    private HBox hintBar;
    /** {@code --provider ID}: the studio opens with that provider picked, as a per-provider shortcut would. */
    private String startProvider;
    private StudioViewModel model;
    private io.draftboard.settings.WorkspaceStore workspaceStore;
    /** The last session's workspace, read in init() (off the FX thread) and put back before the window shows. */
    private WorkspaceKeeper.Restored restored;
    private WorkspaceKeeper workspace;

    /** The services, opening on their own thread since {@link #launchStudio}; null when launched otherwise. */
    private static volatile java.util.concurrent.CompletableFuture<Services> opening;

    /** What {@link #open()} hands to {@link #init()}: everything read from disk before the first frame. */
    record Services(Draftboard app, SettingsStore settingsStore, StudioSettings settings,
            java.util.Set<String> keyed, boolean dark, io.draftboard.settings.WorkspaceStore workspaceStore,
            WorkspaceKeeper.Restored restored) {
    }

    /** Opens the studio; {@code args} may be {@code --provider ID}. */
    public static void launchStudio(String... args) {
        // SQLite (its native library), OkHttp and the providers load while the toolkit starts: two cores, two jobs.
        java.util.concurrent.CompletableFuture<Services> future = new java.util.concurrent.CompletableFuture<>();
        Thread opener = new Thread(() -> {
            try {
                future.complete(open());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "draftboard-open");
        opener.setDaemon(true);
        opening = future;
        opener.start();
        Application.launch(StudioApp.class, args);
    }

    /** Reads everything the first frame needs; any thread but the FX thread. */
    static Services open() throws Exception {
        DataHome home = DataHome.open(AppDirs.dataHome());
        // Warnings and traces go to logs/draftboard.log, scrubbed of keys, not to the terminal.
        io.draftboard.app.LogFile.install(home.root(),
                new io.draftboard.settings.ProviderKeys(home.root().resolve("keys.json"), System.getenv())::secrets);
        SettingsStore store = Draftboard.settingsStore(home);
        StudioSettings loaded = store.load();
        io.draftboard.settings.WorkspaceStore workspaceStore = new io.draftboard.settings.WorkspaceStore(home.root());
        WorkspaceKeeper.Restored restored = WorkspaceKeeper.read(workspaceStore);
        Draftboard app = Draftboard.open(home, System.getenv(), loaded);
        trace("services open");
        String forced = System.getenv().getOrDefault("DRAFTBOARD_THEME", "");
        boolean dark = switch (forced.isEmpty() ? loaded.theme().name() : forced.toUpperCase(java.util.Locale.ROOT)) {
            case "DARK" -> true;
            case "LIGHT" -> false;
            default -> SystemTheme.prefersDark(System.getenv());
        };
        return new Services(app, store, loaded, keyedProviders(app), dark, workspaceStore, restored);
    }

    /** DRAFTBOARD_TRACE_STARTUP=1 prints when each start-up (and shut-down) phase ended, from JVM start. */
    static void trace(String phase) {
        if (System.getenv("DRAFTBOARD_TRACE_STARTUP") != null) {
            // ProcessHandle, not ManagementFactory: java.management is not in the packaged runtime.
            long ms = ProcessHandle.current().info().startInstant()
                    .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toMillis()).orElse(-1L);
            // The wall clock too, so a script driving the window can line its own timings up with these.
            System.err.println("startup: " + phase + " at " + ms + " ms (epoch " + System.currentTimeMillis() + ")");
        }
    }

    @Override
    public void init() {
        trace("init");
        if (System.getenv("DRAFTBOARD_TRACE_STARTUP") != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> trace("JVM exiting")));
        }
        try {
            java.util.concurrent.CompletableFuture<Services> future = opening;
            opening = null;
            Services services;
            if (future == null) {
                services = open();
            } else {
                try {
                    services = future.join();
                } catch (java.util.concurrent.CompletionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            app = services.app();
            settingsStore = services.settingsStore();
            settings = services.settings();
            keyed = services.keyed();
            dark = services.dark();
            workspaceStore = services.workspaceStore();
            restored = services.restored();
        } catch (DataHome.DataHomeException e) {
            startupError = e.getMessage();
        } catch (Exception e) {
            startupError = "Cannot open history: " + e.getMessage();
        }
    }

    @Override
    public void start(Stage stage) {
        trace("start");
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        if (startupError != null) {
            Alert alert = new Alert(Alert.AlertType.ERROR, startupError);
            alert.setHeaderText("Draftboard cannot start");
            alert.showAndWait();
            Platform.exit();
            return;
        }
        // Anything no task handled is logged and told in the preview's message line.
        tasks = TaskRunnerCore.pooled("draftboard-studio", 3, FxExecutor.INSTANCE,
                f -> model.preview().say(f.message()));
        debounceClock = DelayScheduler.daemon("draftboard-debounce");
        StudioContext context = new StudioContext(app.renders(), app.providers().all(), app.history(), app.images(),
                debounceClock, tasks, Seeds::random, settings);
        model = new StudioViewModel(context);
        pickStartProvider();
        model.editor().references().setLinkFetcher(url -> ImageDownload.fetch(app.http(), Endpoints.droppedLink(url),
                ImageDownload.DEFAULT_MAX_BYTES, "The dropped link", io.draftboard.generation.JobContext.none()));
        window = new StudioWindow(model, this::openSettings, keyHint(),
                Draftboard.version());
        window.historyModel().thumbnailSizeProperty().addListener((o, a, size) -> {
            settings = settings.withThumbnailSize(size); // remembered for the next start
            saveSettings(settings);
        });
        Scene scene = new Scene(window, 1440, 900);
        stage.setTitle("Draftboard");
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            var icon = StudioApp.class.getResource("icon/icon-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new Image(icon.toExternalForm(), true));
            }
        }
        stage.setScene(scene);
        stage.setMinWidth(StudioWindow.MIN_WIDTH); stage.setMinHeight(StudioWindow.MIN_HEIGHT);
        // Before show: the window opens where it was, at its size, with the editor and filters as they were.
        workspace = WorkspaceKeeper.install(window, model, stage, workspaceStore, restored, debounceClock);
        if (app.corruptBackup() != null) { // after the workspace's notice, so this one is on the line
            model.preview().say("History was unreadable; it was kept as " + app.corruptBackup().getFileName()
                    + " and a new one started.");
        }
        stage.show();
        trace("window shown");
        Platform.runLater(() -> {
            trace("first pulse after show");
            resumeJobsInBackground();
        });
    }

    /**
     * Jobs a crash interrupted finish in the background; nothing waits for them, the first frame least of all:
     * the journal is read and the jobs restarted off the FX thread, once the window is on screen.
     */
    private void resumeJobsInBackground() {
        JobResumer.resumeInBackground(app);
        trace("resuming jobs");
        // Off the first frame too: the management classes cost a few dozen ms to load.
        tasks.action("Returning idle memory", () -> {
            List<String> flags = io.draftboard.app.IdleHeap.install();
            if (!flags.isEmpty()) {
                LOG.log(System.Logger.Level.DEBUG, "idle heap: " + String.join(" ", flags));
            }
        }).start();
    }

    /** First run: a dismissible line that the offline engine is on and keys go in Settings. */
    /** {@code --provider ID} on the command line picks that provider; an unknown id says so and keeps the default. */
    private void pickStartProvider() {
        List<String> args = getParameters().getRaw();
        int at = args.indexOf("--provider");
        if (at < 0 || at + 1 >= args.size()) {
            return;
        }
        String id = args.get(at + 1);
        model.editor().providers().stream().filter(p -> p.info().id().equals(id)).findFirst().ifPresentOrElse(
                model.editor().providerProperty()::set,
                () -> model.preview().say("No provider \"" + id + "\" here; drafting on "
                        + model.editor().providerProperty().get().info().displayName() + "."));
    }

    /** The hint bar: what the designer drafts on and what a key would change; it follows the editor's provider. */
    private Node keyHint() {
        Label text = new Label();
        text.setId("keyHintText");
        text.setWrapText(true);
        Button open = new Button("Settings");
        open.setMinWidth(Region.USE_PREF_SIZE); // at 1024 px the sentence wraps; the buttons keep their words
        open.setOnAction(e -> openSettings());
        Button dismiss = new Button("Dismiss");
        dismiss.setId("dismissHint");
        dismiss.setMinWidth(Region.USE_PREF_SIZE);
        dismiss.getStyleClass().add("flat");
        HBox bar = new HBox(10, text, open, dismiss);
        bar.setId("keyHint");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("hint-bar");
        HBox.setHgrow(text, Priority.ALWAYS);
        hintText = text;
        hintBar = bar;
        dismiss.setOnAction(e -> {
            bar.setVisible(false);
            bar.setManaged(false);
            if (!settings.keyHintDismissed()) {
                settings = settings.withKeyHintDismissed();
                saveSettings(settings);
            }
        });
        model.editor().providerProperty().addListener((o, a, b) -> refreshHint());
        refreshHint();
        return bar;
    }

    private void refreshHint() {
        var line = KeyHint.text(model.editor().providerProperty().get(), app.providers().all(), keyed,
                settings.keyHintDismissed());
        hintText.setText(line.orElse(""));
        hintBar.setVisible(line.isPresent());
        hintBar.setManaged(line.isPresent());
    }

    /** Which providers have a key: reads keys.json, so off the FX thread. */
    private static java.util.Set<String> keyedProviders(Draftboard app) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Provider p : app.providers().all()) {
            if (app.keys().get(p.info().id()) != null) {
                ids.add(p.info().id());
            }
        }
        return java.util.Set.copyOf(ids);
    }

    private void openSettings() {
        // Key status reads the key file: off the FX thread, then the dialog.
        tasks.task("Reading provider keys", () -> {
            List<SettingsDialog.ProviderRow> rows = new ArrayList<>();
            for (Provider p : app.providers().all()) {
                String id = p.info().id();
                String variable = app.keys().variableInUse(id);
                String status;
                try {
                    ApiKey key = app.keys().get(id);
                    status = key == null ? "not set" : variable != null ? "from " + variable : "saved, ends " + key.hint();
                } catch (IllegalArgumentException unusable) { // never the key itself
                    status = "not usable: " + unusable.getMessage();
                }
                rows.add(new SettingsDialog.ProviderRow(id, p.info().displayName(), status, ""));
            }
            return rows;
        }).onSuccess(rows -> {
            SettingsDialog dialog = new SettingsDialog(settings, rows, app.home().root(), app.keys().file());
            dialog.initOwner(window.getScene().getWindow());
            dialog.showAndWait().ifPresent(outcome -> {
                settings = outcome.settings();
                model.apply(settings);
                if (settings.theme() != StudioSettings.Theme.SYSTEM) {
                    Application.setUserAgentStylesheet(settings.theme() == StudioSettings.Theme.DARK
                            ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
                }
                tasks.action("Saving settings", () -> {
                    saveSettings(outcome.settings());
                    outcome.newKeys().forEach((id, key) -> {
                        try {
                            app.keys().put(id, new ApiKey(key));
                        } catch (IllegalArgumentException e) {
                            // a character no request can carry: the message names it, never the key
                            tasks.onFx(() -> model.preview().say("The " + id + " key was not saved: " + e.getMessage()));
                        } catch (IOException e) {
                            // The exception's message could quote the file; the key itself never reaches it.
                            LOG.log(System.Logger.Level.WARNING, "could not save the " + id + " key: "
                                    + e.getClass().getSimpleName());
                            tasks.onFx(() -> model.preview().say("The " + id + " key could not be saved."));
                        }
                    });
                    keyed = keyedProviders(app);
                    tasks.onFx(this::refreshHint); // a new key: the hint follows
                }).start();
            });
        }).start();
    }

    private void saveSettings(StudioSettings value) {
        Runnable save = () -> {
            try {
                settingsStore.save(value);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "settings could not be saved: " + e.getMessage());
            }
        };
        if (Platform.isFxApplicationThread()) {
            tasks.action("Saving settings", save::run).start();
        } else {
            save.run();
        }
    }

    /**
     * Quits within a second: the window's pending work gets a short grace, jobs in flight are left to the
     * journal (the next start resumes them, never resends them), every thread of ours stops.
     */
    @Override
    public void stop() {
        trace("stop");
        if (workspace != null) {
            workspace.close(); // queued before the pool stops, so its grace writes it
        }
        if (window != null) {
            window.close();
        }
        if (model != null) {
            model.close();
        }
        if (tasks != null) {
            tasks.shutdown();
        }
        trace("studio tasks stopped");
        if (debounceClock != null) {
            debounceClock.close();
        }
        if (app != null) {
            app.closeForExit(java.time.Duration.ofMillis(300));
        }
        trace("stopped");
    }
}
