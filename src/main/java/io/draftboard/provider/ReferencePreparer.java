package io.draftboard.provider;

import io.draftboard.generation.ModelLimits;
import io.draftboard.generation.Reference;
import io.draftboard.imaging.ImageDecodeException;
import io.draftboard.imaging.PreparedImage;
import java.nio.file.Path;

/**
 * Turns a file the user dropped or named into a {@link Reference} ready to send: {@link PreparedImage} does
 * the pixel work (upright, within budget, exact bytes kept when nothing changed), this adds the model's
 * pixel budget and the domain type. The one way the studio and the CLI make references from image files.
 */
public final class ReferencePreparer {
    /** FLUX.2's output ceiling; larger references only cost upload time and input megapixels. */
    public static final long DEFAULT_PIXEL_BUDGET = ModelLimits.MAX_PIXELS;

    private ReferencePreparer() {
    }

    public static Reference prepare(Path file) throws ImageDecodeException {
        return reference(PreparedImage.prepare(file, DEFAULT_PIXEL_BUDGET));
    }

    public static Reference prepare(byte[] bytes, long pixelBudget) throws ImageDecodeException {
        return reference(PreparedImage.prepare(bytes, pixelBudget));
    }

    private static Reference reference(PreparedImage p) {
        return new Reference(p.sha256(), p.mediaType(), p.width(), p.height(), p.bytes());
    }
}
