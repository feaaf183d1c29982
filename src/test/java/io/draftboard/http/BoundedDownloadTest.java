package io.draftboard.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plumbing on its own: no job, no provider, no image codec. */
class BoundedDownloadTest {
    private final OkHttpClient client = HttpClients.create();
    private MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static final class Switch implements Cancellation {
        final AtomicBoolean cancelled = new AtomicBoolean();
        final List<Runnable> hooks = new ArrayList<>();

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }

        @Override
        public void onCancel(Runnable action) {
            hooks.add(action);
        }

        void cancel() {
            cancelled.set(true);
            hooks.forEach(Runnable::run);
        }
    }

    @Test
    void redirectsAreFollowedByHandAndTheBodyAndItsTypeComeBack() throws Exception {
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/there").build());
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "image/png").body("12345").build());
        List<Long> progress = new ArrayList<>();

        BoundedDownload.Fetched got = BoundedDownload.fetch(client, server.url("/here"), 100, Cancellation.NEVER,
                progress::add);

        assertThat(got.bytes()).containsExactly('1', '2', '3', '4', '5');
        assertThat(got.contentType()).isEqualTo("image/png");
        assertThat(progress).containsExactly(5L);
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/here");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/there");
    }

    @Test
    void eachFailureSaysWhyAsAReason() {
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "http://example.com/x").build());
        assertReason(100, BoundedDownload.Failure.Reason.INSECURE_LINK);
        for (int i = 0; i <= BoundedDownload.MAX_REDIRECTS; i++) {
            server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/again").build());
        }
        assertReason(100, BoundedDownload.Failure.Reason.TOO_MANY_REDIRECTS);
        server.enqueue(new MockResponse.Builder().code(410).build());
        assertThat(assertReason(100, BoundedDownload.Failure.Reason.EXPIRED).status()).isEqualTo(410);
        server.enqueue(new MockResponse.Builder().code(502).build());
        assertReason(100, BoundedDownload.Failure.Reason.SERVER_ERROR);
        server.enqueue(new MockResponse.Builder().code(204).build());
        assertReason(100, BoundedDownload.Failure.Reason.UNEXPECTED_STATUS);
        server.enqueue(new MockResponse.Builder().code(200).body("x".repeat(50)).build());
        assertThat(assertReason(10, BoundedDownload.Failure.Reason.TOO_LARGE).size()).isEqualTo(50);
    }

    private BoundedDownload.Failure assertReason(long maxBytes, BoundedDownload.Failure.Reason reason) {
        try {
            BoundedDownload.fetch(client, server.url("/x"), maxBytes, Cancellation.NEVER, n -> { });
        } catch (BoundedDownload.Failure f) {
            assertThat(f.reason()).isEqualTo(reason);
            return f;
        } catch (CallCancelledException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected " + reason);
    }

    @Test
    void aCancelledCallerSendsNothing() {
        Switch cancel = new Switch();
        cancel.cancel();
        assertThatThrownBy(() -> BoundedDownload.fetch(client, server.url("/x"), 100, cancel, n -> { }))
                .isInstanceOf(CallCancelledException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void oneHookServesEveryCallAndCutsOffTheOneInFlight() throws Exception {
        Switch cancel = new Switch();
        CurrentCall calls = new CurrentCall(client, cancel);
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
            try (Response r = calls.execute(new Request.Builder().url(server.url("/poll")).build())) {
                assertThat(r.body().string()).isEqualTo("ok");
            }
        }
        assertThat(cancel.hooks).hasSize(1);

        for (int i = 0; i < 3; i++) {
            server.takeRequest();
        }
        server.enqueue(new MockResponse.Builder().code(200).body("late")
                .headersDelay(10, java.util.concurrent.TimeUnit.SECONDS).build());
        Thread canceller = new Thread(() -> {
            try {
                server.takeRequest(); // the slow call is on the wire
                cancel.cancel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        canceller.start();
        long started = System.nanoTime();
        assertThatThrownBy(() -> calls.execute(new Request.Builder().url(server.url("/slow")).build()))
                .isInstanceOf(CallCancelledException.class);
        assertThat(System.nanoTime() - started).isLessThan(5_000_000_000L);
        canceller.join();
    }
}
