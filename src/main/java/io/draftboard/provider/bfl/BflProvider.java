package io.draftboard.provider.bfl;

import io.draftboard.generation.Cost;
import io.draftboard.generation.CreditBalance;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.FaultPoint;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobCancelledException;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.Provider;
import io.draftboard.generation.ProviderCapabilities;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.ProviderInfo;
import io.draftboard.generation.Resumption;
import io.draftboard.http.Endpoints;
import io.draftboard.imaging.ImageCodec;
import io.draftboard.imaging.ImageDecodeException;
import io.draftboard.imaging.ImageInfo;
import io.draftboard.provider.CancellableSleep;
import io.draftboard.provider.HttpStatus;
import io.draftboard.provider.ImageDownload;
import io.draftboard.provider.MegapixelPricing;
import io.draftboard.provider.PollLoop;
import io.draftboard.provider.PollSchedule;
import io.draftboard.provider.Preflight;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.settings.ApiKey;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * FLUX.2 [flex] on Black Forest Labs' own API: submit, poll the returned {@code polling_url}, download the
 * signed result at once (providers.md §1.13).
 *
 * <p>Once BFL has accepted a job it is paid for, so every failure after submit is reported as not
 * retryable: the runner's retry would submit, and pay, again. Polls ride out network blips and 5xx on
 * their own until the job's timeout. The key goes only to the configured host and to {@code polling_url}s
 * on that host or, for BFL's own hosts, anywhere under {@code bfl.ai}, always over HTTPS (loopback excepted).
 */
public final class BflProvider implements Provider {
    public static final String ID = "bfl";
    public static final String DEFAULT_BASE_URL = "https://api.bfl.ai/";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int NOT_FOUND_RETRIES = 5;
    private static final double CENTS_PER_MP = 5.0;

    private final OkHttpClient client;
    private final HttpUrl baseUrl;
    private final Supplier<ApiKey> key;
    private final PollSchedule schedule;
    private final CancellableSleep sleep;
    private final Clock clock;
    private final Duration timeout;
    private final ProviderInfo info = new ProviderInfo(ID, BflWire.PROVIDER, "flux-2-flex",
            new ProviderCapabilities(8, false, true, 256, 2048, 1, 24));

