package io.draftboard.provider;

import io.draftboard.generation.FailureKind;
import io.draftboard.generation.FaultPoint;
import io.draftboard.generation.JobCancelledException;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import io.draftboard.http.BoundedDownload;
import io.draftboard.http.CallCancelledException;
import io.draftboard.imaging.ImageCodec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Fetches a provider's result image from a signed URL through {@link BoundedDownload} (no credentials, HTTPS
 * only, redirects checked, size bounded), then insists the bytes really are PNG, JPEG or WebP (an HTML error
 * page is refused, not stored), and says what went wrong as a failure of that provider.
 */
public final class ImageDownload {
    public static final int MAX_REDIRECTS = BoundedDownload.MAX_REDIRECTS;
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    private static final long MARGIN_BYTES = 8L * 1024 * 1024;

    /**
     * The largest result image accepted for {@code r}: four bytes a pixel of the size asked for (more than any
     * PNG, JPEG or WebP of it takes), doubled in case the provider sends a larger image than asked, plus 8 MB;
     * never more than {@link #DEFAULT_MAX_BYTES}.
     */
    public static long maxBytesFor(io.draftboard.generation.GenerationRequest r) {
        return Math.min(DEFAULT_MAX_BYTES, 8L * r.width() * r.height() + MARGIN_BYTES);
    }

    /** Why a download did not produce an image; {@code expired} says a fresh URL may help. */
    public static final class DownloadException extends Exception {
        private static final long serialVersionUID = 1L;
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
        BoundedDownload.Fetched fetched;
        try {
            fetched = BoundedDownload.fetch(client, url, maxBytes, JobCancellation.of(context), bytes -> {
                context.downloading(bytes);
                FaultPoint.reach("downloading");
            });
        } catch (CallCancelledException e) {
            throw new JobCancelledException();
        } catch (BoundedDownload.Failure f) {
            throw failure(f, provider, maxBytes);
        }
        if (ImageCodec.sniff(fetched.bytes()) == null) {
            String type = fetched.contentType() == null ? "unknown type" : fetched.contentType();
            throw new DownloadException(FailureKind.PERMANENT, provider + " sent " + describe(type)
                    + " instead of an image", false);
        }
        return fetched.bytes();
    }

    private static DownloadException failure(BoundedDownload.Failure f, String provider, long maxBytes) {
        HttpUrl url = f.url();
        return switch (f.reason()) {
            case INSECURE_LINK -> new DownloadException(FailureKind.PERMANENT, provider + "'s image link is not https ("
                    + url.scheme() + "://" + url.host() + "); refused", false);
            case REDIRECT_NOWHERE -> new DownloadException(FailureKind.PERMANENT, provider
                    + "'s image link redirects nowhere", false);
            case TOO_MANY_REDIRECTS -> new DownloadException(FailureKind.PERMANENT, provider
                    + "'s image link redirected more than " + MAX_REDIRECTS + " times", false);
            case EXPIRED -> new DownloadException(FailureKind.TRANSIENT, provider + "'s image link has expired (HTTP "
                    + f.status() + ")", true);
            case SERVER_ERROR -> new DownloadException(FailureKind.TRANSIENT, provider + "'s image server failed (HTTP "
                    + f.status() + ")", false);
            case UNEXPECTED_STATUS -> new DownloadException(FailureKind.PERMANENT, provider
                    + "'s image link answered HTTP " + f.status(), false);
            case TOO_LARGE -> new DownloadException(FailureKind.PERMANENT, f.size() >= 0
                    ? provider + "'s image is " + ImageCodec.sizeText(f.size()) + ", larger than the "
                            + ImageCodec.sizeText(maxBytes) + " Draftboard accepts"
                    : provider + "'s image is larger than the " + ImageCodec.sizeText(maxBytes) + " Draftboard accepts",
                    false);
            case NETWORK -> new DownloadException(FailureKind.TRANSIENT, provider + "'s image download failed ("
                    + f.getCause().getClass().getSimpleName() + ")", false);
        };
    }

    private static String describe(String contentType) {
        return contentType.startsWith("text/html") ? "an HTML page" : "\"" + contentType + "\" data";
    }
}
