package io.draftboard.generation;

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

    /** The price of {@code request} before it fires, from the provider's pricing rule. */
    Cost estimateCost(GenerationRequest request);
}
