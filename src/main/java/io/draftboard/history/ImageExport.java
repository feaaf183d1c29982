package io.draftboard.history;

import io.draftboard.files.AtomicFiles;
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

    /**
     * Writes {@code record}'s image to {@code target} atomically: with its parameters, or stripped for a client.
     * The CLI's {@code history export} and the studio's Export both come here.
     */
    public static void write(GenerationRecord record, ImageStore images, java.nio.file.Path target,
            boolean withMetadata, String appVersion) throws java.io.IOException, ImageDecodeException {
        byte[] stored = images.read(record.image().sha256());
        AtomicFiles.write(target, withMetadata ? withMetadata(record, stored, appVersion) : stripped(record, stored));
    }

    private static boolean isPng(GenerationRecord record) {
        return record.image() != null && "image/png".equals(record.image().mediaType());
    }
}
