package io.draftboard.provider.bfl;

import io.draftboard.generation.Cost;
import io.draftboard.generation.CreditBalance;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.FaultPoint;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.Provider;
import io.draftboard.generation.ProviderCapabilities;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.ProviderInfo;
import io.draftboard.generation.RenderDurations;
import io.draftboard.generation.Resumption;
import io.draftboard.http.Endpoints;
import io.draftboard.provider.Calls;
import io.draftboard.provider.CancellableSleep;
import io.draftboard.provider.ImageDownload;
import io.draftboard.provider.MegapixelPricing;
import io.draftboard.provider.PollLoop;
import io.draftboard.provider.PollSchedule;
import io.draftboard.provider.Preflight;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.SyncImageAnswer;
import io.draftboard.settings.ApiKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * FLUX.2 [flex] on Black Forest Labs' own API: submit, poll the returned {@code polling_url}, download the
 * signed result at once (providers.md §1.13).
 *
 * <p>Once BFL has accepted a job it is paid for, so every failure after submit is reported as not
 * retryable: the runner's retry would submit, and pay, again. Polls ride out network blips and 5xx on
 * their own until the job's timeout. Calls, cancellation and the adaptive polling cadence are the shared
 * {@link Calls} and {@link PollLoop}; this class adds only what is BFL's own. The key goes only to the configured host and to {@code polling_url}s
 * on that host or, for BFL's own hosts, anywhere under {@code bfl.ai}, always over HTTPS (loopback excepted).
 */
public final class BflProvider implements Provider {
    public static final String ID = "bfl";
    public static final String DEFAULT_BASE_URL = "https://api.bfl.ai/";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int NOT_FOUND_RETRIES = 5;
    /** Every this many network failures in a row, a poll waits {@link #NETWORK_PAUSE} more. */
    private static final int NETWORK_FAILURES_BEFORE_PAUSE = 10;
    private static final Duration NETWORK_PAUSE = Duration.ofSeconds(2);
    private static final double CENTS_PER_MP = 5.0;

    private final Supplier<OkHttpClient> client;
    private final HttpUrl baseUrl;
    private final Supplier<ApiKey> key;
    private final PollLoop loop;
    private final Clock clock;
    private final ProviderInfo info = new ProviderInfo(ID, BflWire.PROVIDER, "flux-2-flex",
            new ProviderCapabilities(8, false, true, 256, 2048, 1, 24));

    /** BFL's own schedule: its render times teach nothing about other providers'. */
    public BflProvider(ProviderEndpoint endpoint, PollSchedule schedule, CancellableSleep sleep, Duration timeout) {
        this(endpoint, schedule, sleep, timeout, RenderDurations.NONE);
    }

    /** As above, each task's polls planned from BFL's past render times in {@code history} as well. */
    public BflProvider(ProviderEndpoint endpoint, PollSchedule schedule, CancellableSleep sleep, Duration timeout,
            RenderDurations history) {
        this.client = endpoint::client;
        this.baseUrl = endpoint.baseUrl();
        this.key = endpoint.key();
        this.clock = endpoint.clock();
        this.loop = new PollLoop(schedule, sleep, clock, timeout, history);
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
        Calls calls = new Calls(client.get(), BflWire.PROVIDER, context);
        BflWire.Submitted task = submit(request, apiKey, calls);
        HttpUrl pollUrl = pollingUrl(task);
        context.submitted(task.id(), pollUrl.toString());
        Cost cost = task.costCredits() != null ? new Cost(task.costCredits() / 100.0, false) : null;
        try {
            return poll(request, task, pollUrl, apiKey, calls, context, cost);
        } catch (ProviderException e) {
            throw PollLoop.noResubmit(e, BflWire.PROVIDER, task.id()); // paid for already
        }
    }

    /** Polls a task BFL accepted before Draftboard stopped; never submits it again. */
    @Override
    public GenerationResult resume(GenerationRequest request, Resumption from, JobContext context)
            throws ProviderException {
        ApiKey apiKey = requireKey();
        Calls calls = new Calls(client.get(), BflWire.PROVIDER, context);
        BflWire.Submitted task = new BflWire.Submitted(from.remoteId(), from.pollingUrl(), null);
        try {
            return poll(request, task, pollingUrl(task), apiKey, calls, context, null);
        } catch (ProviderException e) {
            throw PollLoop.noResubmit(e, BflWire.PROVIDER, task.id());
        }
    }

    /** BFL's help centre: moderated tasks (Request or Content Moderated) are not charged. */
    @Override
    public boolean billsFailure(FailureKind kind) {
        return kind != FailureKind.MODERATED;
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
        Request request = authed(requireKey(), baseUrl.resolve(BflWire.CREDITS_PATH)).get().build();
        Calls.Answer answer = new Calls(client.get(), BflWire.PROVIDER, JobContext.none()).send(request);
        if (answer.code() != 200) {
            throw BflWire.failure(answer.code(), answer.body(), answer.retryAfter(), clock);
        }
        return BflWire.credits(answer.body());
    }

    private ApiKey requireKey() throws ProviderException {
        return Preflight.key(key, "No Black Forest Labs API key: set BFL_API_KEY or add the key in Settings");
    }

    private static Request.Builder authed(ApiKey apiKey, HttpUrl url) {
        return new Request.Builder().url(url).header(BflWire.KEY_HEADER, apiKey.reveal())
                .header("Accept", "application/json");
    }

