package io.draftboard.generation;

import java.util.Optional;

/**
 * A way to render a {@link GenerationRequest}: the embedded offline engine or a remote API. Implementations
 * are the only code that knows their wire format.
 *
 * <p>{@link #generate} blocks its (worker) thread until the image bytes are in hand: the {@code JobRunner}
 * owns threads, retries and timing, so a provider only submits, reports progress, honours cancellation
 * through its {@link JobContext} and classifies failures as {@link ProviderException}s.
 */
public interface Provider {

    ProviderInfo info();

    /**
     * Renders {@code request}. Throws {@link JobCancelledException} when cancelled through the context, and
     * {@link ProviderException} for every failure the provider reports.
     */
    GenerationResult generate(GenerationRequest request, JobContext context) throws ProviderException;

    /**
     * Picks up a job this provider accepted before Draftboard stopped, without submitting it again. Providers
     * that cannot say so fail, and the job is reported as lost with that reason.
     */
    default GenerationResult resume(GenerationRequest request, Resumption from, JobContext context)
            throws ProviderException {
        throw new ProviderException(FailureKind.PERMANENT, info().displayName()
                + " cannot pick up a job after a restart; it was not resubmitted");
    }

    /** The price of {@code request} before it fires, from the provider's pricing rule. */
    Cost estimateCost(GenerationRequest request);

    /**
     * Whether a job that failed this way is billed. True unless the provider documents otherwise (BFL: moderated
     * tasks are not charged), so the session's spend never under-counts; the studio gives back what it charged
     * for a job this says was free.
     */
    default boolean billsFailure(FailureKind kind) {
        return true;
    }

    /** How to ask the account's balance, for providers whose API has one; empty for the rest. */
    default Optional<CreditBalance> credits() {
        return Optional.empty();
    }

    /** How to ask the provider's server whether it is set up to render, for providers that run on one; empty for the rest. */
    default Optional<SetupCheck> setupCheck() {
        return Optional.empty();
    }
}
