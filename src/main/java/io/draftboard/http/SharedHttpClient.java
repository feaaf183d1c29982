package io.draftboard.http;

import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * The one client ({@link HttpClients#create()}), made by the first request that needs it, from any thread, once.
 * The studio starts on the offline engine: building the client (OkHttp's classes, the TLS trust store) took
 * ~0.35 s of a start that the window waited for, for requests most starts never make.
 */
public final class SharedHttpClient implements Supplier<OkHttpClient> {
    private volatile OkHttpClient client;

    @Override
    public OkHttpClient get() {
        OkHttpClient made = client;
        if (made == null) {
            synchronized (this) {
                made = client;
                if (made == null) {
                    made = HttpClients.create();
                    client = made;
                }
            }
        }
        return made;
    }

    /** Whether a request has needed the client yet. */
    public boolean made() {
        return client != null;
    }

    /**
     * Stops the client's idle threads (they would otherwise linger for a minute) and closes its idle connections;
     * nothing when no request ever made it. A late fire-and-forget cancel is then refused quietly.
     */
    public void close() {
        OkHttpClient made = client;
        if (made != null) {
            made.dispatcher().executorService().shutdown();
            made.connectionPool().evictAll();
        }
    }
}
