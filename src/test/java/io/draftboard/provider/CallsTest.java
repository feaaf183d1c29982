package io.draftboard.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.draftboard.generation.FailureKind;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import io.draftboard.http.HttpClients;
import io.draftboard.http.Timeouts;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one classification of a call without an answer: did the request leave whole, and does it bill? */
class CallsTest {
    private static final MediaType JSON = MediaType.get("application/json");
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

    private Calls calls(OkHttpClient client) {
        return new Calls(client, "Example", JobContext.none());
    }

    private Request post(HttpUrl url, byte[] body) {
        return new Request.Builder().url(url).post(RequestBody.create(body, JSON)).build();
    }

    private ProviderException failure(OkHttpClient client, Request request) {
        try {
            calls(client).send(request);
        } catch (ProviderException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void aSubmitWhoseConnectionClosesAfterTheBodyWasReadHasAnUnknownOutcomeAndIsSentOnce() {
        server.enqueue(WireFixtures.closeAfterRequest());
        server.enqueue(WireFixtures.json(200, "{}")); // what a silent retransmission would get

        ProviderException e = failure(HttpClients.create(), post(server.url("/submit"), "{\"prompt\":\"x\"}".getBytes()));

        assertThat(e.kind()).isEqualTo(FailureKind.OUTCOME_UNKNOWN);
        assertThat(e.kind().retryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Draftboard sent the request to Example but the answer never came (the "
                + "connection closed), so Example may have rendered the image and billed it. It was not sent again; "
                + "check your Example account before trying again.");
        assertThat(server.getRequestCount()).as("OkHttp did not retransmit it either").isEqualTo(1);
    }

    @Test
    void okHttpDoesNotQuietlyResendASubmitOnAFreshConnectionWhenAReusedOneDies() throws Exception {
        OkHttpClient client = HttpClients.create();
        server.enqueue(WireFixtures.json(200, "{}"));
        calls(client).send(new Request.Builder().url(server.url("/warm")).get().build()); // a pooled connection
        server.enqueue(WireFixtures.closeAfterRequest());
        server.enqueue(WireFixtures.json(200, "{}"));

        assertThat(failure(client, post(server.url("/submit"), "{}".getBytes())).kind())
                .isEqualTo(FailureKind.OUTCOME_UNKNOWN);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aSubmitWhoseAnswerNeverComesTimesOutWithAnUnknownOutcome() {
        server.enqueue(WireFixtures.neverAnswer());
        Request request = new Timeouts(Duration.ofMillis(300), Duration.ofSeconds(10))
                .on(post(server.url("/submit"), "{}".getBytes()));

        ProviderException e = failure(HttpClients.create(), request);

        assertThat(e.kind()).isEqualTo(FailureKind.OUTCOME_UNKNOWN);
        assertThat(e.getMessage()).contains("(timed out)");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aSubmitAnsweredWithStatusButABodyThatBreaksOffHasAnUnknownOutcome() {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"abcdefghijklmnop\"}")
                .onResponseBody(new SocketEffect.CloseSocket()).build());

        assertThat(failure(HttpClients.create(), post(server.url("/submit"), "{}".getBytes())).kind())
                .isEqualTo(FailureKind.OUTCOME_UNKNOWN);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aRefusedConnectionNeverLeftSoItIsTransient() {
        ProviderException e = failure(HttpClients.create(), post(WireFixtures.refusingUrl().resolve("/submit"),
                "{}".getBytes()));

        assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(e.getMessage()).isEqualTo("Example refused the connection");
    }

    @Test
    void aConnectionCutWhileTheBodyIsStillGoingOutNeverLeftWhole() {
        // The server reads the start of a body far larger than the socket buffers, then hangs up: the rest
        // cannot be written, so the provider never had the whole request.
        server.enqueue(new MockResponse.Builder().onRequestBody(new SocketEffect.CloseSocket()).build());

        ProviderException e = failure(HttpClients.create(), post(server.url("/submit"), new byte[64 << 20]));

        assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void aPollWithoutAnAnswerMayAlwaysBeAskedAgain() {
        server.enqueue(WireFixtures.closeAfterRequest());

        ProviderException e = failure(HttpClients.create(), new Request.Builder().url(server.url("/poll")).get().build());

        assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void aCallsOwnTimeoutsReplaceTheClientDefaults() throws Exception {
        AtomicInteger readMillis = new AtomicInteger();
        OkHttpClient client = HttpClients.create().newBuilder().addInterceptor(chain -> {
            readMillis.set(chain.readTimeoutMillis());
            return chain.proceed(chain.request());
        }).build();
        server.enqueue(WireFixtures.json(200, "{}"));
        server.enqueue(WireFixtures.json(200, "{}"));

        calls(client).send(new Request.Builder().url(server.url("/a")).get().build());
        assertThat(readMillis.get()).isEqualTo(60_000);
        calls(client).send(new Request.Builder().url(server.url("/b")).get().build(),
                new Timeouts(Duration.ofMinutes(5), Duration.ofMinutes(6)));
        assertThat(readMillis.get()).isEqualTo((int) TimeUnit.MINUTES.toMillis(5));
    }
}