    public BflProvider(ProviderEndpoint endpoint, PollSchedule schedule, CancellableSleep sleep, Duration timeout) {
        this.client = endpoint.client();
        this.baseUrl = endpoint.baseUrl();
        this.key = endpoint.key();
        this.clock = endpoint.clock();
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.sleep = Objects.requireNonNull(sleep, "sleep");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public ProviderInfo info() {
        return info;
    }

    /** BFL's list price for flex: 5¢ per output MP and per input MP, each rounded up; BFL's echoed cost wins. */
    @Override
    public Cost estimateCost(GenerationRequest request) {
        return MegapixelPricing.estimate(request, CENTS_PER_MP / 100.0);
    }

    @Override
    public GenerationResult generate(GenerationRequest request, JobContext context) throws ProviderException {
        ApiKey apiKey = requireKey();
        Preflight.limits(info, request);
        AtomicReference<Call> current = new AtomicReference<>();
        context.onCancel(() -> {
            Call c = current.get();
            if (c != null) {
                c.cancel();
            }
        });

        BflWire.Submitted task = submit(request, apiKey, current, context);
        HttpUrl pollUrl = pollingUrl(task);
        context.submitted(task.id(), pollUrl.toString());
        Cost cost = task.costCredits() != null ? new Cost(task.costCredits() / 100.0, false) : null;
        try {
            return poll(request, task, pollUrl, apiKey, current, context, cost);
        } catch (ProviderException e) {
            throw PollLoop.noResubmit(e, BflWire.PROVIDER, task.id()); // paid for already
        }
    }

    /** Polls a task BFL accepted before Draftboard stopped; never submits it again. */
    @Override
    public GenerationResult resume(GenerationRequest request, Resumption from, JobContext context)
            throws ProviderException {
        ApiKey apiKey = requireKey();
        AtomicReference<Call> current = new AtomicReference<>();
        context.onCancel(() -> {
            Call c = current.get();
            if (c != null) {
                c.cancel();
            }
        });
        BflWire.Submitted task = new BflWire.Submitted(from.remoteId(), from.pollingUrl(), null);
        try {
            return poll(request, task, pollingUrl(task), apiKey, current, context, null);
        } catch (ProviderException e) {
            throw PollLoop.noResubmit(e, BflWire.PROVIDER, task.id());
        }
    }

    /** BFL's {@code GET /v1/credits}: the balance in credits, 1 credit = $0.01. */
    @Override
    public Optional<CreditBalance> credits() {
        return Optional.of(() -> {
            double credits = balance();
            return new CreditBalance.Balance(credits, credits / 100.0);
        });
    }

    private double balance() throws ProviderException {
        ApiKey apiKey = requireKey();
        Request request = new Request.Builder().url(baseUrl.resolve(BflWire.CREDITS_PATH))
                .header(BflWire.KEY_HEADER, apiKey.reveal()).header("Accept", "application/json").get().build();
        try (Response response = client.newCall(request).execute()) {
            String body = response.body().string();
            if (response.code() != 200) {
                throw BflWire.failure(response.code(), body, response.header("Retry-After"), clock);
            }
            return BflWire.credits(body);
        } catch (IOException e) {
            throw HttpStatus.network(BflWire.PROVIDER, e);
        }
    }

    private ApiKey requireKey() throws ProviderException {
        return Preflight.key(key, "No Black Forest Labs API key: set BFL_API_KEY or add the key in Settings");
    }

    private BflWire.Submitted submit(GenerationRequest r, ApiKey apiKey, AtomicReference<Call> current,
            JobContext context) throws ProviderException {
        Request request = new Request.Builder().url(baseUrl.resolve(BflWire.SUBMIT_PATH))
                .header(BflWire.KEY_HEADER, apiKey.reveal())
                .header("Accept", "application/json")
                .post(RequestBody.create(BflWire.submitBody(r), JSON)).build();
        Call call = client.newCall(request);
        current.set(call);
        context.checkCancelled();
        try (Response response = call.execute()) {
            String body = response.body().string();
            if (response.code() != 200) {
                throw BflWire.failure(response.code(), body, response.header("Retry-After"), clock);
            }
            return BflWire.submitted(body);
        } catch (IOException e) {
            if (context.isCancelled()) {
                throw new JobCancelledException();
            }
            throw HttpStatus.network(BflWire.PROVIDER, e);
        }
    }

    /** The polling URL BFL returned, if the key may go there; with {@code ?id=} added when missing. */
    private HttpUrl pollingUrl(BflWire.Submitted task) throws ProviderException {
        HttpUrl url = HttpUrl.parse(task.pollingUrl());
        if (url == null) {
            throw new ProviderException(FailureKind.PERMANENT, BflWire.PROVIDER + " sent a polling_url that is not a URL");
        }
        boolean sameHost = url.host().equalsIgnoreCase(baseUrl.host());
        boolean bflHost = isBflHost(baseUrl.host()) && isBflHost(url.host());
        if (!Endpoints.isSecure(url) || !(sameHost || bflHost)) {
            throw new ProviderException(FailureKind.PERMANENT, "Refusing to send the API key to " + url.scheme() + "://"
                    + url.host() + ": polling_url is not an https " + baseUrl.host() + " or bfl.ai address");
        }
        return url.queryParameter("id") == null ? url.newBuilder().addQueryParameter("id", task.id()).build() : url;
    }

    private static boolean isBflHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("bfl.ai") || h.endsWith(".bfl.ai");
    }

