package io.draftboard.provider;

import io.draftboard.generation.FailureKind;
import io.draftboard.generation.ProviderException;
import io.draftboard.http.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * The generic reading of an HTTP error, shared by every provider; each provider first checks its own
 * special cases (BFL's 422 "Invalid API key format", fal's 403 "Exhausted balance") and falls back to this.
 */
public final class HttpStatus {
    private HttpStatus() {
    }

    /**
     * @param provider the provider's display name, for the message
     * @param detail   what the provider said, already reduced to a short sentence (never a key or URL)
     */
    public static ProviderException failure(String provider, int code, String detail, String retryAfterHeader,
            Clock clock) {
        String said = detail == null || detail.isBlank() ? "" : ": " + detail;
        String lower = detail == null ? "" : detail.toLowerCase(Locale.ROOT);
        if (code == 401 || code == 403) {
            return new ProviderException(FailureKind.AUTH, provider + " rejected the API key (HTTP " + code + ")" + said);
        }
        if (code == 402 || (code == 429 && (lower.contains("quota") || lower.contains("balance") || lower.contains("credit")))) {
            return new ProviderException(FailureKind.CREDITS, provider + " says the account is out of credits (HTTP "
                    + code + ")" + said);
        }
        if (code == 429) {
            Duration wait = RetryAfter.parse(retryAfterHeader, clock);
            return new ProviderException(FailureKind.RATE_LIMITED, provider + " is rate limiting (HTTP 429)" + said,
                    wait, null);
        }
        if (code == 408 || code >= 500) {
            // 503 is "not now": the request was not acted on, and Retry-After, when given, says when to ask again.
            Duration wait = code == 503 ? RetryAfter.parse(retryAfterHeader, clock) : null;
            return new ProviderException(FailureKind.TRANSIENT, provider + " had a server error (HTTP " + code + ")" + said,
                    wait, null);
        }
        if (code == 400 || code == 422) {
            return new ProviderException(FailureKind.INVALID_REQUEST, provider + " refused the request (HTTP " + code + ")"
                    + said);
        }
        return new ProviderException(FailureKind.PERMANENT, provider + " answered HTTP " + code + said);
    }

    /**
     * A call that got no answer, classified by how far it got: the one place that decides whether a failed
     * call may be sent again.
     *
     * <ul>
     * <li>It never left whole (connection refused, no such host, a TLS handshake that failed, a reset while the
     * body was still going out): nothing reached the provider, so trying again cannot repeat anything:
     * {@link FailureKind#TRANSIENT}, retried by the runner.
     * <li>A call that bills left whole and the answer never came (a read timeout, a reset, the connection
     * closed): the provider may have rendered and billed it, so {@link FailureKind#OUTCOME_UNKNOWN}, never
     * resent.
     * <li>A call that does not bill (a poll, a lookup) may always be asked again: {@link FailureKind#TRANSIENT}.
     * </ul>
     *
     * @param billsAndLeft the call bills (a submit) and the request was written whole before it failed
     */
    public static ProviderException network(String provider, java.io.IOException e, boolean billsAndLeft) {
        if (billsAndLeft) {
            String how = e instanceof java.io.InterruptedIOException ? "timed out" : "the connection closed";
            return new ProviderException(FailureKind.OUTCOME_UNKNOWN, "Draftboard sent the request to " + provider
                    + " but the answer never came (" + how + "), so " + provider + " may have rendered the image and "
                    + "billed it. It was not sent again; check your " + provider + " account before trying again.",
                    null, e);
        }
        String what = e instanceof java.net.SocketTimeoutException ? "timed out"
                : e instanceof java.net.UnknownHostException ? "could not be found (no network?)"
                : e instanceof java.net.ConnectException ? "refused the connection" : "could not be reached";
        return new ProviderException(FailureKind.TRANSIENT, provider + " " + what, null, e);
    }
}
