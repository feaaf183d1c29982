package io.draftboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/** The one client: not made until a request needs it, then the same one for everyone. */
class SharedHttpClientTest {

    @Test
    void nothingIsMadeUntilARequestNeedsItAndClosingAnUnmadeClientMakesNone() {
        SharedHttpClient shared = new SharedHttpClient();

        shared.close();

        assertThat(shared.made()).isFalse();
    }

    @Test
    void threadsAskingAtOnceGetTheSameClient() throws Exception {
        SharedHttpClient shared = new SharedHttpClient();
        CyclicBarrier together = new CyclicBarrier(2);
        CompletableFuture<OkHttpClient> other = CompletableFuture.supplyAsync(() -> {
            await(together);
            return shared.get();
        });
        await(together);
        OkHttpClient mine = shared.get();

        assertThat(other.get()).isSameAs(mine);
        assertThat(shared.made()).isTrue();
        assertThat(mine.followRedirects()).isFalse(); // HttpClients' client, redirects by hand
        shared.close();
        assertThat(mine.dispatcher().executorService().isShutdown()).isTrue();
    }

    @Test
    void closingLetsGoOfTheConnectionsARequestLeftOpen() throws Exception {
        SharedHttpClient shared = new SharedHttpClient();
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
            server.start();
            try (var response = shared.get().newCall(new Request.Builder().url(server.url("/")).build()).execute()) {
                assertThat(response.body().string()).isEqualTo("ok");
            }
            assertThat(shared.get().connectionPool().connectionCount()).isEqualTo(1); // kept alive for the next one

            shared.close();

            assertThat(shared.get().connectionPool().connectionCount()).isZero();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