    private BflWire.Submitted submit(GenerationRequest r, ApiKey apiKey, Calls calls) throws ProviderException {
        Calls.Answer answer = calls.send(authed(apiKey, baseUrl.resolve(BflWire.SUBMIT_PATH))
                .post(RequestBody.create(BflWire.submitBody(r), JSON)).build());
        if (answer.code() != 200) {
            throw BflWire.failure(answer.code(), answer.body(), answer.retryAfter(), clock);
        }
        return BflWire.submitted(answer.body());
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

    /**
     * Polls until Ready, then downloads the signed result at once, without the key. An expired link is
     * re-polled once for a fresh one, within the same timeout.
     */
    private GenerationResult poll(GenerationRequest r, BflWire.Submitted task, HttpUrl pollUrl, ApiKey apiKey,
            Calls calls, JobContext context, Cost cost) throws ProviderException {
        try (PollLoop.Session session = loop.start(ID, r, BflWire.PROVIDER + " task " + task.id(), context)) {
            return pollAndFetch(r, task, pollUrl, apiKey, calls, context, cost, session);
        }
    }

    /** The download runs while the session writes the task's time to history; closing the session waits for it. */
    private GenerationResult pollAndFetch(GenerationRequest r, BflWire.Submitted task, HttpUrl pollUrl, ApiKey apiKey,
            Calls calls, JobContext context, Cost cost, PollLoop.Session session) throws ProviderException {
        TaskPoll step = new TaskPoll(task, authed(apiKey, pollUrl).get().build(), calls, session, context);
        boolean refreshedUrl = false;
        while (true) {
            BflWire.Poll.Ready ready = session.until(step);
            HttpUrl sample = HttpUrl.parse(ready.sampleUrl());
            if (sample == null) {
                throw new ProviderException(FailureKind.PERMANENT, BflWire.PROVIDER + " sent an image link that is not a URL");
            }
            try {
                byte[] image = ImageDownload.fetch(client.get(), sample, ImageDownload.maxBytesFor(r), BflWire.PROVIDER,
                        context);
                String revised = r.promptUpsampling() && ready.prompt() != null && !ready.prompt().equals(r.prompt())
                        ? ready.prompt() : null;
                return SyncImageAnswer.fromBytes(image, r, BflWire.PROVIDER,
                        new SyncImageAnswer.Details(task.id(), ready.seed(), revised, cost));
            } catch (ImageDownload.DownloadException e) {
                if (e.expired() && !refreshedUrl) {
                    refreshedUrl = true; // a re-poll may return a freshly signed link
                    continue;
                }
                throw e.asFailure();
            }
        }
    }

    /**
     * One {@code GET polling_url}: Ready ends the wait; Pending and unknown statuses continue it; network
     * blips, 5xx and 429 are ridden out (the task is still running at BFL) until the job's timeout.
     */
    private final class TaskPoll implements PollLoop.Step<BflWire.Poll.Ready> {
        private final BflWire.Submitted task;
        private final Request request;
        private final Calls calls;
        private final PollLoop.Session session;
        private final JobContext context;
        private int notFound;
        private int networkErrors;

        TaskPoll(BflWire.Submitted task, Request request, Calls calls, PollLoop.Session session, JobContext context) {
            this.task = task;
            this.request = request;
            this.calls = calls;
            this.session = session;
            this.context = context;
        }

        @Override
        public BflWire.Poll.Ready poll() throws ProviderException {
            Calls.Answer answer;
            try {
                answer = calls.send(request);
            } catch (ProviderException network) { // no answer came (a cancel is not one), or one too large to read
                if (!network.kind().retryable()) {
                    throw network;
                }
                if (++networkErrors % NETWORK_FAILURES_BEFORE_PAUSE == 0) {
                    session.pause(NETWORK_PAUSE);
                }
                return null;
            }
            int code = answer.code();
            if (code == 401 || code == 402 || code == 403 || code == 429 || code >= 500) {
                ProviderException e = BflWire.failure(code, answer.body(), answer.retryAfter(), clock);
                if (!e.kind().retryable()) {
                    throw e;
                }
                session.backOff(e.retryAfter().orElse(null)); // BFL asked for a pause: the plan waits for it
                networkErrors++;
                return null; // the task is still running at BFL: keep polling until the timeout
            }
            BflWire.Poll poll = BflWire.poll(code, answer.body());
            networkErrors = 0;
            if (poll instanceof BflWire.Poll.Pending p) {
                if (p.progress() != null) {
                    context.progress(p.progress());
                }
                if (!"Pending".equals(p.rawStatus())) {
                    session.unknownStatus(p.rawStatus());
                }
                FaultPoint.reach("polling");
            } else if (poll instanceof BflWire.Poll.NotFound) {
                if (++notFound > NOT_FOUND_RETRIES) {
                    throw new ProviderException(FailureKind.PERMANENT, BflWire.PROVIDER + " no longer knows task "
                            + task.id() + " (Task not found)");
                }
            } else if (poll instanceof BflWire.Poll.Moderated m) {
                throw new ProviderException(FailureKind.MODERATED, m.input()
                        ? "Black Forest Labs refused the prompt or reference images (Request Moderated)" + reasons(m)
                        : "Black Forest Labs withheld the image (Content Moderated); a new seed may pass" + reasons(m));
            } else if (poll instanceof BflWire.Poll.Failed f) {
                throw new ProviderException(FailureKind.PERMANENT, BflWire.PROVIDER + " failed the job"
                        + (f.details() == null ? "" : ": " + f.details()));
            } else if (poll instanceof BflWire.Poll.Ready ready) {
                return ready;
            }
            return null;
        }
    }

    private static String reasons(BflWire.Poll.Moderated m) {
        return m.reasons().isEmpty() ? "" : ": " + String.join(", ", m.reasons());
    }
}
