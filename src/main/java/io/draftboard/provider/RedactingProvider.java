package io.draftboard.provider;

import io.draftboard.generation.Cost;
import io.draftboard.generation.CreditBalance;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.Provider;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.ProviderInfo;
import io.draftboard.generation.Resumption;
import io.draftboard.generation.SetupCheck;
import io.draftboard.imaging.SecretBytes;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A provider whose every piece of text is scrubbed of the configured keys before Draftboard shows, logs,
 * journals or stores it: failure messages, the revised prompt, job ids and polling URLs, status lines, and any
 * copy of a key inside the image's own bytes. A gateway that echoes the request it was sent (headers
 * included) then leaks nothing. The {@link ProviderRegistry} wraps every provider in one.
 */
public final class RedactingProvider implements Provider {
    static final String MASK = "****";

    private final Provider inner;
    private final Supplier<List<String>> secrets;

    public RedactingProvider(Provider inner, Supplier<List<String>> secrets) {
        this.inner = inner;
        this.secrets = secrets;
    }

    /** The provider this one guards. */
    public Provider inner() {
        return inner;
    }

    @Override
    public ProviderInfo info() {
        return inner.info();
    }

    @Override
    public GenerationResult generate(GenerationRequest request, JobContext context) throws ProviderException {
        try {
            return clean(inner.generate(request, new Context(context)));
        } catch (ProviderException e) {
            throw e.redacted(this::redact);
        }
    }

    @Override
    public GenerationResult resume(GenerationRequest request, Resumption from, JobContext context)
            throws ProviderException {
        try {
            return clean(inner.resume(request, from, new Context(context)));
        } catch (ProviderException e) {
            throw e.redacted(this::redact);
        }
    }

    @Override
    public Cost estimateCost(GenerationRequest request) {
        return inner.estimateCost(request);
    }

    @Override
    public Optional<CreditBalance> credits() {
        return inner.credits().map(balance -> () -> {
            try {
                return balance.fetch();
            } catch (ProviderException e) {
                throw e.redacted(this::redact);
            }
        });
    }

    @Override
    public boolean billsFailure(FailureKind kind) {
        return inner.billsFailure(kind);
    }

    @Override
    public Optional<SetupCheck> setupCheck() {
        return inner.setupCheck().map(check -> () -> {
            try {
                SetupCheck.Report report = check.check();
                return new SetupCheck.Report(report.ready(), redact(report.sentence()));
            } catch (ProviderException e) {
                throw e.redacted(this::redact);
            }
        });
    }

    String redact(String text) {
        if (text == null) {
            return null;
        }
        for (String secret : secrets.get()) {
            if (!secret.isEmpty()) {
                text = text.replace(secret, MASK);
            }
        }
        return text;
    }

    private GenerationResult clean(GenerationResult r) {
        return new GenerationResult(SecretBytes.blankOut(r.image(), secrets.get()), r.mediaType(), r.seed(),
                r.width(), r.height(), redact(r.remoteId()), redact(r.revisedPrompt()), r.cost());
    }

    /** The job's context, with what the provider reports about the job scrubbed on its way in. */
    final class Context implements JobContext {
        private final JobContext job;

        Context(JobContext job) {
            this.job = job;
        }

        @Override
        public void progress(double fraction) {
            job.progress(fraction);
        }

        @Override
        public void submitted(String remoteId, String pollingUrl) {
            job.submitted(redact(remoteId), redact(pollingUrl));
        }

        @Override
        public void status(String text) {
            job.status(redact(text));
        }

        /** Step previews pass through (they were dropped here, so no provider's frames reached the studio). */
        @Override
        public void preview(byte[] image, int step, int of) {
            job.preview(SecretBytes.blankOut(image, secrets.get()), step, of);
        }

        @Override
        public void downloading(long bytes) {
            job.downloading(bytes);
        }

        @Override
        public io.draftboard.generation.RenderKind kind() {
            return job.kind(); // polling plans a job from past renders of its kind
        }

        @Override
        public boolean isCancelled() {
            return job.isCancelled();
        }

        @Override
        public void onCancel(Runnable action) {
            job.onCancel(action);
        }

        @Override
        public void checkCancelled() {
            job.checkCancelled();
        }
    }
}
