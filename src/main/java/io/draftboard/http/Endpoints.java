package io.draftboard.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import okhttp3.HttpUrl;

/** Which URLs Draftboard talks to: remote providers only over HTTPS; plain HTTP only to this machine. */
public final class Endpoints {
    private Endpoints() {
    }

    public static boolean isLoopback(HttpUrl url) {
        String host = url.host();
        if (host.equals("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name other than localhost: never resolve it here
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** HTTPS, or any scheme to loopback (the simulator, local OpenAI-compatible servers). */
    public static boolean isSecure(HttpUrl url) {
        return url.isHttps() || isLoopback(url);
    }

    /**
     * A link dropped from a browser, if Draftboard may fetch it: http or https only (file:, ftp:, data: and
     * javascript: links are refused with a sentence saying so).
     */
    public static HttpUrl droppedLink(String text) {
        String t = text == null ? "" : text.strip();
        int colon = t.indexOf(':');
        String scheme = colon > 0 ? t.substring(0, colon).toLowerCase(java.util.Locale.ROOT) : "";
        HttpUrl url = HttpUrl.parse(t);
        if (url == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("only http and https links can be dropped"
                    + (scheme.isEmpty() ? " (this is not a link)" : " (got a " + scheme + ": link)"));
        }
        return url;
    }

    /** Parses a user-supplied base URL; the message says what is wrong with it. */
    public static HttpUrl baseUrl(String text, String what) {
        HttpUrl url = HttpUrl.parse(text == null ? "" : text.strip());
        if (url == null) {
            throw new IllegalArgumentException(what + " \"" + text + "\" is not an http(s) URL");
        }
        if (!isSecure(url)) {
            throw new IllegalArgumentException(what + " " + url.host() + " must use https (plain http is allowed only to this machine)");
        }
        return url;
    }
}
