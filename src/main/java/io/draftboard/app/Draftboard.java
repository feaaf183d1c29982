package io.draftboard.app;

import io.draftboard.generation.JobRunner;
import io.draftboard.generation.RetryPolicy;
import io.draftboard.history.HistoryRecorder;
import io.draftboard.history.HistoryStore;
import io.draftboard.history.ImageStore;
import io.draftboard.http.Endpoints;
import io.draftboard.http.HttpClients;
import io.draftboard.provider.CancellableSleep;
import io.draftboard.provider.PollSchedule;
import io.draftboard.provider.ProviderRegistry;
import io.draftboard.provider.bfl.BflProvider;
import io.draftboard.provider.offline.OfflineProvider;
import io.draftboard.settings.DataHome;
import io.draftboard.settings.ProviderKeys;
import java.time.Clock;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The composition root: builds every service once, by hand, and hands them down. The studio and the CLI
 * share it, so both record into the same history the same way.
 */
public final class Draftboard implements AutoCloseable {
    /** Remote jobs mostly wait on the network; the per-provider limits keep CPU-bound ones in check. */
    private static final int WORKER_THREADS = 16;

    private final DataHome home;
    private final HistoryStore history;
    private final ImageStore images;
    private final ProviderRegistry providers;
    private final JobRunner jobs;

    private Draftboard(DataHome home, HistoryStore history, ImageStore images, ProviderRegistry providers,
            JobRunner jobs) {
        this.home = home;
        this.history = history;
        this.images = images;
        this.providers = providers;
        this.jobs = jobs;
    }

    /**
     * Opens every service over {@code home}; {@code env} supplies provider keys and base-URL overrides
     * ({@code DRAFTBOARD_BFL_BASE_URL}).
     */
    public static Draftboard open(DataHome home, Map<String, String> env) throws IOException {
        HistoryStore history = HistoryStore.open(home.historyDb());
        try {
            ImageStore images = new ImageStore(home.images());
            ProviderKeys keys = new ProviderKeys(home.root().resolve("keys.json"), env);
            OkHttpClient http = HttpClients.create();
            HttpUrl bflBase = Endpoints.baseUrl(env.getOrDefault("DRAFTBOARD_BFL_BASE_URL", BflProvider.DEFAULT_BASE_URL),
                    "DRAFTBOARD_BFL_BASE_URL");
            ProviderRegistry providers = new ProviderRegistry(List.of(new OfflineProvider(),
                    new BflProvider(http, bflBase, () -> keys.get(BflProvider.ID), new PollSchedule(),
                            CancellableSleep.REAL, Clock.systemUTC(), BflProvider.DEFAULT_TIMEOUT)));
            JobRunner jobs = new JobRunner(WORKER_THREADS, RetryPolicy.DEFAULT, new HistoryRecorder(history, images));
            return new Draftboard(home, history, images, providers, jobs);
        } catch (IOException | RuntimeException e) {
            history.close();
            throw e;
        }
    }

    public DataHome home() {
        return home;
    }

    public HistoryStore history() {
        return history;
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

    public static String version() {
        String v = Draftboard.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public void close() {
        jobs.shutdown(Duration.ofSeconds(10));
        history.close();
    }
}
