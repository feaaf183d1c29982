package io.draftboard.generation;

import java.util.Objects;

/**
 * What a draft of the editor's request looks like: the quality's draft steps, and within the pixel cap (same
 * aspect, sides multiples of 16) while the final keeps the editor's size. Guarded by the
 * {@link DraftScheduler}'s lock.
 */
final class DraftShape {
    private Quality quality;
    private long pixelCap;

    DraftShape(Quality quality) {
        this.quality = Objects.requireNonNull(quality, "quality");
    }

    Quality quality() {
        return quality;
    }

    void setQuality(Quality newQuality) {
        quality = Objects.requireNonNull(newQuality, "quality");
    }

    /** At most {@code maxPixels} per draft; 0 turns the cap off. */
    void setPixelCap(long maxPixels) {
        if (maxPixels < 0) {
            throw new IllegalArgumentException("maxPixels must not be negative");
        }
        pixelCap = maxPixels;
    }

    GenerationRequest of(GenerationRequest editor) {
        GenerationRequest draft = editor.withSteps(quality.draftSteps());
        if (pixelCap > 0 && (long) draft.width() * draft.height() > pixelCap) {
            DraftSize capped = DraftSize.within(draft.width(), draft.height(), pixelCap);
            draft = draft.withSize(capped.width(), capped.height());
        }
        return draft;
    }
}
