package io.draftboard.generation;

/**
 * An optional capability of a {@link Provider}: asking the account how much it has left. Only providers
 * whose API says so offer it ({@link Provider#credits()}); callers never need to know which class that is.
 */
@FunctionalInterface
public interface CreditBalance {

    /** The balance in the provider's own unit and in US dollars. */
    record Balance(double credits, double usd) {
    }

    /** Asks the provider now: a network call, so never on the UI thread. */
    Balance fetch() throws ProviderException;
}
