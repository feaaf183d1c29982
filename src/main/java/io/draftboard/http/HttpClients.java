package io.draftboard.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * The one HTTP client. Redirects are never followed automatically: OkHttp strips {@code Authorization} on
 * a cross-host redirect but would forward a custom key header such as BFL's {@code x-key}, so API calls do
 * not follow redirects at all and image downloads follow them by hand ({@link BoundedDownload}).
 *
 * <p>The timeouts are defaults; a request tagged with {@link Timeouts} gets its own read limit here (OkHttp
 * lets only an application interceptor change it per call) and its own call limit in {@link CurrentCall}.
 */
public final class HttpClients {
    /** A request's own {@link Timeouts#read()}; OkHttp lets only an application interceptor change it per call. */
    private static final Interceptor OWN_READ_TIMEOUT = chain -> {
        Timeouts own = chain.request().tag(Timeouts.class);
        return own == null ? chain.proceed(chain.request())
                : chain.withReadTimeout((int) own.read().toMillis(), TimeUnit.MILLISECONDS).proceed(chain.request());
    };

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
                .addInterceptor(OWN_READ_TIMEOUT)
                .build();
    }
}
