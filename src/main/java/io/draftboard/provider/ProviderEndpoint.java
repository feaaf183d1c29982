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
 */
public record ProviderEndpoint(OkHttpClient client, HttpUrl baseUrl, Supplier<ApiKey> key, Clock clock) {
    public ProviderEndpoint {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(clock, "clock");
    }
}
