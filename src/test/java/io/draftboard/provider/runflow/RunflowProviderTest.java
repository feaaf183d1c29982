package io.draftboard.provider.runflow;

import static io.draftboard.provider.WireFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobCancelledException;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.Resumption;
import io.draftboard.http.HttpClients;
import io.draftboard.json.Json;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.WireFixtures;
import io.draftboard.settings.ApiKey;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.RecordedRequest;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runflow's shapes as docs.runflow.io shows them ("Runs", "Errors", "Rate limits"), replayed. */
class RunflowProviderTest {
    private static final String TOKEN = "rf_live_secret_token_0123456789";
    private MockWebServer server;
    private RunflowProvider provider;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        provider = new RunflowProvider(new ProviderEndpoint(HttpClients.create(), server.url("/"), () -> new ApiKey(TOKEN),
                Clock.systemUTC()), WireFixtures.instantLoop());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String run(String status, String extra) {
        return "{\"id\":\"01J0ABC\",\"status_code\":\"" + status + "\",\"target_type\":\"model\",\"input\":{}"
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private String succeeded() {
        return run("succeeded", "\"output\":{\"images\":[{\"url\":\"" + server.url("/files/out.png?X-Amz-Signature=s")
                + "\",\"width\":512,\"height\":512,\"content_type\":\"image/png\"}],\"seed\":77},"
                + "\"cost\":\"0.05\",\"duration_ms\":4210");
    }

    @Test
    void aRunIsCreatedWithItsInputPolledThroughEveryStatusAndItsImageFetched() throws Exception {
        server.enqueue(json(201, run("queued", "")));
        server.enqueue(json(200, run("queued", "")));
        server.enqueue(json(200, run("dispatching", "")));
        server.enqueue(json(200, run("running", "")));
        server.enqueue(json(200, succeeded()));
        server.enqueue(WireFixtures.image());

        GenerationResult result = provider.generate(WireFixtures.request().withReferences(List.of(WireFixtures.REF)),
                JobContext.none());

        RecordedRequest create = server.takeRequest();
        assertThat(create.getMethod()).isEqualTo("POST");
        assertThat(create.getUrl().encodedPath()).isEqualTo("/v1/models/black-forest-labs/flux-2-flex/runs");
        assertThat(create.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(create.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode body = Json.MAPPER.readTree(create.getBody().utf8());
        assertThat(body.has("callback_url")).as("a desktop polls; it has no URL to be called at").isFalse();
        JsonNode input = body.get("input");
        assertThat(input.get("prompt").asText()).isEqualTo("a teal poster, \"OPEN\"");
        assertThat(input.get("image_size").get("width").asInt()).isEqualTo(512);
        assertThat(input.get("image_size").get("height").asInt()).isEqualTo(512);
        assertThat(input.get("num_inference_steps").asInt()).isEqualTo(6);
        assertThat(input.get("guidance_scale").asDouble()).isEqualTo(5.0);
        assertThat(input.get("seed").asLong()).isEqualTo(77);
        assertThat(input.get("output_format").asText()).isEqualTo("png");
        assertThat(input.get("image_urls").get(0).asText()).startsWith("data:image/png;base64,");
        for (int i = 0; i < 4; i++) {
            RecordedRequest poll = server.takeRequest();
            assertThat(poll.getMethod()).isEqualTo("GET");
            assertThat(poll.getUrl().encodedPath()).isEqualTo("/v1/runs/01J0ABC");
            assertThat(poll.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        }
        assertThat(server.takeRequest().getHeaders().get("Authorization")).as("presigned links need no token").isNull();
        assertThat(result.image()).isEqualTo(WireFixtures.PNG);
        assertThat(result.remoteId()).isEqualTo("01J0ABC");
        assertThat(result.cost().usd()).as("the cost Runflow reports").isEqualTo(0.05);
        assertThat(result.cost().estimated()).isFalse();
    }

    @Test
    void theOtherNormalisedOutputShapesAreRead() throws Exception {
        server.enqueue(json(201, run("succeeded", "\"output\":{\"outputs\":[{\"type\":\"image\",\"url\":\""
                + server.url("/a.png") + "\"}]}")));
        server.enqueue(WireFixtures.image());
        assertThat(provider.generate(WireFixtures.request(), JobContext.none()).image()).isEqualTo(WireFixtures.PNG);

        server.enqueue(json(201, run("queued", "")));
        server.enqueue(json(200, run("partial_succeeded", "\"output\":{\"image_urls\":[\"" + server.url("/b.png")
                + "\"]}")));
        server.enqueue(WireFixtures.image());
        assertThat(provider.generate(WireFixtures.request(), JobContext.none()).image()).isEqualTo(WireFixtures.PNG);
    }

    @Test
    void aFailedRunSaysWhyAndIsNotCreatedAgain() {
        server.enqueue(json(201, run("queued", "")));
        server.enqueue(json(200, run("failed", "\"failure_code\":\"PROVIDER_ERROR\",\"failure_stage_code\":\"execute\","
                + "\"failure_message\":\"upstream provider returned 500\"")));

        ProviderException e = WireFixtures.failure(provider, WireFixtures.request());

        assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(e.getMessage()).isEqualTo("Runflow failed run 01J0ABC: upstream provider returned 500 (PROVIDER_ERROR)");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aRunFailedByTheSafetyCheckerIsModerated() {
        server.enqueue(json(201, run("failed", "\"failure_code\":\"CONTENT_POLICY\",\"failure_message\":"
                + "\"NSFW content detected\"")));
        assertThat(WireFixtures.failure(provider, WireFixtures.request()).kind()).isEqualTo(FailureKind.MODERATED);
    }

    @Test
    void aRunCanceledOverThereEndsTheJobWithoutAResubmit() {
        server.enqueue(json(201, run("queued", "")));
        server.enqueue(json(200, run("canceled", "\"output\":null")));

        ProviderException e = WireFixtures.failure(provider, WireFixtures.request());

        assertThat(e.kind().retryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Runflow canceled run 01J0ABC");
    }

    @Test
    void runflowCannotCancelSoACancelledJobSendsNoCancelAndStopsLocally() throws Exception {
        assertThat(provider.info().capabilities().canCancel()).as("no public cancel endpoint").isFalse();
        server.enqueue(json(201, run("queued", "")));
        AtomicBoolean cancelled = new AtomicBoolean();
        JobContext ctx = new JobContext() {
            @Override
            public void progress(double fraction) {
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }

            @Override
            public void submitted(String remoteId, String pollingUrl) {
                cancelled.set(true); // the draft was superseded right after its run was created
            }

            @Override
            public void onCancel(Runnable action) {
                if (cancelled.get()) {
                    action.run();
                }
            }
        };
        assertThatThrownBy(() -> provider.generate(WireFixtures.request(), ctx))
                .isInstanceOf(JobCancelledException.class);
        assertThat(server.getRequestCount()).as("the create only: no cancel call exists to make").isEqualTo(1);
    }

    @Test
    void httpErrorsMapToKindsWithoutTheToken() {
        server.enqueue(json(401, "{\"code\":\"UNAUTHORIZED\",\"message\":\"Missing or invalid token.\",\"errors\":null}"));
        ProviderException auth = WireFixtures.failure(provider, WireFixtures.request());
        assertThat(auth.kind()).isEqualTo(FailureKind.AUTH);
        assertThat(auth.getMessage()).doesNotContain(TOKEN).contains("Missing or invalid token.");

        server.enqueue(json(402, "{\"code\":\"INSUFFICIENT_CREDIT\",\"message\":\"Account balance is too low.\"}"));
        assertThat(WireFixtures.failure(provider, WireFixtures.request()).kind()).isEqualTo(FailureKind.CREDITS);

        server.enqueue(json(422, "{\"code\":\"VALIDATION_ERROR\",\"message\":\"Invalid input\",\"errors\":"
                + "[{\"field\":\"input.num_inference_steps\",\"message\":\"must be at most 50\"}]}"));
        ProviderException invalid = WireFixtures.failure(provider, WireFixtures.request());
        assertThat(invalid.kind()).isEqualTo(FailureKind.INVALID_REQUEST);
        assertThat(invalid.getMessage()).contains("input.num_inference_steps: must be at most 50");

        server.enqueue(json(429, "{\"code\":\"RATE_LIMITED\",\"message\":\"Rate limit exceeded: 60/min\"}"));
        ProviderException limited = WireFixtures.failure(provider, WireFixtures.request());
        assertThat(limited.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(limited.retryAfter()).as("Runflow sends no Retry-After: the runner's backoff decides").isEmpty();

        server.enqueue(json(404, "{\"code\":\"MODEL_NOT_FOUND\",\"message\":\"No such model\"}"));
        assertThat(WireFixtures.failure(provider, WireFixtures.request()).kind()).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void noTokenIsRefusedBeforeAnythingIsSentAndWebpIsNotOffered() {
        RunflowProvider keyless = new RunflowProvider(new ProviderEndpoint(HttpClients.create(), server.url("/"),
                () -> null, Clock.systemUTC()), WireFixtures.instantLoop());
        ProviderException e = WireFixtures.failure(keyless, WireFixtures.request());
        assertThat(e.kind()).isEqualTo(FailureKind.AUTH);
        assertThat(e.getMessage()).contains("RUNFLOW_API_KEY");

        ProviderException webp = WireFixtures.failure(provider, webp());
        assertThat(webp.kind()).isEqualTo(FailureKind.INVALID_REQUEST);
        assertThat(server.getRequestCount()).isZero();
    }

    private static io.draftboard.generation.GenerationRequest webp() {
        var r = WireFixtures.request();
        return new io.draftboard.generation.GenerationRequest(r.prompt(), r.seed(), r.steps(), r.guidance(), r.width(),
                r.height(), r.references(), OutputFormat.WEBP, r.promptUpsampling(), r.safetyTolerance());
    }

    @Test
    void aRunFromBeforeARestartIsPolledAgainNotCreatedAgain() throws Exception {
        server.enqueue(json(200, succeeded()));
        server.enqueue(WireFixtures.image());

        GenerationResult r = provider.resume(WireFixtures.request(), new Resumption(3, "01J0ABC",
                server.url("/v1/runs/01J0ABC").toString()), JobContext.none());

        assertThat(r.image()).isEqualTo(WireFixtures.PNG);
        assertThat(server.takeRequest().getMethod()).isEqualTo("GET");
    }

    @Test
    void anUnknownStatusIsWaitedOutAndShown() throws Exception {
        server.enqueue(json(201, run("queued", "")));
        server.enqueue(json(200, run("warming_up", "")));
        server.enqueue(json(200, succeeded()));
        server.enqueue(WireFixtures.image());
        List<String> shown = new java.util.ArrayList<>();
        JobContext ctx = new JobContext() {
            @Override
            public void progress(double fraction) {
            }

            @Override
            public void status(String text) {
                shown.add(text);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void onCancel(Runnable action) {
            }
        };
        assertThat(provider.generate(WireFixtures.request(), ctx).image()).isEqualTo(WireFixtures.PNG);
        assertThat(shown).containsExactly("warming_up");
    }
}
