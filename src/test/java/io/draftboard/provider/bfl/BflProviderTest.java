package io.draftboard.provider.bfl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobCancelledException;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.Reference;
import io.draftboard.http.HttpClients;
import io.draftboard.imaging.ContentHash;
import io.draftboard.imaging.PngWriter;
import io.draftboard.json.Json;
import io.draftboard.provider.PollSchedule;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.settings.ApiKey;
import java.awt.image.BufferedImage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BflProviderTest {
    static final String KEY = "bfl_test_6f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private MockWebServer server;
    private BflProvider provider;
    private final List<String> messages = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        provider = new BflProvider(new ProviderEndpoint(HttpClients.create(), server.url("/"), () -> new ApiKey(KEY),
                Clock.systemUTC()), new PollSchedule(), (delay, ctx) -> ctx.checkCancelled(), Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        server.close();
        for (String m : messages) {
            assertThat(m).doesNotContain(KEY);
        }
    }

    static final byte[] PNG = PngWriter.encode(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), List.of());

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    private MockResponse submitted(String id) {
        return json(200, "{\"id\":\"" + id + "\",\"polling_url\":\"" + server.url("/v1/get_result?id=" + id)
                + "\",\"cost\":10.0,\"input_mp\":0.0,\"output_mp\":1.05}");
    }

    private MockResponse ready(String id, long seed) {
        return json(200, "{\"id\":\"" + id + "\",\"status\":\"Ready\",\"result\":{\"sample\":\"" + server.url("/results/"
                + id + "/sample.png?se=2026-11-24T10%3A00%3A00Z&sig=abc") + "\",\"prompt\":\"a red balloon\",\"seed\":"
                + seed + ",\"duration\":1.2},\"progress\":null,\"details\":null,\"preview\":null}");
    }

    private static MockResponse image() {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "image/png").body(new Buffer().write(PNG)).build();
    }

    private static GenerationRequest request() {
        return GenerationRequest.of("a red balloon", 42, 6, 1024, 1024);
    }

    private ProviderException failure(GenerationRequest r) {
        try {
            provider.generate(r, JobContext.none());
        } catch (ProviderException e) {
            messages.add(e.getMessage());
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void aJobIsSubmittedPolledAndDownloadedAsTheApiDocuments() throws Exception {
        byte[] ref = PngWriter.encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), List.of());
        Reference reference = new Reference(ContentHash.sha256(ref), "image/png", 8, 8, ref);
        server.enqueue(submitted("task-1"));
        server.enqueue(json(200, "{\"id\":\"task-1\",\"status\":\"Pending\",\"result\":null,\"progress\":0.4}"));
        server.enqueue(ready("task-1", 1752478609715L));
        server.enqueue(image());
        List<Double> progress = new ArrayList<>();
        List<String> submittedIds = new ArrayList<>();
        JobContext ctx = new JobContext() {
            @Override
            public void progress(double fraction) {
                progress.add(fraction);
            }

            @Override
            public void submitted(String remoteId, String pollingUrl) {
                submittedIds.add(remoteId);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void onCancel(Runnable action) {
            }
        };

        GenerationResult result = provider.generate(request().withReferences(List.of(reference, reference)), ctx);

        RecordedRequest submit = server.takeRequest();
        assertThat(submit.getMethod()).isEqualTo("POST");
        assertThat(submit.getUrl().encodedPath()).isEqualTo("/v1/flux-2-flex");
        assertThat(submit.getHeaders().get("x-key")).isEqualTo(KEY);
        assertThat(submit.getHeaders().get("Authorization")).isNull();
        assertThat(submit.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode body = Json.MAPPER.readTree(submit.getBody().utf8());
        assertThat(body.get("prompt").asText()).isEqualTo("a red balloon");
        assertThat(body.get("seed").asLong()).isEqualTo(42);
        assertThat(body.get("steps").asInt()).isEqualTo(6);
        assertThat(body.get("guidance").asDouble()).isEqualTo(5.0);
        assertThat(body.get("width").asInt()).isEqualTo(1024);
        assertThat(body.get("height").asInt()).isEqualTo(1024);
        assertThat(body.get("prompt_upsampling").asBoolean()).isFalse();
        assertThat(body.get("safety_tolerance").asInt()).isEqualTo(2);
        assertThat(body.get("output_format").asText()).isEqualTo("png");
        assertThat(body.get("input_image").asText()).isEqualTo(Base64.getEncoder().encodeToString(ref));
        assertThat(body.get("input_image_2").asText()).doesNotStartWith("data:");
        assertThat(body.has("input_image_3")).isFalse();
        assertThat(body.has("webhook_url")).isFalse();

        RecordedRequest poll = server.takeRequest();
        assertThat(poll.getMethod()).isEqualTo("GET");
        assertThat(poll.getUrl().queryParameter("id")).isEqualTo("task-1");
        assertThat(poll.getHeaders().get("x-key")).isEqualTo(KEY);
        server.takeRequest();
        RecordedRequest download = server.takeRequest();
        assertThat(download.getUrl().encodedPath()).isEqualTo("/results/task-1/sample.png");
        assertThat(download.getHeaders().get("x-key")).as("the signed link needs no key").isNull();

        assertThat(result.image()).isEqualTo(PNG);
        assertThat(result.seed()).isEqualTo(1752478609715L);
        assertThat(result.width()).isEqualTo(64);
        assertThat(result.remoteId()).isEqualTo("task-1");
        assertThat(result.cost().usd()).isEqualTo(0.10);
        assertThat(result.cost().estimated()).isFalse();
        assertThat(result.revisedPrompt()).isNull();
        assertThat(progress).containsExactly(0.4);
        assertThat(submittedIds).containsExactly("task-1");
    }

    @Test
    void unknownStatusesArePendingAndAPollingUrlWithoutAnIdGetsOne() throws Exception {
        server.enqueue(json(200, "{\"id\":\"t2\",\"polling_url\":\"" + server.url("/v1/get_result") + "\"}"));
        server.enqueue(json(200, "{\"id\":\"t2\",\"status\":\"Reasoning\"}"));
        server.enqueue(json(200, "{\"id\":\"t2\",\"status\":\"Generating\",\"progress\":0.9}"));
        server.enqueue(ready("t2", 7));
        server.enqueue(image());

        GenerationResult result = provider.generate(request(), JobContext.none());

        server.takeRequest();
        assertThat(server.takeRequest().getUrl().queryParameter("id")).isEqualTo("t2");
        assertThat(result.seed()).isEqualTo(7);
        assertThat(result.cost()).as("no cost echoed: the estimate is used instead").isNull();
    }

    @Test
    void moderationAndErrorsAreTerminalWithTheirReasons() {
        server.enqueue(submitted("m1"));
        server.enqueue(json(200, "{\"id\":\"m1\",\"status\":\"Request Moderated\",\"details\":{\"Moderation Reasons\":[\"Derivative Works Filter\"]}}"));
        ProviderException input = failure(request());
        assertThat(input.kind()).isEqualTo(FailureKind.MODERATED);
        assertThat(input.getMessage()).contains("Request Moderated").contains("Derivative Works Filter");

        server.enqueue(submitted("m2"));
        server.enqueue(json(200, "{\"id\":\"m2\",\"status\":\"Content Moderated\"}"));
        assertThat(failure(request()).getMessage()).contains("Content Moderated").contains("new seed");

        server.enqueue(submitted("e1"));
        server.enqueue(json(422, "{\"status\":\"Error\",\"details\":{\"error\":\"Invalid or corrupted image input\"}}"));
        ProviderException error = failure(request());
        assertThat(error.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(error.getMessage()).contains("Invalid or corrupted image input");

        // BFL's own examples put the reason in a top-level "error" string
        server.enqueue(submitted("e2"));
        server.enqueue(json(200, "{\"id\":\"e2\",\"status\":\"Error\",\"error\":\"Generation failed: GPU out of memory\","
                + "\"details\":null,\"result\":null}"));
        assertThat(failure(request()).getMessage())
                .isEqualTo("Black Forest Labs failed the job: Generation failed: GPU out of memory");

        server.enqueue(submitted("e3"));
        server.enqueue(json(400, "{\"error\":\"Invalid task id\"}"));
        assertThat(failure(request()).getMessage()).contains("answered a poll with HTTP 400: Invalid task id");
    }

    @Test
    void aModeratedTaskIsNotChargedToTheSessionNorRecordedAsSpent(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        try (io.draftboard.provider.JournalledRun runs = new io.draftboard.provider.JournalledRun(dir)) {
            server.enqueue(submitted("m1")); // BFL echoes a cost of 10 credits on submit
            server.enqueue(json(200, "{\"id\":\"m1\",\"status\":\"Request Moderated\",\"details\":{\"Moderation Reasons\":[\"x\"]}}"));
            io.draftboard.provider.JournalledRun.Result moderated = runs.run(provider, request());

            assertThat(((io.draftboard.generation.JobOutcome.Failed) moderated.outcome()).kind()).isEqualTo(FailureKind.MODERATED);
            assertThat(runs.spentUsd()).as("BFL does not charge moderated tasks").isZero();
            assertThat(moderated.record()).hasValueSatisfying(r -> assertThat(r.cost().usd()).isZero());

            server.enqueue(submitted("e1"));
            server.enqueue(json(200, "{\"id\":\"e1\",\"status\":\"Error\",\"details\":null}"));
            runs.run(provider, request());
            assertThat(runs.spentUsd()).as("whether a failed task is billed is not documented: it still counts")
                    .isEqualTo(provider.estimateCost(request()).usd());
        }
    }

    @Test
    void taskNotFoundIsRetriedAFewTimesThenFails() {
        server.enqueue(submitted("gone"));
        for (int i = 0; i < 6; i++) {
            server.enqueue(json(404, "{\"id\":\"gone\",\"status\":\"Task not found\",\"result\":null}"));
        }
        ProviderException e = failure(request());
        assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(e.getMessage()).contains("no longer knows task gone");
        assertThat(server.getRequestCount()).isEqualTo(7);
    }

    @Test
    void aTaskNotFoundThatRecoversStillDelivers() throws Exception {
        server.enqueue(submitted("late"));
        server.enqueue(json(404, "{\"status\":\"Task not found\"}"));
        server.enqueue(ready("late", 1));
        server.enqueue(image());
        assertThat(provider.generate(request(), JobContext.none()).image()).isEqualTo(PNG);
    }

    @Test
    void submitErrorsMapToTheFailureKinds() {
        record Case(int code, String body, String retryAfter, FailureKind kind, String says) {
        }
        List<Case> cases = List.of(
                new Case(401, "{\"detail\":\"Not authenticated\"}", null, FailureKind.AUTH, "rejected the API key"),
                new Case(403, "{\"detail\":\"Not authenticated\"}", null, FailureKind.AUTH, "Not authenticated"),
                new Case(402, "{\"detail\":\"Insufficient credits\"}", null, FailureKind.CREDITS, "dashboard.bfl.ai"),
                new Case(422, "{\"detail\":\"Invalid API key format\"}", null, FailureKind.AUTH, "Invalid API key format"),
                new Case(422, "{\"detail\":[{\"type\":\"less_than_equal\",\"loc\":[\"body\",\"steps\"],\"msg\":\"Input should be less than or equal to 50\",\"input\":60}]}",
                        null, FailureKind.INVALID_REQUEST, "steps: Input should be less than or equal to 50"),
                new Case(429, "{\"error\":\"rate_limit_exceeded\"}", "5", FailureKind.RATE_LIMITED, "rate limiting"),
                new Case(429, "{\"error\":\"rate_limit_exceeded\",\"message\":\"Too many active tasks\",\"retry_after\":5}",
                        "5", FailureKind.RATE_LIMITED, "Too many active tasks (rate_limit_exceeded)"),
                new Case(400, "{\"error\":\"Invalid input image: unsupported format\"}", null, FailureKind.INVALID_REQUEST,
                        "refused the request (HTTP 400): Invalid input image: unsupported format"),
                new Case(500, "{\"detail\":null,\"error\":\"Queue unavailable\"}", null, FailureKind.TRANSIENT,
                        "(HTTP 500): Queue unavailable"),
                new Case(500, "{\"error\":{\"message\":\"Worker crashed\"}}", null, FailureKind.TRANSIENT,
                        "(HTTP 500): Worker crashed"),
                new Case(500, "Internal Server Error", null, FailureKind.TRANSIENT, "HTTP 500"),
                new Case(503, "", null, FailureKind.TRANSIENT, "HTTP 503"),
                new Case(503, "{\"detail\":\"Overloaded\"}", "5", FailureKind.TRANSIENT, "(HTTP 503): Overloaded"),
                new Case(200, "<html>gateway</html>", null, FailureKind.PERMANENT, "not JSON"),
                new Case(200, "{\"id\":\"x\"}", null, FailureKind.PERMANENT, "no polling_url"));
        for (Case c : cases) {
            MockResponse.Builder b = new MockResponse.Builder().code(c.code()).body(c.body());
            if (c.retryAfter() != null) {
                b.setHeader("Retry-After", c.retryAfter());
            }
            server.enqueue(b.build());
            ProviderException e = failure(request());
            assertThat(e.kind()).as(c.code() + " " + c.body()).isEqualTo(c.kind());
            assertThat(e.getMessage()).as(c.code() + " " + c.body()).contains(c.says());
            if (c.retryAfter() != null) {
                assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
            }
        }
        assertThat(server.getRequestCount()).isEqualTo(cases.size()); // one submit each, nothing more
    }

    @Test
    void pollFailuresAfterSubmitAreRiddenOutAndNeverResubmit() throws Exception {
        server.enqueue(submitted("p1"));
        server.enqueue(json(503, "{\"detail\":\"busy\"}"));
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1").build());
        server.enqueue(ready("p1", 3));
        server.enqueue(image());

        assertThat(provider.generate(request(), JobContext.none()).seed()).isEqualTo(3);
        assertThat(server.takeRequest().getMethod()).isEqualTo("POST");
        for (int i = 0; i < 4; i++) {
            assertThat(server.takeRequest().getMethod()).isEqualTo("GET");
        }
    }

    @Test
    void theKeyIsNeverSentToAForeignPollingHost() {
        server.enqueue(json(200, "{\"id\":\"x\",\"polling_url\":\"https://evil.example.com/v1/get_result?id=x\"}"));
        ProviderException e = failure(request());
        assertThat(e.getMessage()).contains("Refusing to send the API key to https://evil.example.com");
        assertThat(server.getRequestCount()).isEqualTo(1);

        server.enqueue(json(200, "{\"id\":\"y\",\"polling_url\":\"http://api.us1.bfl.ai/v1/get_result?id=y\"}"));
        assertThat(failure(request()).getMessage()).contains("Refusing to send the API key");
    }

    @Test
    void anExpiredResultLinkIsRefreshedOnceByPollingAgain() throws Exception {
        server.enqueue(submitted("exp"));
        server.enqueue(ready("exp", 1));
        server.enqueue(new MockResponse.Builder().code(403).body("<Error>AuthenticationFailed: Signed expiry time has passed</Error>").build());
        server.enqueue(ready("exp", 1));
        server.enqueue(image());

        assertThat(provider.generate(request(), JobContext.none()).image()).isEqualTo(PNG);
        assertThat(server.getRequestCount()).isEqualTo(5);
    }

    @Test
    void anHtmlPageInsteadOfTheImageIsAFailureNotAStoredImage() {
        server.enqueue(submitted("h"));
        server.enqueue(ready("h", 1));
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html").body("<html>oops</html>").build());
        ProviderException e = failure(request());
        assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(e.getMessage()).isEqualTo("Black Forest Labs sent an HTML page instead of an image");
    }

    @Test
    void noKeyMeansAnAuthFailureBeforeAnythingIsSent() {
        BflProvider keyless = new BflProvider(new ProviderEndpoint(HttpClients.create(), server.url("/"), () -> null,
                Clock.systemUTC()), new PollSchedule(), (d, c) -> { }, Duration.ofSeconds(5));
        assertThatThrownBy(() -> keyless.generate(request(), JobContext.none()))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.AUTH))
                .hasMessage("No Black Forest Labs API key: set BFL_API_KEY or add the key in Settings");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void sizesBflDoesNotTakeAreRefusedLocally() {
        ProviderException e = failure(GenerationRequest.of("x", 1, 6, 128, 128));
        assertThat(e.kind()).isEqualTo(FailureKind.INVALID_REQUEST);
        assertThat(e.getMessage()).isEqualTo("Black Forest Labs takes width between 256 and 2048 (got 128)");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void cancellingWhilePollingStopsPromptly() throws Exception {
        server.enqueue(submitted("c"));
        for (int i = 0; i < 50; i++) {
            server.enqueue(json(200, "{\"status\":\"Pending\",\"progress\":0.1}"));
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        JobContext ctx = new JobContext() {
            int polls;

            @Override
            public void progress(double fraction) {
                if (++polls == 3) {
                    cancelled.set(true);
                }
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }

            @Override
            public void onCancel(Runnable action) {
            }
        };
        assertThatThrownBy(() -> provider.generate(request(), ctx)).isInstanceOf(JobCancelledException.class);
        assertThat(server.getRequestCount()).isLessThanOrEqualTo(5);
    }

    /** A clock that moves only when the provider waits: polling time without real time. */
    private static final class WaitClock extends Clock {
        private java.time.Instant now = java.time.Instant.parse("2026-12-02T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    @Test
    void theSharedScheduleLearnsHowLongBflTasksTake() throws Exception {
        WaitClock clock = new WaitClock();
        PollSchedule schedule = new PollSchedule();
        List<Duration> waits = new ArrayList<>();
        BflProvider timed = new BflProvider(new ProviderEndpoint(HttpClients.create(), server.url("/"), () -> new ApiKey(KEY),
                clock), schedule, (delay, ctx) -> {
                    waits.add(delay);
                    clock.advance(delay);
                }, Duration.ofMinutes(5));
        server.enqueue(submitted("learn"));
        server.enqueue(json(200, "{\"status\":\"Pending\",\"progress\":0.5}"));
        server.enqueue(ready("learn", 7));
        server.enqueue(image());

        timed.generate(request(), JobContext.none());

        // Nothing learned: 0.5 s apart; the task was seen ready after 1 s, finished about 0.75 s in.
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
        assertThat(schedule.expected(PollSchedule.kindOf(6, 1024, 1024))).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void aTaskThatNeverFinishesFailsAtTheTimeoutAndIsNotResubmitted() throws Exception {
        WaitClock clock = new WaitClock();
        BflProvider timed = new BflProvider(new ProviderEndpoint(HttpClients.create(), server.url("/"), () -> new ApiKey(KEY),
                clock), new PollSchedule(), (delay, ctx) -> clock.advance(delay.multipliedBy(20)), Duration.ofMinutes(1));
        server.enqueue(submitted("slow"));
        for (int i = 0; i < 20; i++) {
            server.enqueue(json(200, "{\"status\":\"Pending\"}"));
        }

        BflProvider before = provider;
        provider = timed;
        ProviderException e = failure(request());
        provider = before;

        assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(e.getMessage()).isEqualTo("Black Forest Labs task slow did not finish within 1 minutes");
        assertThat(server.getRequestCount()).isBetween(2, 21);
        assertThat(server.takeRequest().getMethod()).isEqualTo("POST");
        for (int i = 1; i < server.getRequestCount(); i++) {
            assertThat(server.takeRequest().getMethod()).isEqualTo("GET"); // one submit, never another
        }
    }

    @Test
    void creditsAreRead() throws Exception {
        server.enqueue(json(200, "{\"credits\":1234.5}"));
        assertThat(provider.credits()).get().satisfies(c -> assertThat(c.fetch())
                .isEqualTo(new io.draftboard.generation.CreditBalance.Balance(1234.5, 12.345)));
        RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/credits");
        assertThat(r.getHeaders().get("x-key")).isEqualTo(KEY);
    }

    @Test
    void theEstimateFollowsBflsPerMegapixelPrice() {
        assertThat(provider.estimateCost(GenerationRequest.of("x", 1, 6, 1024, 1024)).usd()).isEqualTo(0.05);
        assertThat(provider.estimateCost(GenerationRequest.of("x", 1, 50, 1024, 1024)).usd()).isEqualTo(0.05);
        assertThat(provider.estimateCost(GenerationRequest.of("x", 1, 6, 1920, 1088)).usd()).isEqualTo(0.10);
        byte[] ref = new byte[] {1};
        Reference r = new Reference("h", "image/png", 1024, 1024, ref);
        assertThat(provider.estimateCost(GenerationRequest.of("x", 1, 6, 1024, 1024).withReferences(List.of(r))).usd())
                .isEqualTo(0.10);
        assertThat(provider.estimateCost(GenerationRequest.of("x", 1, 6, 1024, 1024)).estimated()).isTrue();
    }
}
