package io.draftboard.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Fetches a signed link's bytes without credentials: HTTPS only (loopback excepted), at most
 * {@link #MAX_REDIRECTS} redirects each checked the same way, at most {@code maxBytes}. What the bytes must
 * be (an image) and how a failure reads to the user is the caller's business; this says only what went
 * wrong, as a {@link Failure.Reason}.
 */
public final class BoundedDownload {
    public static final int MAX_REDIRECTS = 3;

    /** The body and its declared {@code Content-Type} (null when absent). */
    public record Fetched(byte[] bytes, String contentType) {
    }

    /** Why no bytes came back. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        public enum Reason {
            /** {@link #url()} is neither HTTPS nor loopback. */
            INSECURE_LINK,
            /** A redirect without a usable {@code Location}. */
            REDIRECT_NOWHERE,
            TOO_MANY_REDIRECTS,
            /** 403, 404 or 410: a signed link past its life; a fresh link may work. */
            EXPIRED,
            /** 5xx. */
            SERVER_ERROR,
            /** Any other status but 200. */
            UNEXPECTED_STATUS,
            /** Over the limit: {@link #size()} is the declared length, or -1 when it was counted while reading. */
            TOO_LARGE,
            /** The connection failed: {@link #getCause()}. */
            NETWORK
        }

        private final transient HttpUrl url;
        private final Reason reason;
        private final int status;
        private final long size;

        Failure(Reason reason, HttpUrl url, int status, long size, IOException cause) {
            super(reason + " " + (url == null ? "" : url.host()), cause, false, false);
            this.reason = reason;
            this.url = url;
            this.status = status;
            this.size = size;
        }

        public Reason reason() {
            return reason;
        }

        /** The link that failed (the last hop, after redirects). */
        public HttpUrl url() {
            return url;
        }

        /** The HTTP status, or 0 when there was none. */
        public int status() {
            return status;
        }

        public long size() {
            return size;
        }
    }

    private BoundedDownload() {
    }

    /**
     * @param progress told the bytes read so far, after every chunk
     * @throws CallCancelledException when {@code cancellation} fired before or during the download
     */
    public static Fetched fetch(OkHttpClient client, HttpUrl url, long maxBytes, Cancellation cancellation,
            LongConsumer progress) throws Failure, CallCancelledException {
        CurrentCall calls = new CurrentCall(client, cancellation);
        HttpUrl current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            if (!Endpoints.isSecure(current)) {
                throw new Failure(Failure.Reason.INSECURE_LINK, current, 0, -1, null);
            }
            try (Response response = calls.execute(new Request.Builder().url(current).get().build())) {
                if (response.isRedirect()) {
                    String location = response.header("Location");
                    HttpUrl next = location == null ? null : current.resolve(location);
                    if (next == null) {
                        throw new Failure(Failure.Reason.REDIRECT_NOWHERE, current, response.code(), -1, null);
                    }
                    current = next;
                    continue;
                }
                int code = response.code();
                if (code == 403 || code == 404 || code == 410) {
                    throw new Failure(Failure.Reason.EXPIRED, current, code, -1, null);
                }
                if (code >= 500) {
                    throw new Failure(Failure.Reason.SERVER_ERROR, current, code, -1, null);
                }
                if (code != 200) {
                    throw new Failure(Failure.Reason.UNEXPECTED_STATUS, current, code, -1, null);
                }
                return new Fetched(read(response.body(), maxBytes, current, progress), response.header("Content-Type"));
            } catch (CallCancelledException e) {
                throw e;
            } catch (IOException e) {
                if (cancellation.isCancelled()) {
                    throw new CallCancelledException(e);
                }
                throw new Failure(Failure.Reason.NETWORK, current, 0, -1, e);
            }
        }
        throw new Failure(Failure.Reason.TOO_MANY_REDIRECTS, current, 0, -1, null);
    }

    private static byte[] read(ResponseBody body, long maxBytes, HttpUrl url, LongConsumer progress)
            throws IOException, Failure {
        long declared = body.contentLength();
        if (declared > maxBytes) {
            throw new Failure(Failure.Reason.TOO_LARGE, url, 200, declared, null);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1 << 20);
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = body.byteStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    throw new Failure(Failure.Reason.TOO_LARGE, url, 200, -1, null);
                }
                progress.accept(out.size());
            }
        }
        return out.toByteArray();
    }
}
