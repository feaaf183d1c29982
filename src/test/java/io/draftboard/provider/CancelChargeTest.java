package io.draftboard.provider;

import static io.draftboard.provider.WireFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.CancelCharge;
import io.draftboard.generation.JobOutcome;
import io.draftboard.generation.Provider;
import io.draftboard.history.GenerationStatus;
import io.draftboard.history.JournalEntry;
import io.draftboard.http.HttpClients;
import io.draftboard.provider.fal.FalProvider;
import io.draftboard.provider.replicate.ReplicateProvider;
import io.draftboard.settings.ApiKey;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A superseded draft on a provider that can cancel (Replicate, fal) is cancelled there, and what the provider's
 * answer says about billing is what history and the session spend record: a job cancelled while still queued
 * costs nothing, one cancelled mid-render costs its price, and a cancel nobody answered counts as billed.
 */
class CancelChargeTest {
    @TempDir
    Path dir;
    private MockWebServer server;
    private JournalledRun runs;
    private final List<String> cancels = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        runs = new JournalledRun(dir);
    }

    @AfterEach
    void stop() {
        runs.close();
        server.close();
    }

    /** A provider whose job never finishes by itself: it is polled until it is cancelled, then cancel answers. */
    private void serve(String pollBody, MockResponse cancelAnswer) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                if (path.endsWith("/cancel")) {
                    cancels.add(request.getMethod() + " " + path);
                    return cancelAnswer;
                }
                if (request.getMethod().equals("POST") || request.getMethod().equals("PUT")) {
                    return json(201, submitted(path));
                }
                return json(200, pollBody);
            }
        });
    }

    private String submitted(String path) {
        if (path.startsWith("/fal-ai")) {
            String base = server.url("/fal-ai/flux-2-flex/requests/r1").toString();
            return "{\"request_id\":\"r1\",\"response_url\":\"" + base + "\",\"status_url\":\"" + base
                    + "/status\",\"cancel_url\":\"" + base + "/cancel\"}";
        }
        return prediction("starting", null);
    }

    private String prediction(String status, String startedAt) {
        return "{\"id\":\"p1\",\"status\":\"" + status + "\",\"output\":null,\"error\":null,\"started_at\":"
                + (startedAt == null ? "null" : "\"" + startedAt + "\"") + ",\"urls\":{\"get\":\""
                + server.url("/v1/predictions/p1") + "\",\"cancel\":\"" + server.url("/v1/predictions/p1/cancel") + "\"}}";
    }

    private Provider replicate() {
        return new ReplicateProvider(new ProviderEndpoint(HttpClients.create(), server.url("/"),
                () -> new ApiKey("r8_secret_token_value_1234567890"), Clock.systemUTC()), WireFixtures.instantLoop());
    }

    private Provider fal() {
        return new FalProvider(new ProviderEndpoint(HttpClients.create(), server.url("/"),
                () -> new ApiKey("fal-key-abcdef:0123456789"), Clock.systemUTC()), WireFixtures.instantLoop());
    }

    /** The provider's own price for the test request (Replicate $0.06/MP, fal $0.05/MP). */
    private static double price(Provider provider) {
        double usd = provider.estimateCost(WireFixtures.request()).usd();
        assertThat(usd).isPositive();
        return usd;
    }

    private static CancelCharge.Billing billing(JournalledRun.Result run) {
        assertThat(run.outcome()).isInstanceOf(JobOutcome.Cancelled.class);
        return ((JobOutcome.Cancelled) run.outcome()).charge().billing();
    }

    @Test
    void aReplicatePredictionCancelledBeforeItStartedCostsNothing() throws Exception {
        serve(prediction("starting", null), json(200, prediction("canceled", null)));

        JournalledRun.Result run = runs.runCancelledOnceSubmitted(replicate(), WireFixtures.request());

        assertThat(cancels).containsExactly("POST /v1/predictions/p1/cancel");
        assertThat(billing(run)).isEqualTo(CancelCharge.Billing.NOT_BILLED);
        assertThat(run.journal().state()).isEqualTo(JournalEntry.State.CANCELLED);
        assertThat(run.journal().note()).contains("not billed");
        assertThat(run.record()).as("nothing paid, no image: no history row").isEmpty();
        assertThat(runs.spentUsd()).isZero();
    }

    @Test
    void aReplicatePredictionCancelledWhileRenderingIsRecordedAtItsPrice() throws Exception {
        serve(prediction("processing", "2026-12-03T05:00:01Z"),
                json(200, prediction("canceled", "2026-12-03T05:00:01Z")));

        JournalledRun.Result run = runs.runCancelledOnceSubmitted(replicate(), WireFixtures.request());

        assertThat(billing(run)).isEqualTo(CancelCharge.Billing.BILLED);
        assertThat(run.record()).hasValueSatisfying(row -> {
            assertThat(row.status()).isEqualTo(GenerationStatus.CANCELLED);
            assertThat(row.cost().usd()).isEqualTo(price(replicate()));
            assertThat(row.remoteId()).isEqualTo("p1");
            assertThat(row.errorMessage()).contains("bills a prediction it had started");
        });
        assertThat(runs.spentUsd()).isEqualTo(price(replicate()));
    }

    @Test
    void aCancelNobodyAnswersCountsAsBilled() throws Exception {
        serve(prediction("starting", null), json(500, "{\"detail\":\"internal error\"}"));
        JournalledRun.Result run = runs.runCancelledOnceSubmitted(replicate(), WireFixtures.request());

        assertThat(billing(run)).isEqualTo(CancelCharge.Billing.UNKNOWN);
        assertThat(run.record()).hasValueSatisfying(row -> assertThat(row.cost().usd()).isEqualTo(price(replicate())));
        assertThat(runs.spentUsd()).isEqualTo(price(replicate()));
    }

    @Test
    void aFalRequestStillInTheQueueIsRemovedAndNotBilled() throws Exception {
        serve("{\"status\":\"IN_QUEUE\",\"queue_position\":3}", json(202, "{\"status\":\"CANCELLATION_REQUESTED\"}"));

        JournalledRun.Result run = runs.runCancelledOnceSubmitted(fal(), WireFixtures.request());

        assertThat(cancels).containsExactly("PUT /fal-ai/flux-2-flex/requests/r1/cancel");
        assertThat(billing(run)).isEqualTo(CancelCharge.Billing.NOT_BILLED);
        assertThat(run.journal().note()).contains("removed it from its queue");
        assertThat(runs.spentUsd()).isZero();
    }

    @Test
    void aFalRequestInProgressOrDoneIsBilled() throws Exception {
        serve("{\"status\":\"IN_PROGRESS\",\"logs\":[]}", json(202, "{\"status\":\"CANCELLATION_REQUESTED\"}"));
        // Cancelled once fal has said it is rendering (the poll that reports progress).
        JournalledRun.Result running = runs.runCancelledOn(fal(), WireFixtures.request(),
                io.draftboard.generation.JobEvent.Progress.class::isInstance);
        assertThat(billing(running)).isEqualTo(CancelCharge.Billing.BILLED);
        assertThat(running.record()).hasValueSatisfying(row -> assertThat(row.cost().usd()).isEqualTo(price(fal())));

        serve("{\"status\":\"IN_PROGRESS\"}", json(400, "{\"status\":\"ALREADY_COMPLETED\"}"));
        JournalledRun.Result done = runs.runCancelledOnceSubmitted(fal(), WireFixtures.request());
        assertThat(billing(done)).isEqualTo(CancelCharge.Billing.BILLED);
        assertThat(runs.spentUsd()).isEqualTo(2 * price(fal()));
    }
}
