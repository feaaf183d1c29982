package io.draftboard.generation;

/**
 * FLUX.2 [flex] limits shared by every provider (providers.md, "Decisions"). Providers declare narrower
 * limits of their own in {@link ProviderCapabilities}.
 */
public final class ModelLimits {
    public static final int MIN_STEPS = 1;
    public static final int MAX_STEPS = 50;
    public static final double MIN_GUIDANCE = 1.5;
    public static final double MAX_GUIDANCE = 10.0;
    public static final double DEFAULT_GUIDANCE = 5.0;
    public static final int MIN_SIDE = 64;
    public static final int SIDE_MULTIPLE = 16;
    public static final long MAX_PIXELS = 2048L * 2048L;
    /** The most any provider takes (Replicate: 10); BFL and Cloudflare declare 8. */
    public static final int MAX_REFERENCES = 10;
    /**
     * BFL documents prompts of up to 32K tokens; a token is at least one character, so 32,000 characters
     * is always within it and still far beyond any prompt a designer writes by hand.
     */
    public static final int MAX_PROMPT_CHARS = 32_000;
    public static final int MIN_SAFETY_TOLERANCE = 0;
    public static final int MAX_SAFETY_TOLERANCE = 5;
    public static final int DEFAULT_SAFETY_TOLERANCE = 2;

    private ModelLimits() {
    }
}
