package io.draftboard.provider;

import io.draftboard.generation.Cost;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import io.draftboard.imaging.ImageCodec;
import io.draftboard.imaging.ImageDecodeException;
import io.draftboard.imaging.ImageInfo;
import java.util.Base64;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * A provider's output image, inline (base64) or as a link fetched at once, turned into a
 * {@link GenerationResult} the same way for every provider: format and size read from the bytes.
 */
public final class SyncImageAnswer {
    private SyncImageAnswer() {
    }

    /** What the provider said about the job besides the image; {@code cost} only when it reported one. */
    public record Details(String remoteId, Long seed, String revisedPrompt, Cost cost) {
        public static final Details NONE = new Details(null, null, null);

        public Details(String remoteId, Long seed, String revisedPrompt) {
            this(remoteId, seed, revisedPrompt, null);
        }
    }

    /** The largest answer read when it carries the image inline: the image's bound as base64, plus 1 MB of JSON. */
    public static long maxInlineAnswerBytes(GenerationRequest r) {
        return ImageDownload.maxBytesFor(r) / 3 * 4 + 1024 * 1024;
    }

    public static GenerationResult fromBase64(String base64, GenerationRequest r, String provider, Details details)
            throws ProviderException {
        String data = base64.startsWith("data:") ? base64.substring(base64.indexOf(',') + 1) : base64;
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new ProviderException(FailureKind.PERMANENT, provider + " sent image data that is not base64");
        }
        return fromBytes(bytes, r, provider, details);
    }

    public static GenerationResult fromUrl(OkHttpClient client, String url, GenerationRequest r, String provider,
            Details details, JobContext context) throws ProviderException {
        HttpUrl u = url == null ? null : HttpUrl.parse(url);
        if (u == null) {
            throw new ProviderException(FailureKind.PERMANENT, provider + " sent no usable image link");
        }
        try {
            return fromBytes(ImageDownload.fetch(client, u, ImageDownload.maxBytesFor(r), provider, context), r,
                    provider, details);
        } catch (ImageDownload.DownloadException e) {
            throw e.asFailure();
        }
    }

    /** Image bytes already in hand (BFL downloads them itself, to re-poll once when the link has expired). */
    public static GenerationResult fromBytes(byte[] bytes, GenerationRequest r, String provider, Details d)
            throws ProviderException {
        try {
            ImageInfo info = ImageCodec.probe(bytes);
            return new GenerationResult(bytes, info.mediaType(), d.seed() != null ? d.seed() : r.seed(), info.width(),
                    info.height(), d.remoteId(), d.revisedPrompt(), d.cost());
        } catch (ImageDecodeException e) {
            throw new ProviderException(FailureKind.PERMANENT, provider + "'s image is unreadable: " + e.getMessage());
        }
    }
}
