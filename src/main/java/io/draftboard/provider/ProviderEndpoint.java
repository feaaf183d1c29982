package io.draftboard.provider;

import io.draftboard.settings.ApiKey;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * How to reach one remote provider: the shared client, its base URL (overridable for tests and regions),
 * where its key comes from (read when a job runs, so a key added in Settings applies at once), and a clock.
 *
 * <p>The client comes from {@code clients} when a request is about to be made, not when the provider is
 * built: the studio starts on the offline engine, and building the client (TLS trust store, OkHttp's classes)
 * took ~0.35 s of the start that the window waited for. Providers keep {@code endpoint::client}, never the client.
 */
public record ProviderEndpoint(Supplier<OkHttpClient> clients, HttpUrl baseUrl, Supplier<ApiKey> key, Clock clock) {
    public ProviderEndpoint {
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(clock, "clock");
    }

    /** An endpoint on a client made already (tests, the CLI's one-off calls). */
    public ProviderEndpoint(OkHttpClient client, HttpUrl baseUrl, Supplier<ApiKey> key, Clock clock) {
        this(constant(client), baseUrl, key, clock);
    }

    /** The shared client, made by the first caller that needs it. */
    public OkHttpClient client() {
        return clients.get();
    }

    private static Supplier<OkHttpClient> constant(OkHttpClient client) {
        Objects.requireNonNull(client, "client");
        return () -> client;
    }
}
