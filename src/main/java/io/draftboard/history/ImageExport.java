package io.draftboard.history;

import io.draftboard.imaging.ImageCodec;
import io.draftboard.imaging.ImageDecodeException;
import io.draftboard.imaging.PngMetadata;
import io.draftboard.imaging.PngText;
import io.draftboard.imaging.PngWriter;
import java.util.List;

/**
 * Turns a stored output into the PNG a user saves: with Draftboard's metadata for themselves, or stripped
 * of every text chunk for a client. Providers may deliver JPEG or WebP; those are re-encoded as PNG.
 */
public final class ImageExport {
    private ImageExport() {
    }

    public static byte[] withMetadata(GenerationRecord record, byte[] stored, String appVersion)
            throws ImageDecodeException {
        List<PngText> texts = GenerationMetadata.pngTexts(record, appVersion);
        if (isPng(record)) {
            return PngMetadata.withText(stored, texts);
        }
        return PngWriter.encode(ImageCodec.decode(stored), texts);
    }

    public static byte[] stripped(GenerationRecord record, byte[] stored) throws ImageDecodeException {
        if (isPng(record)) {
            return PngMetadata.withoutText(stored);
        }
        return PngWriter.encode(ImageCodec.decode(stored), List.of());
    }

    private static boolean isPng(GenerationRecord record) {
        return record.image() != null && "image/png".equals(record.image().mediaType());
    }
}
