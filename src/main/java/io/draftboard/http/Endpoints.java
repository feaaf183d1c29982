package io.draftboard.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import okhttp3.HttpUrl;

/**
 * Which URLs Draftboard talks to: remote providers only over HTTPS; plain HTTP only to this machine, or, for a
 * server the user runs themselves and names in a base URL (ComfyUI on another machine of theirs), to a
 * private-network host ({@link #localServerUrl}).
 */
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

    /**
     * A host on the user's own network, judged from the URL alone (a name is never resolved, so DNS cannot turn
     * a public name into a "private" one): loopback; an IP literal in a private range (IPv4 10/8, 172.16/12,
     * 192.168/16, link-local 169.254/16, the 100.64/10 shared range that Tailscale and other mesh VPNs use;
     * IPv6 unique-local fc00::/7 and link-local fe80::/10); or a name that only a local resolver answers: one
     * label ({@code gpu-box}) or ending in {@code .local}, {@code .lan}, {@code .home.arpa} or {@code .internal}.
     */
    public static boolean isPrivateNetwork(HttpUrl url) {
        if (isLoopback(url)) {
            return true;
        }
        String host = url.host().toLowerCase(java.util.Locale.ROOT);
        if (host.matches("[0-9.]+")) {
            if (!host.matches("(\\d{1,3}\\.){3}\\d{1,3}")) {
                return false;
            }
            String[] parts = host.split("\\.");
            for (String part : parts) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            int a = Integer.parseInt(parts[0]);
            int b = Integer.parseInt(parts[1]);
            return a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168) || (a == 169 && b == 254)
                    || (a == 100 && b >= 64 && b <= 127);
        }
        if (host.contains(":")) {
            return host.matches("f[cd][0-9a-f]{2}:.*") || host.matches("fe[89ab][0-9a-f]:.*");
        }
        return !host.contains(".") || host.endsWith(".local") || host.endsWith(".lan") || host.endsWith(".home.arpa")
                || host.endsWith(".internal");
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

    /**
     * Parses the base URL of a server the user runs themselves (ComfyUI): as {@link #baseUrl}, but plain http is
     * also accepted to a private-network host the user names ({@link #isPrivateNetwork}); anything else must be
     * https, because a token may travel with the calls.
     */
    public static HttpUrl localServerUrl(String text, String what) {
        HttpUrl url = HttpUrl.parse(text == null ? "" : text.strip());
        if (url == null) {
            throw new IllegalArgumentException(what + " \"" + text + "\" is not an http(s) URL");
        }
        if (!url.isHttps() && !isPrivateNetwork(url)) {
            throw new IllegalArgumentException(what + " " + url.host() + " must use https (plain http is allowed only "
                    + "to this machine and to hosts on your own network, such as 192.168.x.x or gpu-box.local)");
        }
        return url;
    }
}
