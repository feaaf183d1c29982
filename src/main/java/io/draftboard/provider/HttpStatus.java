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
            return new ProviderException(FailureKind.TRANSIENT, provider + " had a server error (HTTP " + code + ")" + said);
        }
        if (code == 400 || code == 422) {
            return new ProviderException(FailureKind.INVALID_REQUEST, provider + " refused the request (HTTP " + code + ")"
                    + said);
        }
        return new ProviderException(FailureKind.PERMANENT, provider + " answered HTTP " + code + said);
    }

    /** A network failure before any answer: retryable. */
    public static ProviderException network(String provider, java.io.IOException e) {
        String what = e instanceof java.net.SocketTimeoutException ? "timed out"
                : e instanceof java.net.UnknownHostException ? "could not be found (no network?)"
                : e instanceof java.net.ConnectException ? "refused the connection" : "could not be reached";
        return new ProviderException(FailureKind.TRANSIENT, provider + " " + what, null, e);
    }
}
