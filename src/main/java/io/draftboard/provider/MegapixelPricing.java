package io.draftboard.provider;

import io.draftboard.generation.Cost;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.Reference;

/**
 * Per-megapixel pricing as BFL, fal and Replicate state it: the output and every input image each rounded
 * up to whole megapixels (2^20 px), times the provider's rate. Always an estimate: BFL's echoed cost wins.
 */
public final class MegapixelPricing {
    private MegapixelPricing() {
    }

    public static int megapixelsRoundedUp(int width, int height) {
        return (int) Math.max(1, Math.ceil((double) width * height / 1_048_576.0));
    }

    public static Cost estimate(GenerationRequest r, double usdPerMegapixel) {
        int mp = megapixelsRoundedUp(r.width(), r.height());
        for (Reference ref : r.references()) {
            mp += megapixelsRoundedUp(ref.width(), ref.height());
        }
        return new Cost(mp * usdPerMegapixel, true);
    }
}
