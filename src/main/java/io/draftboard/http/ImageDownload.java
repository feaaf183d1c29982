package io.draftboard.http;

import io.draftboard.generation.FailureKind;
import io.draftboard.generation.FaultPoint;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import io.draftboard.imaging.ImageCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Fetches a provider's result image from a signed URL: no credentials, HTTPS only (loopback excepted),
 * at most {@link #MAX_REDIRECTS} redirects each checked the same way, at most {@code maxBytes}, and the bytes
 * must really be PNG, JPEG or WebP (an HTML error page is refused, not stored).
 */
public final class ImageDownload {
    public static final int MAX_REDIRECTS = 3;
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    /** Why a download did not produce an image; {@code expired} says a fresh URL may help. */
    public static final class DownloadException extends Exception {
        private final FailureKind kind;
        private final boolean expired;

        DownloadException(FailureKind kind, String message, boolean expired) {
            super(message, null, false, false);
            this.kind = kind;
            this.expired = expired;
        }

        public boolean expired() {
            return expired;
        }

        public ProviderException asFailure() {
            return new ProviderException(kind, getMessage());
        }
    }

    private ImageDownload() {
    }

    public static byte[] fetch(OkHttpClient client, HttpUrl url, long maxBytes, String provider, JobContext context)
            throws DownloadException {
        HttpUrl current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            if (!Endpoints.isSecure(current)) {
                throw new DownloadException(FailureKind.PERMANENT, provider + "'s image link is not https ("
                        + current.scheme() + "://" + current.host() + "); refused", false);
            }
            Call call = client.newCall(new Request.Builder().url(current).get().build());
            context.onCancel(call::cancel);
            try (Response response = call.execute()) {
                if (response.isRedirect()) {
                    String location = response.header("Location");
                    HttpUrl next = location == null ? null : current.resolve(location);
                    if (next == null) {
                        throw new DownloadException(FailureKind.PERMANENT, provider + "'s image link redirects nowhere", false);
                    }
                    current = next;
                    continue;
                }
                int code = response.code();
                if (code == 403 || code == 404 || code == 410) {
                    throw new DownloadException(FailureKind.TRANSIENT, provider + "'s image link has expired (HTTP "
                            + code + ")", true);
                }
                if (code >= 500) {
                    throw new DownloadException(FailureKind.TRANSIENT, provider + "'s image server failed (HTTP " + code + ")", false);
                }
                if (code != 200) {
                    throw new DownloadException(FailureKind.PERMANENT, provider + "'s image link answered HTTP " + code, false);
                }
                byte[] bytes = read(response.body(), maxBytes, provider, context);
                if (ImageCodec.sniff(bytes) == null) {
                    String type = response.header("Content-Type", "unknown type");
                    throw new DownloadException(FailureKind.PERMANENT, provider + " sent " + describe(type)
                            + " instead of an image", false);
                }
                return bytes;
            } catch (DownloadException e) {
                throw e;
            } catch (IOException e) {
                if (context.isCancelled()) {
                    throw new io.draftboard.generation.JobCancelledException();
                }
                throw new DownloadException(FailureKind.TRANSIENT, provider + "'s image download failed ("
                        + e.getClass().getSimpleName() + ")", false);
            }
        }
        throw new DownloadException(FailureKind.PERMANENT, provider + "'s image link redirected more than "
                + MAX_REDIRECTS + " times", false);
    }

    private static byte[] read(ResponseBody body, long maxBytes, String provider, JobContext context)
            throws IOException, DownloadException {
        long declared = body.contentLength();
        if (declared > maxBytes) {
            throw new DownloadException(FailureKind.PERMANENT, provider + "'s image is " + ImageCodec.sizeText(declared)
                    + ", larger than the " + ImageCodec.sizeText(maxBytes) + " Draftboard accepts", false);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1 << 20);
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = body.byteStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    throw new DownloadException(FailureKind.PERMANENT, provider + "'s image is larger than the "
                            + ImageCodec.sizeText(maxBytes) + " Draftboard accepts", false);
                }
                context.downloading(out.size());
                FaultPoint.reach("downloading");
            }
        }
        return out.toByteArray();
    }

    private static String describe(String contentType) {
        return contentType.startsWith("text/html") ? "an HTML page" : "\"" + contentType + "\" data";
    }
}