    private GenerationResult poll(GenerationRequest r, BflWire.Submitted task, HttpUrl pollUrl, ApiKey apiKey,
            AtomicReference<Call> current, JobContext context, Cost cost) throws ProviderException {
        String kind = PollSchedule.kindOf(r.steps(), r.width(), r.height());
        Instant submittedAt = clock.instant();
        int notFound = 0;
        int networkErrors = 0;
        boolean refreshedUrl = false;
        Duration gap = Duration.ZERO;
        while (true) {
            Duration elapsed = Duration.between(submittedAt, clock.instant());
            if (elapsed.compareTo(timeout) > 0) {
                throw new ProviderException(FailureKind.PERMANENT, BflWire.PROVIDER + " did not finish task " + task.id()
                        + " within " + timeout.toMinutes() + " minutes");
            }
            gap = schedule.nextDelay(kind, elapsed);
            sleep.sleep(gap, context);
            Call call = client.newCall(new Request.Builder().url(pollUrl).header(BflWire.KEY_HEADER, apiKey.reveal())
                    .header("Accept", "application/json").get().build());
            current.set(call);
            BflWire.Poll answer;
            try (Response response = call.execute()) {
                int code = response.code();
                String body = response.body().string();
                if (code == 401 || code == 402 || code == 403 || code == 429 || code >= 500) {
                    ProviderException e = BflWire.failure(code, body, response.header("Retry-After"), clock);
                    if (!e.kind().retryable()) {
                        throw e;
                    }
                    networkErrors++;
                    continue; // the task is still running at BFL: keep polling until the timeout
                }
                answer = BflWire.poll(code, body);
                networkErrors = 0;
            } catch (IOException e) {
                if (context.isCancelled()) {
                    throw new JobCancelledException();
                }
                networkErrors++;
                if (networkErrors % 10 == 0) {
                    sleep.sleep(Duration.ofSeconds(2), context);
                }
                continue;
            }
            if (answer instanceof BflWire.Poll.Pending p) {
                if (p.progress() != null) {
                    context.progress(p.progress());
                }
                FaultPoint.reach("polling");
            } else if (answer instanceof BflWire.Poll.NotFound) {
                if (++notFound > NOT_FOUND_RETRIES) {
                    throw new ProviderException(FailureKind.PERMANENT, BflWire.PROVIDER + " no longer knows task "
                            + task.id() + " (Task not found)");
                }
            } else if (answer instanceof BflWire.Poll.Moderated m) {
                throw new ProviderException(FailureKind.MODERATED, m.input()
                        ? "Black Forest Labs refused the prompt or reference images (Request Moderated)" + reasons(m)
                        : "Black Forest Labs withheld the image (Content Moderated); a new seed may pass" + reasons(m));
            } else if (answer instanceof BflWire.Poll.Failed f) {
                throw new ProviderException(FailureKind.PERMANENT, BflWire.PROVIDER + " failed the job"
                        + (f.details() == null ? "" : ": " + f.details()));
            } else if (answer instanceof BflWire.Poll.Ready ready) {
                schedule.completed(kind, Duration.between(submittedAt, clock.instant()), gap);
                HttpUrl sample = HttpUrl.parse(ready.sampleUrl());
                if (sample == null) {
                    throw new ProviderException(FailureKind.PERMANENT, BflWire.PROVIDER + " sent an image link that is not a URL");
                }
                try {
                    byte[] image = ImageDownload.fetch(client, sample, ImageDownload.DEFAULT_MAX_BYTES,
                            BflWire.PROVIDER, context);
                    return result(r, task, ready, image, cost);
                } catch (ImageDownload.DownloadException e) {
                    if (e.expired() && !refreshedUrl) {
                        refreshedUrl = true; // a re-poll may return a freshly signed link
                        continue;
                    }
                    throw e.asFailure();
                }
            }
        }
    }

    private GenerationResult result(GenerationRequest r, BflWire.Submitted task, BflWire.Poll.Ready ready, byte[] image,
            Cost cost) throws ProviderException {
        ImageInfo decoded;
        try {
            decoded = ImageCodec.probe(image);
        } catch (ImageDecodeException e) {
            throw new ProviderException(FailureKind.PERMANENT, BflWire.PROVIDER + "'s image is unreadable: " + e.getMessage());
        }
        String revised = r.promptUpsampling() && ready.prompt() != null && !ready.prompt().equals(r.prompt())
                ? ready.prompt() : null;
        return new GenerationResult(image, decoded.mediaType(), ready.seed() != null ? ready.seed() : r.seed(),
                decoded.width(), decoded.height(), task.id(), revised, cost);
    }

    private static String reasons(BflWire.Poll.Moderated m) {
        return m.reasons().isEmpty() ? "" : ": " + String.join(", ", m.reasons());
    }
}
