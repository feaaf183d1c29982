package io.draftboard.app;

import io.draftboard.generation.JobRunner;
import io.draftboard.generation.RenderDurations;
import io.draftboard.generation.RetryPolicy;
import io.draftboard.history.HistoryDatabase;
import io.draftboard.history.HistoryRecorder;
import io.draftboard.history.HistoryStore;
import io.draftboard.history.ImageStore;
import io.draftboard.history.JobJournal;
import io.draftboard.history.PastDurations;
import io.draftboard.history.SqliteNative;
import io.draftboard.http.Endpoints;
import io.draftboard.http.SharedHttpClient;
import io.draftboard.generation.Provider;
import io.draftboard.provider.CancellableSleep;
import io.draftboard.provider.PollLoop;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.cloudflare.CloudflareProvider;
import io.draftboard.provider.comfyui.ComfyUiProvider;
import io.draftboard.provider.fal.FalProvider;
import io.draftboard.provider.openai.Gateway;
import io.draftboard.provider.openai.OpenAiCompatibleProvider;
import io.draftboard.provider.runflow.RunflowProvider;
import io.draftboard.provider.replicate.ReplicateProvider;
import io.draftboard.provider.PollSchedule;
import io.draftboard.provider.ProviderRegistry;
import io.draftboard.provider.bfl.BflProvider;
import io.draftboard.provider.offline.OfflineProvider;
import io.draftboard.settings.DataHome;
import io.draftboard.settings.GatewayEntry;
import io.draftboard.settings.ProviderKeys;
import java.time.Clock;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The composition root: builds every service once, by hand, and hands them down. The studio and the CLI
 * share it, so both record into the same history the same way.
 */
