package io.draftboard.provider;

import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.Provider;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.Reference;
import io.draftboard.imaging.ContentHash;
import io.draftboard.imaging.PngWriter;
import java.awt.image.BufferedImage;
import java.time.Clock;
import java.time.Duration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.draftboard.http.HttpClients;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okio.Buffer;

/** Shared shapes for provider wire tests. */
public final class WireFixtures {
    public static final byte[] PNG = PngWriter.encode(new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB), List.of());
    public static final Reference REF = new Reference(ContentHash.sha256(PNG), "image/png", 48, 32, PNG);

    private WireFixtures() {
    }

    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    public static MockResponse image() {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "image/png").body(new Buffer().write(PNG)).build();
    }

    public static GenerationRequest request() {
        return GenerationRequest.of("a teal poster, \"OPEN\"", 77, 6, 512, 512);
    }

    /** Polls without waiting: wire tests are about shapes, not time. */
    public static PollLoop instantLoop() {
        return new PollLoop(new PollSchedule(), (d, c) -> c.checkCancelled(), Clock.systemUTC(), Duration.ofSeconds(10));
    }

    /** The server reads the whole request, then hangs up without a word (the old DisconnectAfterRequest). */
    public static MockResponse closeAfterRequest() {
        return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
    }

    /** The server reads the whole request and never answers (the old NoResponse). */
    public static MockResponse neverAnswer() {
        return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
    }

    /** The shared client, except that it waits 300 ms for an answer whatever a call asks, so tests need not. */
    public static OkHttpClient impatientClient() {
        return HttpClients.create().newBuilder()
                .addInterceptor(chain -> chain.withReadTimeout(300, TimeUnit.MILLISECONDS).proceed(chain.request()))
                .build();
    }

    /** The shared client, noting the read timeout each call ran with, by URL path. */
    public static OkHttpClient readTimeoutsInto(java.util.Map<String, Integer> byPath) {
        return HttpClients.create().newBuilder().addInterceptor(chain -> {
            byPath.put(chain.request().url().encodedPath(), chain.readTimeoutMillis());
            return chain.proceed(chain.request());
        }).build();
    }

    /** A loopback address nothing listens on: connecting is refused before anything is sent. */
    public static HttpUrl refusingUrl() {
        try (ServerSocket s = new ServerSocket(0)) {
            return new HttpUrl.Builder().scheme("http").host("127.0.0.1").port(s.getLocalPort()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ProviderException failure(Provider p, GenerationRequest r) {
        try {
            p.generate(r, JobContext.none());
        } catch (ProviderException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }
}
