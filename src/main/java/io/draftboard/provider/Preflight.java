package io.draftboard.provider;

import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.InvalidRequestException;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.ProviderInfo;
import io.draftboard.http.Endpoints;
import io.draftboard.settings.ApiKey;
import java.util.function.Supplier;
import okhttp3.HttpUrl;

/** What every remote provider checks before sending anything: a key, its own limits, where URLs point. */
public final class Preflight {
    private Preflight() {
    }

    /** The key, or an authentication failure whose message says how to provide one. */
    public static ApiKey key(Supplier<ApiKey> key, String howToSetIt) throws ProviderException {
        ApiKey k = optionalKey(key);
        if (k == null) {
            throw new ProviderException(FailureKind.AUTH, howToSetIt);
        }
        return k;
    }

    /**
     * The key, or null when none is set; a key that cannot be used (a character no request can carry, a key
     * file that is a symbolic link) is an authentication failure before anything is sent, its message never
     * the key itself.
     */
    public static ApiKey optionalKey(Supplier<ApiKey> key) throws ProviderException {
        try {
            return key.get();
        } catch (IllegalArgumentException e) {
            throw new ProviderException(FailureKind.AUTH, e.getMessage());
        }
    }

    /** The provider's narrower limits, as a non-retryable failure rather than an exception the runner would call a bug. */
    public static void limits(ProviderInfo info, GenerationRequest r) throws ProviderException {
        try {
            info.capabilities().check(info.displayName(), r);
        } catch (InvalidRequestException e) {
            throw new ProviderException(FailureKind.INVALID_REQUEST, e.getMessage());
        }
    }

    /**
     * A URL the provider handed back, if credentials may follow it: same host as the configured base and
     * HTTPS (loopback excepted). Null stays null.
     */
    public static HttpUrl sameHost(String url, HttpUrl base, String credential) throws ProviderException {
        if (url == null) {
            return null;
        }
        HttpUrl u = HttpUrl.parse(url);
        if (u == null || !Endpoints.isSecure(u) || !u.host().equalsIgnoreCase(base.host())) {
            throw new ProviderException(FailureKind.PERMANENT, "Refusing to send the " + credential + " to "
                    + (u == null ? url : u.host()) + ": not " + base.host());
        }
        return u;
    }
}