public final class Draftboard implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Draftboard.class.getName());
    /** Remote jobs mostly wait on the network; the per-provider limits keep CPU-bound ones in check. */
    private static final int WORKER_THREADS = 16;

    private final DataHome home;
    private final HistoryDatabase database;
    private final HistoryStore history;
    private final JobJournal journal;
    private final ImageStore images;
    private final ProviderRegistry providers;
    private final JobRunner jobs;
    private final io.draftboard.generation.RenderService renders;
    private final ProviderKeys keys;
    private final SharedHttpClient http;
    /** Saved images' history thumbnails, made after their job has reported (HistoryRecorder). */
    private final ExecutorService thumbnails;
    private java.nio.file.Path corruptBackup;

    private Draftboard(DataHome home, HistoryDatabase database, JobJournal journal, ImageStore images,
            ProviderRegistry providers, JobRunner jobs, ProviderKeys keys, SharedHttpClient http,
            ExecutorService thumbnails) {
        this.thumbnails = thumbnails;
        this.keys = keys;
        this.http = http;
        this.home = home;
        this.database = database;
        this.history = new HistoryStore(database);
        this.journal = journal;
        this.images = images;
        this.providers = providers;
        this.jobs = jobs;
        this.renders = new io.draftboard.generation.RenderService(jobs);
    }

    /**
     * Opens every service over {@code home}; {@code env} supplies provider keys and base-URL overrides
     * ({@code DRAFTBOARD_BFL_BASE_URL}).
     */
    public static Draftboard open(DataHome home, Map<String, String> env) throws IOException {
        return open(home, env, settingsStore(home).load());
    }

    /** As {@link #open(DataHome, Map)}, with the settings the caller already read (the studio needs them too). */
    public static Draftboard open(DataHome home, Map<String, String> env, io.draftboard.settings.StudioSettings settings)
            throws IOException {
        SqliteNative.useCopyIn(home.nativeLibraries()); // before the first database: SQLite loads from there
        HistoryDatabase.Opened opened = HistoryDatabase.openOrRecover(home.historyDb());
        HistoryDatabase database = opened.database();
        try {
            ImageStore images = new ImageStore(home.images());
            ProviderKeys keys = new ProviderKeys(home.root().resolve("keys.json"), env);
            SharedHttpClient http = new SharedHttpClient();
            ProviderRegistry providers = new ProviderRegistry(providers(withBaseUrlSettings(env, settings), keys, http,
                    home, settings.gateways(), new PastDurations(database)), keys::secrets);
            JobJournal journal = new JobJournal(database);
            ExecutorService thumbnails = thumbnailThread();
            JobRunner jobs = new JobRunner(WORKER_THREADS, RetryPolicy.DEFAULT,
                    new HistoryRecorder(journal, images, Clock.systemUTC(), thumbnails));
            Draftboard app = new Draftboard(home, database, journal, images, providers, jobs, keys, http, thumbnails);
            app.corruptBackup = opened.corruptBackup();
            return app;
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Every provider, the offline engine first (the default), then BFL, every gateway (the presets, then the
     * designer's own), the other remote providers, ComfyUI last. Remote ones read keys lazily, when a job runs.
     */
    private static List<Provider> providers(Map<String, String> env, ProviderKeys keys, SharedHttpClient http,
            DataHome home, List<GatewayEntry> ownGateways, RenderDurations pastRenders) {
        Clock clock = Clock.systemUTC();
        // Polling is planned from history's past render times, so a CLI run polls as well as a long-lived studio.
        PollLoop loop = new PollLoop(new PollSchedule(), CancellableSleep.REAL, clock, BflProvider.DEFAULT_TIMEOUT,
                pastRenders);
        java.util.function.Function<String, ProviderEndpoint> endpoint = id -> new ProviderEndpoint(http,
                base(env, id, DEFAULT_BASE_URLS.get(id)), () -> keys.get(id), clock);
        List<Provider> all = new ArrayList<>();
        all.add(new OfflineProvider());
        all.add(new BflProvider(endpoint.apply(BflProvider.ID), new PollSchedule(), CancellableSleep.REAL,
                BflProvider.DEFAULT_TIMEOUT, pastRenders));
        for (GatewayEntry g : GatewayEntry.PRESETS) {
            all.add(gateway(g, env, keys, http, clock, loop));
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (GatewayEntry g : ownGateways) {
            String problem = g.problem();
            if (problem == null && !seen.add(g.id())) {
                problem = "gateway id \"" + g.id() + "\" is used twice";
            }
            try {
                if (problem == null) {
                    all.add(gateway(g, env, keys, http, clock, loop));
                }
            } catch (IllegalArgumentException badUrl) { // a hand-edited URL must not cost the studio its start
                problem = badUrl.getMessage();
            }
            if (problem != null) {
                LOG.log(System.Logger.Level.WARNING, "a gateway in settings.json was left out: " + problem);
            }
        }
        all.add(new CloudflareProvider(endpoint.apply(CloudflareProvider.ID),
                () -> keys.value(ProviderKeys.CLOUDFLARE_ACCOUNT)));
        all.add(new ReplicateProvider(endpoint.apply(ReplicateProvider.ID), loop));
        all.add(new FalProvider(endpoint.apply(FalProvider.ID), loop));
        all.add(new RunflowProvider(endpoint.apply(RunflowProvider.ID), loop));
        all.add(new ComfyUiProvider(new ProviderEndpoint(http, comfyUiBase(env), () -> keys.get(ComfyUiProvider.ID),
                clock), comfyUiWorkflow(env, home)));
        return List.copyOf(all);
    }

    /**
     * One gateway entry as a provider: its base URL and model as the entry says unless
     * {@code DRAFTBOARD_<ID>_BASE_URL} / {@code DRAFTBOARD_<ID>_MODEL} (or Settings' Base URLs) say otherwise, its
     * key under its own id. The old single slot ({@code openai}) names its host, since it can be any gateway.
     */
    private static Provider gateway(GatewayEntry g, Map<String, String> env, ProviderKeys keys, SharedHttpClient http,
            Clock clock, PollLoop loop) {
        HttpUrl url = base(env, g.id(), g.baseUrl());
        String model = env.getOrDefault(variable(g.id(), "MODEL"), g.model()).strip();
        String shown = g.id().equals(OpenAiCompatibleProvider.ID) ? g.name() + " (" + url.host() + ")" : g.name();
        String keyHelp = "set " + ProviderKeys.variableFor(g.id()) + " or add it in Settings";
        return new OpenAiCompatibleProvider(new ProviderEndpoint(http, url, () -> keys.get(g.id()), clock),
                new Gateway(g.id(), g.name(), shown, model.isEmpty() ? g.model() : model, keyHelp), loop);
    }

    /** ComfyUI runs on the user's machine or their network: plain http to a private host they name is fine. */
    private static HttpUrl comfyUiBase(Map<String, String> env) {
        String variable = baseUrlVariable(ComfyUiProvider.ID);
        String url = env.getOrDefault(variable, ComfyUiProvider.DEFAULT_BASE_URL);
        return Endpoints.localServerUrl(url.endsWith("/") ? url : url + "/", variable);
    }

    /**
     * Which workflow ComfyUI runs: DRAFTBOARD_COMFYUI_WORKFLOW ("dev", "klein" or a file), else
     * comfyui-workflow.json in the data directory if the user put one there, else the built-in FLUX.2 [dev].
     */
    private static String comfyUiWorkflow(Map<String, String> env, DataHome home) {
        String chosen = env.get("DRAFTBOARD_COMFYUI_WORKFLOW");
        if (chosen != null && !chosen.isBlank()) {
            return chosen.strip();
        }
        java.nio.file.Path own = home.root().resolve("comfyui-workflow.json");
        return java.nio.file.Files.isRegularFile(own) ? own.toString() : ComfyUiProvider.DEFAULT_WORKFLOW;
    }

    /** Base URLs saved in Settings act as the variables would; a variable that is actually set still wins. */
    private static Map<String, String> withBaseUrlSettings(Map<String, String> env,
            io.draftboard.settings.StudioSettings settings) {
        Map<String, String> merged = new java.util.HashMap<>();
        settings.baseUrls().forEach((provider, url) -> {
            if (url != null && !url.isBlank()) {
                merged.put(baseUrlVariable(provider), url.strip());
            }
        });
        merged.putAll(env);
        return merged;
    }

    public static io.draftboard.settings.SettingsStore settingsStore(DataHome home) {
        return new io.draftboard.settings.SettingsStore(home.root().resolve("settings.json"));
    }

    /** Where each provider lives unless DRAFTBOARD_<PROVIDER>_BASE_URL says otherwise. */
    private static final Map<String, String> DEFAULT_BASE_URLS = Map.of(
            BflProvider.ID, BflProvider.DEFAULT_BASE_URL,
            RunflowProvider.ID, RunflowProvider.DEFAULT_BASE_URL,
            CloudflareProvider.ID, CloudflareProvider.DEFAULT_BASE_URL,
            ReplicateProvider.ID, ReplicateProvider.DEFAULT_BASE_URL,
            FalProvider.ID, FalProvider.DEFAULT_BASE_URL);

    private static String baseUrlVariable(String provider) {
        return variable(provider, "BASE_URL");
    }

    /** {@code DRAFTBOARD_<PROVIDER>_<WHAT>}; a gateway id's hyphens become underscores, as a shell needs. */
    private static String variable(String provider, String what) {
        return "DRAFTBOARD_" + provider.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_" + what;
    }

    /** design.md: every provider's base URL can be overridden with DRAFTBOARD_<PROVIDER>_BASE_URL. */
    private static HttpUrl base(Map<String, String> env, String provider, String fallback) {
        String variable = baseUrlVariable(provider);
        String url = env.getOrDefault(variable, fallback);
        return Endpoints.baseUrl(url.endsWith("/") ? url : url + "/", variable);
    }

    public DataHome home() {
        return home;
    }

    public HistoryStore history() {
        return history;
    }

    /** The job journal: what was sent, and what a crash left open. */
    public JobJournal journal() {
        return journal;
    }

    public ImageStore images() {
        return images;
    }

    public ProviderRegistry providers() {
        return providers;
    }

    public JobRunner jobs() {
        return jobs;
    }

    /** The studio's way to render: charged to the session, timed, queued on {@link #jobs()}. */
    public io.draftboard.generation.RenderService renders() {
        return renders;
    }

    public ProviderKeys keys() {
        return keys;
    }

    /**
     * The one HTTP client (its connection pool and dispatcher) that every provider uses; anything else that
     * fetches over HTTP, such as a link dropped on the studio, uses it too. Made by the first caller: call it
     * off the FX thread, when a request is about to be made.
     */
    public OkHttpClient http() {
        return http.get();
    }

    /** Where an unreadable history was kept when this start replaced it, or null. */
    public java.nio.file.Path corruptBackup() {
        return corruptBackup;
    }

    /** The request a journal entry describes, with its reference images read back from the image store. */
    public io.draftboard.generation.GenerationRequest restoreRequest(io.draftboard.history.JournalEntry entry)
            throws IOException {
        return io.draftboard.history.JournalRequest.restore(entry, images);
    }

    public static String version() {
        String v = Draftboard.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * One low-priority daemon thread: a thumbnail is never worth slowing the next draft for, and one not made
     * by the time the process ends is made when history first shows its image.
     */
    private static ExecutorService thumbnailThread() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "history-thumbnails");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
    }

    @Override
    public void close() {
        jobs.shutdown(Duration.ofSeconds(10));
        finishThumbnails(Duration.ofSeconds(5));
        database.close();
        closeHttp();
    }

    private void finishThumbnails(Duration atMost) {
        thumbnails.shutdown();
        try {
            thumbnails.awaitTermination(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Quitting the studio: waits at most {@code grace} for jobs in flight, then leaves them to the journal (the
     * next start resumes them). History stays open while a worker may still write to it; the process is ending.
     */
    public void closeForExit(Duration grace) {
        jobs.detach(grace);
        thumbnails.shutdown(); // what is queued still runs while the process lasts
        if (jobs.activeJobs() == 0) {
            database.close();
        }
        closeHttp();
    }

    private void closeHttp() {
        http.close();
    }
}
