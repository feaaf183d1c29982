package io.draftboard.provider.runflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.generation.Cost;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobCancelledException;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.Provider;
import io.draftboard.generation.ProviderCapabilities;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.ProviderInfo;
import io.draftboard.generation.Resumption;
import io.draftboard.json.Json;
import io.draftboard.provider.Calls;
import io.draftboard.provider.MegapixelPricing;
import io.draftboard.provider.PollLoop;
import io.draftboard.provider.PollSchedule;
import io.draftboard.provider.Preflight;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.SyncImageAnswer;
import io.draftboard.settings.ApiKey;
import java.time.Clock;
import java.util.EnumSet;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * FLUX.2 [flex] on Runflow (docs.runflow.io, "Runs"): {@code POST /v1/models/{model}/runs} with a Bearer token
 * creates a run ({@code status_code: queued}); {@code GET /v1/runs/{id}} is polled on the shared {@link PollLoop}
 * until it has succeeded, failed or been canceled; the image is fetched from the normalised output's presigned
 * link. Runflow's field names live in {@link RunflowWire} alone.
 *
 * <p>No cancel: Runflow has no public one ("Cancel a run" documents only an admin endpoint, which does not stop
 * the inference nor its billing), so a superseded draft runs to its end and is paid for, as on BFL. The create
 * bills: it is sent at most once, and a run it made is polled again after a restart, never created again.
 */
public final class RunflowProvider implements Provider {
    public static final String ID = "runflow";
    public static final String DEFAULT_BASE_URL = "https://api.runflow.io/";
    /** The model's provider/slug path, as runflow.io/models/black-forest-labs/flux-2-flex names it. */
    public static final String MODEL = "black-forest-labs/flux-2-flex";
    /** $0.05 per megapixel of input and of output, each rounded up (the flex model page). */
    private static final double USD_PER_MP = 0.05;
    private static final MediaType JSON = MediaType.get("application/json");

    private final Supplier<OkHttpClient> client;
    private final HttpUrl baseUrl;
    private final Supplier<ApiKey> key;
    private final Clock clock;
    private final PollLoop loop;
    // Steps from 2 and no WebP: its flex fields are fal's, and so (unconfirmed) may its limits be.
    private final ProviderInfo info = new ProviderInfo(ID, RunflowWire.NAME, MODEL, new ProviderCapabilities(10,
            false, true, 256, 2048, 2, 4, EnumSet.of(OutputFormat.PNG, OutputFormat.JPEG)));

    public RunflowProvider(ProviderEndpoint endpoint, PollLoop loop) {
        this.client = endpoint::client;
        this.baseUrl = endpoint.baseUrl();
        this.key = endpoint.key();
        this.clock = endpoint.clock();
        this.loop = loop;
    }

    @Override
    public ProviderInfo info() {
        return info;
    }

    @Override
    public Cost estimateCost(GenerationRequest r) {
        return MegapixelPricing.estimate(r, USD_PER_MP);
    }

    @Override
    public GenerationResult generate(GenerationRequest r, JobContext context) throws ProviderException {
        ApiKey token = token();
        Preflight.limits(info, r);
        Calls calls = new Calls(client.get(), RunflowWire.NAME, context);
        Calls.Answer created = calls.send(authed(token, new Request.Builder().url(baseUrl.resolve("v1/models/" + MODEL
                + "/runs"))).post(RequestBody.create(Json.write(RunflowWire.body(r)), JSON)).build());
        if (!created.ok()) {
            throw RunflowWire.failure(created.code(), created.body(), created.retryAfter(), clock);
        }
        JsonNode run = Json.parseOrNull(created.body());
        String id = run == null ? null : run.path("id").asText(null);
        if (id == null || id.isBlank()) {
            throw new ProviderException(FailureKind.PERMANENT, "Runflow accepted the run but named no id; it was not "
                    + "sent again");
        }
        HttpUrl get = runUrl(id);
        context.submitted(id, get.toString());
        return poll(r, token, id, get, RunflowWire.DONE.contains(RunflowWire.status(run)) ? run : null, calls, context);
    }

    /** Polls a run Runflow accepted before Draftboard stopped; never creates it again. */
    @Override
    public GenerationResult resume(GenerationRequest r, Resumption from, JobContext context) throws ProviderException {
        ApiKey token = token();
        HttpUrl get = from.pollingUrl() != null ? Preflight.sameHost(from.pollingUrl(), baseUrl, "API key")
                : runUrl(from.remoteId());
        return poll(r, token, from.remoteId(), get, null, new Calls(client.get(), RunflowWire.NAME, context), context);
    }

    private GenerationResult poll(GenerationRequest r, ApiKey token, String id, HttpUrl get, JsonNode done,
            Calls calls, JobContext context) throws ProviderException {
        try {
            PollLoop.Session session = loop.start(PollSchedule.kindOf(r.steps(), r.width(), r.height()),
                    "Runflow run " + id, context);
            JsonNode last = done != null ? done : session.until(() -> {
                Calls.Answer a = calls.send(authed(token, new Request.Builder().url(get)).get().build());
                if (!a.ok()) {
                    ProviderException e = RunflowWire.failure(a.code(), a.body(), a.retryAfter(), clock);
                    if (e.kind().retryable()) {
                        return null; // the run goes on over there: ask again
                    }
                    throw e;
                }
                JsonNode run = Json.parseOrNull(a.body());
                String status = run == null ? "" : RunflowWire.status(run);
                if (RunflowWire.DONE.contains(status)) {
                    return run;
                }
                if (!RunflowWire.PENDING.contains(status)) {
                    session.unknownStatus(run == null ? "not JSON" : status);
                }
                return null;
            });
            return result(r, id, last, context);
        } catch (ProviderException e) {
            throw PollLoop.noResubmit(e, RunflowWire.NAME, id);
        }
    }

    private GenerationResult result(GenerationRequest r, String id, JsonNode run, JobContext context)
            throws ProviderException {
        String status = RunflowWire.status(run);
        if (status.equals("canceled") || status.equals("cancelled")) {
            if (context.isCancelled()) {
                throw new JobCancelledException();
            }
            throw new ProviderException(FailureKind.PERMANENT, "Runflow canceled run " + id);
        }
        if (status.equals("failed")) {
            throw RunflowWire.failed(id, run);
        }
        JsonNode output = run.path("output");
        String url = RunflowWire.imageUrl(output);
        if (url == null) {
            throw new ProviderException(FailureKind.PERMANENT, "Runflow's run " + id + " " + status
                    + " without an image in its output");
        }
        return SyncImageAnswer.fromUrl(client.get(), url, r, RunflowWire.NAME, new SyncImageAnswer.Details(id,
                RunflowWire.seed(output), null, RunflowWire.cost(run)), context);
    }

    private HttpUrl runUrl(String id) throws ProviderException {
        HttpUrl u = baseUrl.resolve("v1/runs/" + id);
        if (u == null || !u.encodedPath().endsWith("/v1/runs/" + id)) {
            throw new ProviderException(FailureKind.PERMANENT, "Runflow named a run id that is no URL path");
        }
        return u;
    }

    private ApiKey token() throws ProviderException {
        return Preflight.key(key, "No Runflow API key: set RUNFLOW_API_KEY or add it in Settings");
    }

    private static Request.Builder authed(ApiKey token, Request.Builder b) {
        return b.header("Authorization", "Bearer " + token.reveal()).header("Accept", "application/json");
    }
}
