package io.draftboard.http;

import java.io.IOException;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * How far one request got on the wire, as OkHttp's own per-call events tell it ({@link CurrentCall} listens):
 * whether the whole request, headers and body, was written before the exchange failed. A request that failed
 * before that never reached the server whole, so sending it again cannot repeat anything; one that failed after
 * it may have been acted on although no answer came back.
 */
public final class Delivery {
    private volatile boolean sent;

    /** True once the request was written whole (its headers, and its body if it has one). */
    public boolean sent() {
        return sent;
    }

    EventListener listener() {
        return new EventListener() {
            @Override
            public void requestHeadersEnd(Call call, Request request) {
                if (request.body() == null) {
                    sent = true;
                }
            }

            @Override
            public void requestBodyEnd(Call call, long byteCount) {
                sent = true;
            }
        };
    }

    /**
     * {@code request} with a body OkHttp will never transmit a second time on its own: by default it silently
     * retries a request on a fresh connection after some failures, and answers a 408 by sending it again, which
     * for a call that bills would bill twice. A one-shot body turns both off; a request without a body is
     * returned as it is.
     */
    public static Request atMostOnce(Request request) {
        RequestBody body = request.body();
        if (body == null || body.isOneShot()) {
            return request;
        }
        return request.newBuilder().method(request.method(), new RequestBody() {
            @Override
            public MediaType contentType() {
                return body.contentType();
            }

            @Override
            public long contentLength() throws IOException {
                return body.contentLength();
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                body.writeTo(sink);
            }

            @Override
            public boolean isOneShot() {
                return true;
            }
        }).build();
    }
}
