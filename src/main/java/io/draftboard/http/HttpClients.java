package io.draftboard.http;

import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The one HTTP client. Redirects are never followed automatically: OkHttp strips {@code Authorization} on
 * a cross-host redirect but would forward a custom key header such as BFL's {@code x-key}, so API calls do
 * not follow redirects at all and image downloads follow them by hand ({@link BoundedDownload}).
 */
public final class HttpClients {
    private HttpClients() {
    }

    public static OkHttpClient create() {
        return new OkHttpClient.Builder()
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(Duration.ofSeconds(15))
                .readTimeout(Duration.ofSeconds(60))
                .writeTimeout(Duration.ofSeconds(60))
                .callTimeout(Duration.ofMinutes(3))
                .build();
    }
}
