package io.draftboard.provider;

import static io.draftboard.provider.WireFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.JobOutcome;
import io.draftboard.generation.Provider;
import io.draftboard.http.HttpClients;
import io.draftboard.provider.bfl.BflProvider;
import io.draftboard.settings.ApiKey;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed job costs what history says it cost, and the session's spend agrees: a request the provider refused
 * outright was never accepted, so nothing is charged; one it accepted and then failed is charged at its price,
 * unless the provider documents that failure as free (BFL's moderated tasks).
 */
class FailureChargeTest {
    @TempDir
    Path dir;
    private MockWebServer server;
    private JournalledRun runs;

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

    private Provider bfl() {
        return new BflProvider(new ProviderEndpoint(HttpClients.create(), server.url("/"),
                () -> new ApiKey("bfl-test-key-0123456789abcdef"), Clock.systemUTC()), new PollSchedule(),
                (delay, ctx) -> ctx.checkCancelled(), Duration.ofSeconds(20));
    }

    private String accepted() {
        return "{\"id\":\"t1\",\"polling_url\":\"" + server.url("/v1/get_result?id=t1") + "\"}";
    }

    private static double cost(JournalledRun.Result run) {
        assertThat(run.outcome()).isInstanceOf(JobOutcome.Failed.class);
        return run.record().orElseThrow().cost().usd();
    }

    @Test
    void aRequestRefusedBeforeItWasAcceptedCostsNothingInHistoryOrTheSessionSpend() throws Exception {
        server.enqueue(json(422, "{\"detail\":[{\"loc\":[\"body\",\"width\"],\"msg\":\"width must be a multiple of 16\"}]}"));

        JournalledRun.Result run = runs.run(bfl(), WireFixtures.request());

        assertThat(((JobOutcome.Failed) run.outcome()).billed()).isFalse();
        assertThat(cost(run)).isZero();
        assertThat(runs.spentUsd()).as("the studio's spend line agrees with history").isZero();
    }

    @Test
    void aTaskAcceptedThenFailedIsChargedAtItsPriceInBoth() throws Exception {
        server.enqueue(json(200, accepted()));
        server.enqueue(json(200, "{\"id\":\"t1\",\"status\":\"Error\",\"details\":{\"error\":\"GPU fault\"}}"));

        JournalledRun.Result run = runs.run(bfl(), WireFixtures.request());

        double price = bfl().estimateCost(WireFixtures.request()).usd();
        assertThat(price).isPositive();
        assertThat(cost(run)).isEqualTo(price);
        assertThat(runs.spentUsd()).isEqualTo(price);
    }

    @Test
    void aModeratedTaskIsFreeInBoth() throws Exception {
        server.enqueue(json(200, accepted()));
        server.enqueue(json(200, "{\"id\":\"t1\",\"status\":\"Request Moderated\","
                + "\"details\":{\"Moderation Reasons\":[\"Derivative Works Filter\"]}}"));

        JournalledRun.Result run = runs.run(bfl(), WireFixtures.request());

        assertThat(cost(run)).isZero();
        assertThat(runs.spentUsd()).isZero();
    }
}
