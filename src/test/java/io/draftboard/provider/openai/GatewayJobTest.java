package io.draftboard.provider.openai;

import static io.draftboard.provider.WireFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.JobOutcome;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.Resumption;
import io.draftboard.http.HttpClients;
import io.draftboard.provider.JournalledRun;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.WireFixtures;
import io.draftboard.settings.ApiKey;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AIgateway's asynchronous shape (aigateway.sh/docs/async-jobs), replayed: {@code 202 {id, status, object: job}},
 * then {@code GET /v1/jobs/{id}} until {@code completed} with {@code result.file_url}, or {@code failed} with
 * {@code error}. A job that was accepted is billed: whatever happens, the generation is never sent again.
 */
class GatewayJobTest {
    private static final String KEY = "aig-secret-key-0123456789";
    private MockWebServer server;
    private OpenAiCompatibleProvider provider;
    private final List<String[]> submitted = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        provider = new OpenAiCompatibleProvider(new ProviderEndpoint(HttpClients.create(), server.url("/v1/"),
                () -> new ApiKey(KEY), Clock.systemUTC()), new Gateway("aigateway", "AIgateway", "AIgateway",
                        "black-forest-labs/flux-2-flex", "set AIGATEWAY_API_KEY"), WireFixtures.instantLoop());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JobContext recording() {
        return new JobContext() {
            @Override
            public void progress(double fraction) {
            }

            @Override
            public void submitted(String remoteId, String pollingUrl) {
                submitted.add(new String[] {remoteId, pollingUrl});
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void onCancel(Runnable action) {
            }
        };
    }

    @Test
    void a202IsPolledAtJobsUntilCompletedAndItsFileFetched() throws Exception {
        server.enqueue(json(202, "{\"id\":\"job_7f3\",\"status\":\"queued\",\"object\":\"job\"}"));
        server.enqueue(json(200, "{\"id\":\"job_7f3\",\"status\":\"queued\",\"object\":\"job\"}"));
        server.enqueue(new MockResponse.Builder().code(304).build()); // polled sooner than it likes
        server.enqueue(json(200, "{\"id\":\"job_7f3\",\"status\":\"running\",\"object\":\"job\"}"));
        server.enqueue(json(200, "{\"id\":\"job_7f3\",\"status\":\"completed\",\"object\":\"job\",\"result\":"
                + "{\"file_url\":\"" + server.url("/media/v1/files/jobs/job_7f3.png?sig=abc") + "\"}}"));
        server.enqueue(WireFixtures.image());

        GenerationResult result = provider.generate(WireFixtures.request(), recording());

        RecordedRequest submit = server.takeRequest();
        assertThat(submit.getMethod()).isEqualTo("POST");
        assertThat(submit.getUrl().encodedPath()).isEqualTo("/v1/images/generations");
        for (int i = 0; i < 4; i++) {
            RecordedRequest poll = server.takeRequest();
            assertThat(poll.getMethod()).isEqualTo("GET");
            assertThat(poll.getUrl().encodedPath()).isEqualTo("/v1/jobs/job_7f3");
            assertThat(poll.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        }
        RecordedRequest download = server.takeRequest();
        assertThat(download.getUrl().encodedPath()).isEqualTo("/media/v1/files/jobs/job_7f3.png");
        assertThat(download.getHeaders().get("Authorization")).as("signed links need no key").isNull();
        assertThat(result.image()).isEqualTo(WireFixtures.PNG);
        assertThat(result.remoteId()).isEqualTo("job_7f3");
        assertThat(submitted).singleElement().satisfies(s -> {
            assertThat(s[0]).isEqualTo("job_7f3");
            assertThat(s[1]).isEqualTo(server.url("/v1/jobs/job_7f3").toString());
        });
        assertThat(server.getRequestCount()).as("one generation sent, never again").isEqualTo(6);
    }

    @Test
    void aFailedJobSaysWhyAndIsNotResubmitted() {
        server.enqueue(json(202, "{\"id\":\"job_9\",\"status\":\"queued\",\"object\":\"job\"}"));
        server.enqueue(json(200, "{\"id\":\"job_9\",\"status\":\"failed\",\"error\":{\"code\":\"provider_error\","
                + "\"message\":\"upstream timed out\"}}"));

        ProviderException e = WireFixtures.failure(provider, WireFixtures.request());

        assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(e.getMessage()).isEqualTo("AIgateway failed job job_9: upstream timed out");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aFailedJobIsNotChargedToTheSessionAsAIgatewayDocumentsButOneItCancelledIs(@TempDir Path dir)
            throws Exception {
        try (JournalledRun runs = new JournalledRun(dir)) {
            server.enqueue(json(202, "{\"id\":\"job_9\",\"status\":\"queued\",\"object\":\"job\"}"));
            server.enqueue(json(200, "{\"id\":\"job_9\",\"status\":\"failed\",\"error\":{\"code\":"
                    + "\"provider_error\",\"message\":\"upstream timed out\"}}"));

            JournalledRun.Result failed = runs.run(provider, WireFixtures.request());

            assertThat(((JobOutcome.Failed) failed.outcome()).kind()).isEqualTo(FailureKind.PERMANENT);
            assertThat(((JobOutcome.Failed) failed.outcome()).billed()).isFalse();
            assertThat(runs.spentUsd()).as("failed jobs are not charged, its docs say").isZero();
            assertThat(failed.record()).hasValueSatisfying(r -> assertThat(r.cost().usd()).isZero());

            // the same kind of failure, but nothing documents it as free: it stays charged
            server.enqueue(json(202, "{\"id\":\"job_10\",\"status\":\"queued\",\"object\":\"job\"}"));
            server.enqueue(json(200, "{\"id\":\"job_10\",\"status\":\"cancelled\"}"));

            JournalledRun.Result cancelled = runs.run(provider, WireFixtures.request());

            assertThat(((JobOutcome.Failed) cancelled.outcome()).kind()).isEqualTo(FailureKind.PERMANENT);
            assertThat(runs.spentUsd()).isPositive();
            assertThat(cancelled.record()).hasValueSatisfying(r -> assertThat(r.cost().usd()).isPositive());
        }
    }

    @Test
    void aPollThatKeepsFailingOnTheServerSideEndsWithoutASecondSubmit() {
        server.enqueue(json(202, "{\"id\":\"job_5\",\"status\":\"queued\",\"object\":\"job\"}"));
        server.enqueue(json(200, "{\"id\":\"job_5\",\"status\":\"failed\",\"error\":{\"code\":\"content_policy_violation\","
                + "\"message\":\"rejected by the safety system\"}}"));

        assertThat(WireFixtures.failure(provider, WireFixtures.request()).kind()).isEqualTo(FailureKind.MODERATED);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aJobAcceptedWithoutAnIdIsNotSentAgain() {
        server.enqueue(json(202, "{\"status\":\"queued\"}"));

        ProviderException e = WireFixtures.failure(provider, WireFixtures.request());

        assertThat(e.kind().retryable()).isFalse();
        assertThat(e.getMessage()).contains("HTTP 202").contains("not sent again");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aRetryableFailureWhilePollingIsNotTurnedIntoAResubmit() {
        server.enqueue(json(202, "{\"id\":\"job_2\",\"status\":\"queued\",\"object\":\"job\"}"));
        server.enqueue(json(200, "{\"id\":\"job_2\",\"status\":\"completed\",\"result\":{\"file_url\":\""
                + server.url("/gone.png") + "\"}}"));
        server.enqueue(json(503, "{}"));

        ProviderException e = WireFixtures.failure(provider, WireFixtures.request());

        assertThat(e.kind().retryable()).as("the runner must not submit a billed job again").isFalse();
        assertThat(e.getMessage()).contains("after AIgateway accepted job job_2");
    }

    @Test
    void aJobFromBeforeARestartIsPolledAgainNotResubmitted() throws Exception {
        server.enqueue(json(200, "{\"id\":\"job_1\",\"status\":\"completed\",\"result\":{\"file_url\":\""
                + server.url("/media/1.png") + "\"}}"));
        server.enqueue(WireFixtures.image());

        GenerationResult r = provider.resume(WireFixtures.request(), new Resumption(1, "job_1",
                server.url("/v1/jobs/job_1").toString()), JobContext.none());

        assertThat(r.image()).isEqualTo(WireFixtures.PNG);
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/jobs/job_1");
    }

    @Test
    void aCostTheGatewayReportsIsKeptInsteadOfTheEstimate() throws Exception {
        server.enqueue(json(200, "{\"created\":1,\"data\":[{\"b64_json\":\"" + Base64.getEncoder()
                .encodeToString(WireFixtures.PNG) + "\"}],\"metadata\":{\"cost\":0.0375,\"executed_model\":"
                + "\"fal/flux-2-flex\"}}"));

        GenerationResult r = provider.generate(WireFixtures.request(), JobContext.none());

        assertThat(r.cost()).isNotNull();
        assertThat(r.cost().usd()).isEqualTo(0.0375);
        assertThat(r.cost().estimated()).isFalse();
    }

    @Test
    void anAnswerWithoutACostLeavesTheEstimate() throws Exception {
        server.enqueue(json(200, "{\"created\":1,\"data\":[{\"b64_json\":\"" + Base64.getEncoder()
                .encodeToString(WireFixtures.PNG) + "\"}],\"metadata\":{\"cost\":\"about a nickel\"}}"));

        assertThat(provider.generate(WireFixtures.request(), JobContext.none()).cost()).isNull();
    }
}
