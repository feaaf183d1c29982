package io.draftboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import okhttp3.OkHttpClient;
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

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
