package io.draftboard.provider;

import io.draftboard.generation.Reference;
import java.util.Base64;

/** References as {@code data:} URIs, the form Cloudflare, Replicate and fal take inline. */
public final class DataUris {
    private DataUris() {
    }

    public static String of(Reference ref) {
        return "data:" + ref.mediaType() + ";base64," + Base64.getEncoder().encodeToString(ref.bytes());
    }
}
