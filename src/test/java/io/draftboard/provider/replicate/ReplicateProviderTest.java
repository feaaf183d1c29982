package io.draftboard.provider.replicate;

import static io.draftboard.provider.WireFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobCancelledException;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.RenderDurations;
import io.draftboard.generation.RenderKind;
import io.draftboard.http.HttpClients;
import io.draftboard.json.Json;
import io.draftboard.provider.PollLoop;
import io.draftboard.provider.PollSchedule;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.WarpClock;
import io.draftboard.provider.WireFixtures;
import io.draftboard.settings.ApiKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplicateProviderTest {
    private static final String TOKEN = "r8_secret_token_value_1234567890";
    private MockWebServer server;
    private ReplicateProvider provider;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        provider = new ReplicateProvider(new ProviderEndpoint(HttpClients.create(), server.url("/"), () -> new ApiKey(TOKEN),
                Clock.systemUTC()), WireFixtures.instantLoop());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String prediction(String status, String output) {
        return "{\"id\":\"p1\",\"status\":\"" + status + "\",\"output\":" + output + ",\"error\":null,\"urls\":{\"get\":\""
                + server.url("/v1/predictions/p1") + "\",\"cancel\":\"" + server.url("/v1/predictions/p1/cancel") + "\"}}";
    }

    @Test
    void aPredictionIsCreatedWithTheDocumentedInputPolledAndDownloaded() throws Exception {
        server.enqueue(json(201, prediction("starting", "null")));
        server.enqueue(json(200, prediction("processing", "null")));
        server.enqueue(json(200, prediction("succeeded", "\"" + server.url("/delivery/out.png") + "\"")));
        server.enqueue(WireFixtures.image());

        GenerationResult result = provider.generate(WireFixtures.request().withReferences(List.of(WireFixtures.REF)),
                JobContext.none());

        RecordedRequest create = server.takeRequest();
        assertThat(create.getMethod()).isEqualTo("POST");
        assertThat(create.getUrl().encodedPath()).isEqualTo("/v1/models/black-forest-labs/flux-2-flex/predictions");
        assertThat(create.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(create.getHeaders().get("Prefer")).isEqualTo("wait=30");
        JsonNode input = Json.MAPPER.readTree(create.getBody().utf8()).get("input");
        assertThat(input.get("aspect_ratio").asText()).isEqualTo("custom");
        assertThat(input.get("width").asInt()).isEqualTo(512);
        assertThat(input.get("steps").asInt()).isEqualTo(6);
        assertThat(input.get("guidance").asDouble()).isEqualTo(5.0);
        assertThat(input.get("seed").asLong()).isEqualTo(77);
        assertThat(input.get("prompt_upsampling").asBoolean()).isFalse();
        assertThat(input.get("output_format").asText()).isEqualTo("png");
        assertThat(input.get("input_images").get(0).asText()).startsWith("data:image/png;base64,");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/predictions/p1");
        server.takeRequest();
        assertThat(server.takeRequest().getHeaders().get("Authorization")).as("delivery links need no token").isNull();
        assertThat(result.image()).isEqualTo(WireFixtures.PNG);
        assertThat(result.remoteId()).isEqualTo("p1");
    }

    @Test
    void aFinishedPredictionFromPreferWaitNeedsNoPolling() throws Exception {
        server.enqueue(json(201, prediction("succeeded", "[\"" + server.url("/delivery/out.png") + "\"]")));
        server.enqueue(WireFixtures.image());
        assertThat(provider.generate(WireFixtures.request(), JobContext.none()).image()).isEqualTo(WireFixtures.PNG);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void failedPredictionsAndHttpErrorsMapToKinds() {
        server.enqueue(json(201, prediction("failed", "null").replace("\"error\":null", "\"error\":\"NSFW content detected\"")));
        ProviderException nsfw = WireFixtures.failure(provider, WireFixtures.request());
        assertThat(nsfw.kind()).isEqualTo(FailureKind.MODERATED);

        server.enqueue(json(402, "{\"title\":\"Insufficient credit\",\"detail\":\"You have insufficient credit\",\"status\":402}"));
        assertThat(WireFixtures.failure(provider, WireFixtures.request()).kind()).isEqualTo(FailureKind.CREDITS);

        server.enqueue(json(401, "{\"title\":\"Unauthenticated\",\"detail\":\"You did not pass a valid authentication token\"}"));
        ProviderException auth = WireFixtures.failure(provider, WireFixtures.request());
        assertThat(auth.kind()).isEqualTo(FailureKind.AUTH);
        assertThat(auth.getMessage()).doesNotContain(TOKEN);

        server.enqueue(new mockwebserver3.MockResponse.Builder().code(429).setHeader("Retry-After", "1")
                .body("{\"detail\":\"Request was throttled. Expected available in 1 second.\"}").build());
        ProviderException throttled = WireFixtures.failure(provider, WireFixtures.request());
        assertThat(throttled.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(throttled.retryAfter()).isPresent();
    }

    @Test
    void cancellingCallsUrlsCancel() throws Exception {
        server.enqueue(json(201, prediction("starting", "null")));
        for (int i = 0; i < 20; i++) {
            server.enqueue(json(200, prediction("processing", "null")));
        }
        server.enqueue(json(200, "{}"));
        AtomicBoolean cancelled = new AtomicBoolean();
        List<Runnable> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();
        JobContext ctx = new JobContext() {
            int polls;

            @Override
            public void progress(double fraction) {
            }

            @Override
            public void submitted(String remoteId, String pollingUrl) {
            }

            @Override
            public boolean isCancelled() {
                if (++polls == 4 && cancelled.compareAndSet(false, true)) {
                    hooks.forEach(Runnable::run);
                }
                return cancelled.get();
            }

            @Override
            public void onCancel(Runnable action) {
                hooks.add(action);
            }
        };
        assertThatThrownBy(() -> provider.generate(WireFixtures.request(), ctx)).isInstanceOf(JobCancelledException.class);
        RecordedRequest cancel = null;
        for (int i = 0; i < 25 && cancel == null; i++) {
            RecordedRequest r = server.takeRequest(2, TimeUnit.SECONDS);
            if (r != null && r.getUrl().encodedPath().endsWith("/cancel")) {
                cancel = r;
            }
        }
        assertThat(cancel).isNotNull();
        assertThat(cancel.getMethod()).isEqualTo("POST");
    }

    @Test
    void theCreateWaitsWellBelowItsReadTimeout() throws Exception {
        java.util.Map<String, Integer> readMillis = new java.util.concurrent.ConcurrentHashMap<>();
        okhttp3.OkHttpClient client = HttpClients.create().newBuilder().addInterceptor(chain -> {
            readMillis.put(chain.request().method(), chain.readTimeoutMillis());
            return chain.proceed(chain.request());
        }).build();
        provider = new ReplicateProvider(new ProviderEndpoint(client, server.url("/"), () -> new ApiKey(TOKEN),
                Clock.systemUTC()), WireFixtures.instantLoop());
        server.enqueue(json(201, prediction("succeeded", "\"" + server.url("/delivery/out.png") + "\"")));
        server.enqueue(WireFixtures.image());

        provider.generate(WireFixtures.request(), JobContext.none());

        int wait = Integer.parseInt(server.takeRequest().getHeaders().get("Prefer").replace("wait=", ""));
        assertThat(readMillis.get("POST")).isEqualTo(60_000).isGreaterThanOrEqualTo(2 * wait * 1000);
    }

    /** A prediction as GET /v1/predictions lists it. */
    private String listed(String id, String createdAt, long seed, boolean withInput) {
        return "{\"id\":\"" + id + "\",\"model\":\"black-forest-labs/flux-2-flex\",\"status\":\"processing\","
                + "\"created_at\":\"" + createdAt + "\",\"source\":\"api\","
                + (withInput ? "\"input\":{\"prompt\":\"a teal poster, \\\"OPEN\\\"\",\"seed\":" + seed
                        + ",\"width\":512,\"height\":512,\"steps\":6,\"guidance\":5.0},"
                        : "")
                + "\"urls\":{\"get\":\"" + server.url("/v1/predictions/" + id) + "\",\"cancel\":\""
                + server.url("/v1/predictions/" + id + "/cancel") + "\"}}";
    }

    private static String now(long secondsFromNow) {
        return java.time.Instant.now().plusSeconds(secondsFromNow).toString();
    }

    private static final class Submitted implements JobContext {
        final List<String> ids = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void progress(double fraction) {
        }

        @Override
        public void submitted(String remoteId, String pollingUrl) {
            ids.add(remoteId);
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void onCancel(Runnable action) {
        }
    }

    @Test
    void aCreateWithoutAnAnswerIsFoundAmongRecentPredictionsByItsInputAndPolled() throws Exception {
        server.enqueue(WireFixtures.closeAfterRequest());
        server.enqueue(json(200, "{\"next\":null,\"previous\":null,\"results\":[" + listed("other", now(1), 78, true)
                + "," + listed("ours", now(0), 77, true) + "]}"));
        server.enqueue(json(200, prediction("succeeded", "\"" + server.url("/delivery/out.png") + "\"")
                .replace("\"p1\"", "\"ours\"")));
        server.enqueue(WireFixtures.image());
        Submitted context = new Submitted();

        GenerationResult result = provider.generate(WireFixtures.request(), context);

        assertThat(result.image()).isEqualTo(WireFixtures.PNG);
        assertThat(context.ids).containsExactly("ours");
        assertThat(server.takeRequest().getMethod()).isEqualTo("POST");
        RecordedRequest list = server.takeRequest();
        assertThat(list.getMethod()).isEqualTo("GET");
        assertThat(list.getUrl().encodedPath()).isEqualTo("/v1/predictions");
        assertThat(list.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/predictions/ours");
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void aListWithoutInputsIsCheckedPredictionByPredictionAndPagedUntilOlderThanTheSend() throws Exception {
        server.enqueue(WireFixtures.closeAfterRequest());
        server.enqueue(json(200, "{\"next\":\"" + server.url("/v1/predictions?cursor=2") + "\",\"results\":["
                + listed("other", now(0), 0, false) + "]}"));
        server.enqueue(json(200, "{\"id\":\"other\",\"status\":\"succeeded\",\"input\":{\"prompt\":\"something else\","
                + "\"seed\":1,\"width\":512,\"height\":512,\"steps\":6}}"));
        server.enqueue(json(200, "{\"next\":\"" + server.url("/v1/predictions?cursor=3") + "\",\"results\":["
                + listed("old", "2020-01-01T00:00:00.123456Z", 77, true) + "]}"));

        ProviderException e = WireFixtures.failure(provider, WireFixtures.request());

        assertThat(e.kind()).isEqualTo(FailureKind.OUTCOME_UNKNOWN);
        assertThat(e.getMessage()).endsWith("Draftboard looked for it among your recent Replicate predictions and did "
                + "not find it.");
        server.takeRequest();
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/predictions");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/predictions/other");
        assertThat(server.takeRequest().getUrl().query()).isEqualTo("cursor=2");
        assertThat(server.getRequestCount()).as("an older prediction ends the search").isEqualTo(4);
    }

    @Test
    void aListThatCannotBeReadIsAskedAgainAFewTimesThenTheOutcomeStaysUnknown() throws Exception {
        server.enqueue(WireFixtures.closeAfterRequest());
        for (int i = 0; i < 4; i++) {
            server.enqueue(json(503, "{\"detail\":\"Service unavailable\"}"));
        }

        ProviderException e = WireFixtures.failure(provider, WireFixtures.request());

        assertThat(e.kind()).isEqualTo(FailureKind.OUTCOME_UNKNOWN);
        assertThat(e.getMessage()).endsWith("Draftboard could not look for it among your recent Replicate predictions "
                + "(Replicate had a server error (HTTP 503): Service unavailable).");
        int posts = 0;
        for (int i = 0; i < 5; i++) {
            posts += server.takeRequest().getMethod().equals("POST") ? 1 : 0;
        }
        assertThat(posts).isEqualTo(1);
        assertThat(server.getRequestCount()).isEqualTo(5);
    }

    @Test
    void aPredictionAcceptedBeforeARestartIsPolledNotCreatedAgain() throws Exception {
        server.enqueue(json(200, prediction("succeeded", "\"" + server.url("/delivery/out.png") + "\"")));
        server.enqueue(WireFixtures.image());

        GenerationResult result = provider.resume(WireFixtures.request(), new io.draftboard.generation.Resumption(3, "p1",
                server.url("/v1/predictions/p1").toString()), JobContext.none());

        assertThat(result.image()).isEqualTo(WireFixtures.PNG);
        assertThat(server.takeRequest().getMethod()).isEqualTo("GET");
    }

    @Test
    void theTokenNeverGoesToAnotherHost() {
        server.enqueue(json(201, "{\"id\":\"p1\",\"status\":\"starting\",\"urls\":{\"get\":\"https://evil.example/p1\"}}"));
        assertThat(WireFixtures.failure(provider, WireFixtures.request()).getMessage())
                .contains("Refusing to send the API token to evil.example");
    }

    @Test
    void aPredictionOutlastingPreferWaitIsPolledAsHistorySaysAndItsTimeCountsFromTheCreate() throws Exception {
        WarpClock clock = WarpClock.virtual();
        List<Duration> gaps = new ArrayList<>();
        List<RenderDurations.Workload> asked = new ArrayList<>();
        List<Duration> recorded = new ArrayList<>();
        RenderDurations history = new RenderDurations() {
            @Override
            public List<Duration> recent(Workload workload, int limit) {
                asked.add(workload);
                return Collections.nCopies(limit, Duration.ofSeconds(40)); // past predictions took ~40 s
            }

            @Override
            public void record(Workload workload, Duration took) {
                recorded.add(took);
            }
        };
        PollLoop loop = new PollLoop(new PollSchedule(), (d, c) -> {
            gaps.add(d);
            clock.sleep(d, c);
        }, clock, Duration.ofMinutes(10), history);
        ReplicateProvider replicate = new ReplicateProvider(new ProviderEndpoint(HttpClients.create(), server.url("/"),
                () -> new ApiKey(TOKEN), clock), loop);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                if (request.getMethod().equals("POST")) {
                    clock.advance(Duration.ofSeconds(30)); // Prefer: wait held the answer for 30 s
                    return json(201, prediction("processing", "null"));
                }
                if (path.equals("/v1/predictions/p1")) { // done 42 s after the create
                    return json(200, clock.instant().isBefore(Instant.parse("2026-12-03T00:00:42Z"))
                            ? prediction("processing", "null")
                            : prediction("succeeded", "\"" + server.url("/delivery/out.png") + "\""));
                }
                return WireFixtures.image();
            }
        });

        replicate.generate(WireFixtures.request(), draftContext());

        assertThat(asked).containsExactly(new RenderDurations.Workload(ReplicateProvider.ID, RenderKind.DRAFT, 6, 512,
                512));
        // planned from the create's send: at 30 s the job is near its expected 40 s, so polls are dense but few;
        // the fixed cadence would have polled every 0.5 s for the 12 s left (over 20 polls)
        assertThat(gaps).hasSizeLessThanOrEqualTo(8);
        // remembered from the send, so the next plan does not depend on how long the create held on
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0)).isBetween(Duration.ofSeconds(40), Duration.ofMillis(42_000 * 106 / 100));
    }

    private static JobContext draftContext() {
        return new JobContext() {
            @Override
            public void progress(double fraction) {
            }

            @Override
            public RenderKind kind() {
                return RenderKind.DRAFT;
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
}
