package io.draftboard.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.JobOutcome;
import io.draftboard.generation.Provider;
import io.draftboard.generation.RetryPolicy;
import io.draftboard.history.GenerationStatus;
import io.draftboard.history.JournalEntry;
import io.draftboard.http.HttpClients;
import io.draftboard.provider.bfl.BflProvider;
import io.draftboard.provider.cloudflare.CloudflareProvider;
import io.draftboard.provider.fal.FalProvider;
import io.draftboard.provider.openai.OpenAiCompatibleProvider;
import io.draftboard.provider.replicate.ReplicateProvider;
import io.draftboard.settings.ApiKey;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 12 §1, for every remote provider: a submit that reached the provider whole and got no answer is tried
 * exactly once, journalled as unknown and reported plainly; one that never left (a refused connection) is
 * retried as before.
 */
class UnansweredSubmitTest {
    @TempDir
    Path dir;
    private MockWebServer server;
    private JournalledRun runs;

    enum Remote {
        BFL("Black Forest Labs", (client, base) -> new BflProvider(endpoint(client, base), new PollSchedule(),
                (d, c) -> c.checkCancelled(), Duration.ofSeconds(10))),
        REPLICATE("Replicate", (client, base) -> new ReplicateProvider(endpoint(client, base), WireFixtures.instantLoop())),
        FAL("fal", (client, base) -> new FalProvider(endpoint(client, base), WireFixtures.instantLoop())),
        CLOUDFLARE("Cloudflare", (client, base) -> new CloudflareProvider(endpoint(client, base), () -> "0123456789abcdef")),
        OPENAI("OpenAI-compatible gateway", (client, base) -> new OpenAiCompatibleProvider(endpoint(client, base),
                new io.draftboard.provider.openai.Gateway("openai", "OpenAI-compatible gateway",
                        "OpenAI-compatible gateway", "flux.2-flex", "set a key"), WireFixtures.instantLoop())),
        RUNFLOW("Runflow", (client, base) -> new io.draftboard.provider.runflow.RunflowProvider(endpoint(client, base),
                WireFixtures.instantLoop()));

        final String name;
        final BiFunction<OkHttpClient, HttpUrl, Provider> make;

        Remote(String name, BiFunction<OkHttpClient, HttpUrl, Provider> make) {
            this.name = name;
            this.make = make;
        }

        private static ProviderEndpoint endpoint(OkHttpClient client, HttpUrl base) {
            return new ProviderEndpoint(client, base, () -> new ApiKey("test-key-0123456789abcdef"), Clock.systemUTC());
        }
    }

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

    private static GenerationRequest request() {
        return GenerationRequest.of("a teal poster, \"OPEN\"", 77, 6, 512, 512);
    }

    /** Replicate looks for the prediction the create may have made: here, its list has none. */
    private void lookupFindsNothing(Remote remote) {
        if (remote == Remote.REPLICATE) {
            server.enqueue(WireFixtures.json(200, "{\"next\":null,\"previous\":null,\"results\":[]}"));
        }
    }

    private List<RecordedRequest> posts() throws InterruptedException {
        List<RecordedRequest> posts = new ArrayList<>();
        for (RecordedRequest r; (r = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null; ) {
            if (r.getMethod().equals("POST")) {
                posts.add(r);
            }
        }
        return posts;
    }

    private static String unknown(Remote remote, String how) {
        return "Draftboard sent the request to " + remote.name + " but the answer never came (" + how + "), so "
                + remote.name + " may have rendered the image and billed it. It was not sent again; check your "
                + remote.name + " account before trying again."
                + (remote == Remote.REPLICATE
                        ? " Draftboard looked for it among your recent Replicate predictions and did not find it." : "");
    }

    @ParameterizedTest
    @EnumSource(Remote.class)
    void aSubmitWhoseConnectionClosesAfterTheRequestIsSentOnceAndJournalledUnknown(Remote remote) throws Exception {
        server.enqueue(WireFixtures.closeAfterRequest());
        lookupFindsNothing(remote);
        for (int i = 0; i < 4; i++) {
            server.enqueue(WireFixtures.json(500, "{}")); // what a resend would hear
        }
        Provider provider = remote.make.apply(HttpClients.create(), server.url("/"));

        JournalledRun.Result run = runs.run(provider, request());

        assertThat(posts()).as("the billing call went out once").hasSize(1);
        assertThat(run.attempts()).isEqualTo(1);
        JobOutcome.Failed failed = (JobOutcome.Failed) run.outcome();
        assertThat(failed.kind()).isEqualTo(FailureKind.OUTCOME_UNKNOWN);
        assertThat(failed.kind().title()).isEqualTo("Outcome unknown");
        assertThat(failed.kind().exitCode()).isEqualTo(5);
        assertThat(failed.message()).isEqualTo(unknown(remote, "the connection closed"));
        assertThat(run.journal().state()).isEqualTo(JournalEntry.State.UNKNOWN);
        assertThat(run.journal().note()).isEqualTo(failed.message());
        assertThat(run.record()).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(GenerationStatus.FAILED);
            assertThat(r.errorKind()).isEqualTo(FailureKind.OUTCOME_UNKNOWN);
            assertThat(r.cost()).as("it may have been billed").isEqualTo(provider.estimateCost(request()));
        });
        assertThat(runs.spentUsd()).isEqualTo(provider.estimateCost(request()).usd());
    }

    @ParameterizedTest
    @EnumSource(Remote.class)
    void aSubmitWhoseAnswerNeverComesIsSentOnceAndJournalledUnknown(Remote remote) throws Exception {
        server.enqueue(WireFixtures.neverAnswer());
        lookupFindsNothing(remote);
        Provider provider = remote.make.apply(WireFixtures.impatientClient(), server.url("/"));

        JournalledRun.Result run = runs.run(provider, request());

        assertThat(posts()).hasSize(1);
        assertThat(run.attempts()).isEqualTo(1);
        assertThat(((JobOutcome.Failed) run.outcome()).message()).isEqualTo(unknown(remote, "timed out"));
        assertThat(run.journal().state()).isEqualTo(JournalEntry.State.UNKNOWN);
    }

    @ParameterizedTest
    @EnumSource(Remote.class)
    void aRefusedConnectionNeverLeftAndIsRetried(Remote remote) throws Exception {
        Provider provider = remote.make.apply(HttpClients.create(), WireFixtures.refusingUrl());

        JournalledRun.Result run = runs.run(provider, request());

        assertThat(run.attempts()).isEqualTo(RetryPolicy.DEFAULT.maxAttempts());
        JobOutcome.Failed failed = (JobOutcome.Failed) run.outcome();
        assertThat(failed.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failed.message()).isEqualTo(remote.name + " refused the connection");
        assertThat(run.journal().state()).isEqualTo(JournalEntry.State.FAILED);
    }
}
