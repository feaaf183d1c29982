package io.draftboard.generation;

/**
 * An optional capability of a {@link Provider} that runs on the user's own server (ComfyUI): asking it, before
 * the first render, whether it has what the provider needs (nodes, model files), so the answer can be shown
 * as one plain sentence instead of a failed render. Reached through {@link Provider#setupCheck()}.
 */
@FunctionalInterface
public interface SetupCheck {

    /**
     * @param ready    true when a render can be expected to start
     * @param sentence what the server has and what is missing, one sentence a designer can act on
     */
    record Report(boolean ready, String sentence) {
    }

    /** Asks the server now: network calls, so never on the UI thread. A server that does not answer is a failure. */
    Report check() throws ProviderException;
}
