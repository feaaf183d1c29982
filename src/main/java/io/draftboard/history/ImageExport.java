package io.draftboard.history;

import io.draftboard.files.AtomicFiles;
import io.draftboard.imaging.ImageCodec;
import io.draftboard.imaging.ImageDecodeException;
import io.draftboard.imaging.PngMetadata;
import io.draftboard.imaging.PngText;
import io.draftboard.imaging.PngWriter;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

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

    /**
     * The name an export is offered under: {@code draftboard-<id>-<the prompt's first words>.png}, so a folder
     * of exports reads like the prompts that made them.
     */
    public static String defaultFileName(GenerationRecord record) {
        String slug = slug(record.prompt(), 48);
        return "draftboard-" + record.id() + (slug.isEmpty() ? "" : "-" + slug) + ".png";
    }

    /**
     * {@code text} as a file-name fragment: lower-case ASCII letters and digits joined by single hyphens
     * (accents dropped, everything else a separator), cut at a word boundary within {@code max} characters.
     */
    public static String slug(String text, int max) {
        if (text == null) {
            return "";
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > max) {
            int cut = slug.lastIndexOf('-', max);
            slug = slug.substring(0, cut > 0 ? cut : max);
        }
        return slug;
    }

    private static boolean isPng(GenerationRecord record) {
        return record.image() != null && "image/png".equals(record.image().mediaType());
    }
}
