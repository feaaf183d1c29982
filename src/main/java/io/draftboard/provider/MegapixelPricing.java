package io.draftboard.provider;

/** Per-megapixel pricing as BFL and fal state it: each image's megapixels (2^20 px) rounded up. */
public final class MegapixelPricing {
    private MegapixelPricing() {
    }

    public static int megapixelsRoundedUp(int width, int height) {
        return (int) Math.max(1, Math.ceil((double) width * height / 1_048_576.0));
    }
}
