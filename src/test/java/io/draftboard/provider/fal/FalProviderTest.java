package io.draftboard.provider.fal;

import static io.draftboard.provider.WireFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import io.draftboard.http.HttpClients;
import io.draftboard.json.Json;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.WireFixtures;
import io.draftboard.settings.ApiKey;
import java.time.Clock;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FalProviderTest {
    private static final String KEY = "fal-key-abcdef:0123456789";
    private MockWebServer server;
    private FalProvider provider;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        provider = new FalProvider(new ProviderEndpoint(HttpClients.create(), server.url("/"), () -> new ApiKey(KEY),
                Clock.systemUTC()), WireFixtures.instantLoop());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String submitted() {
        String base = server.url("/fal-ai/flux-2-flex/requests/r1").toString();
        return "{\"request_id\":\"r1\",\"response_url\":\"" + base + "\",\"status_url\":\"" + base
                + "/status\",\"cancel_url\":\"" + base + "/cancel\",\"queue_position\":0}";
    }

    @Test
    void referencesGoToTheEditEndpointAndTheResultIsFetchedFromResponseUrl() throws Exception {
        server.enqueue(json(200, submitted()));
        server.enqueue(json(202, "{\"status\":\"IN_QUEUE\",\"queue_position\":1}"));
        server.enqueue(json(200, "{\"status\":\"COMPLETED\",\"metrics\":{\"inference_time\":7.3}}"));
        server.enqueue(json(200, "{\"images\":[{\"url\":\"" + server.url("/files/abc.png") + "\",\"content_type\":\"image/png\"}],\"seed\":77}"));
        server.enqueue(WireFixtures.image());

        GenerationResult result = provider.generate(WireFixtures.request().withReferences(List.of(WireFixtures.REF)),
                JobContext.none());

        RecordedRequest submit = server.takeRequest();
        assertThat(submit.getUrl().encodedPath()).isEqualTo("/fal-ai/flux-2-flex/edit");
        assertThat(submit.getHeaders().get("Authorization")).isEqualTo("Key " + KEY);
        JsonNode body = Json.MAPPER.readTree(submit.getBody().utf8());
        assertThat(body.get("num_inference_steps").asInt()).isEqualTo(6);
        assertThat(body.get("guidance_scale").asDouble()).isEqualTo(5.0);
        assertThat(body.get("image_size").get("width").asInt()).isEqualTo(512);
        assertThat(body.get("safety_tolerance").isTextual()).isTrue();
        assertThat(body.get("safety_tolerance").asText()).isEqualTo("2");
        assertThat(body.get("image_urls").get(0).asText()).startsWith("data:image/png;base64,");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/fal-ai/flux-2-flex/requests/r1/status");
        server.takeRequest();
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/fal-ai/flux-2-flex/requests/r1");
        assertThat(result.image()).isEqualTo(WireFixtures.PNG);
        assertThat(result.seed()).isEqualTo(77);
    }

    @Test
    void textToImageUsesTheBaseModelPath() throws Exception {
        server.enqueue(json(200, submitted()));
        server.enqueue(json(200, "{\"status\":\"COMPLETED\"}"));
        server.enqueue(json(200, "{\"images\":[{\"url\":\"" + server.url("/files/abc.png") + "\"}]}"));
        server.enqueue(WireFixtures.image());
        provider.generate(WireFixtures.request(), JobContext.none());
        RecordedRequest submit = server.takeRequest();
        assertThat(submit.getUrl().encodedPath()).isEqualTo("/fal-ai/flux-2-flex");
        assertThat(Json.MAPPER.readTree(submit.getBody().utf8()).has("image_urls")).isFalse();
    }

    @Test
    void aFailureSeenOnlyAtTheResultIsReportedAndNotResubmitted() {
        server.enqueue(json(200, submitted()));
        server.enqueue(json(200, "{\"status\":\"COMPLETED\"}"));
        server.enqueue(json(500, "{\"detail\":\"Internal error\",\"error_type\":\"internal_error\"}"));
        ProviderException e = WireFixtures.failure(provider, WireFixtures.request());
        assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(e.getMessage()).contains("not resubmitted");
    }

    @Test
    void exhaustedBalanceAndContentPolicyAreRecognised() {
        server.enqueue(json(403, "{\"detail\":\"User is locked. Reason: Exhausted balance. Top up your balance at fal.ai/dashboard/billing.\"}"));
        assertThat(WireFixtures.failure(provider, WireFixtures.request()).kind()).isEqualTo(FailureKind.CREDITS);
        server.enqueue(json(422, "{\"detail\":[{\"loc\":[\"body\",\"prompt\"],\"msg\":\"flagged\",\"type\":\"content_policy_violation\"}]}"));
        assertThat(WireFixtures.failure(provider, WireFixtures.request()).kind()).isEqualTo(FailureKind.MODERATED);
        server.enqueue(json(422, "{\"detail\":[{\"loc\":[\"body\",\"num_inference_steps\"],\"msg\":\"ensure this value is greater than or equal to 2\",\"type\":\"value_error\"}]}"));
        ProviderException invalid = WireFixtures.failure(provider, WireFixtures.request());
        assertThat(invalid.kind()).isEqualTo(FailureKind.INVALID_REQUEST);
        assertThat(invalid.getMessage()).contains("num_inference_steps: ensure this value");
    }

    @Test
    void oneStepIsRefusedLocallyBecauseFalNeedsTwo() {
        ProviderException e = WireFixtures.failure(provider, WireFixtures.request().withSteps(1));
        assertThat(e.getMessage()).isEqualTo("fal needs at least 2 steps (got 1)");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void webpIsRefusedBeforeSendingBecauseFalHasNone() throws Exception {
        io.draftboard.generation.GenerationRequest r = WireFixtures.request();
        io.draftboard.generation.GenerationRequest webp = new io.draftboard.generation.GenerationRequest(r.prompt(),
                r.seed(), r.steps(), r.guidance(), r.width(), r.height(), r.references(),
                io.draftboard.generation.OutputFormat.WEBP, r.promptUpsampling(), r.safetyTolerance());

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> provider.info().capabilities()
                .check(provider.info().displayName(), webp)))
                .as("the studio and the CLI check before they submit")
                .isInstanceOf(io.draftboard.generation.InvalidRequestException.class)
                .hasMessage("fal cannot return WebP images; choose PNG or JPEG");
        ProviderException e = WireFixtures.failure(provider, webp);
        assertThat(e.kind()).isEqualTo(FailureKind.INVALID_REQUEST);
        assertThat(e.getMessage()).isEqualTo("fal cannot return WebP images; choose PNG or JPEG");
        assertThat(server.getRequestCount()).isZero();

        server.enqueue(json(200, submitted()));
        server.enqueue(json(200, "{\"status\":\"COMPLETED\"}"));
        server.enqueue(json(200, "{\"images\":[{\"url\":\"" + server.url("/files/out.jpg") + "\"}]}"));
        server.enqueue(WireFixtures.image());
        provider.generate(new io.draftboard.generation.GenerationRequest(r.prompt(), r.seed(), r.steps(), r.guidance(),
                r.width(), r.height(), r.references(), io.draftboard.generation.OutputFormat.JPEG, false, 2),
                JobContext.none());
        assertThat(Json.MAPPER.readTree(server.takeRequest().getBody().utf8()).get("output_format").asText())
                .isEqualTo("jpeg");
    }
}
