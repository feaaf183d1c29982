package io.draftboard.generation;

import java.util.List;
import java.util.Objects;

/**
 * Everything that determines an image: a draft and its final differ only in {@link #steps()}. Validated at
 * construction against FLUX.2 [flex]'s limits, so an invalid request can never reach a provider; the
 * exception names the field and the allowed range.
 */
public record GenerationRequest(
        String prompt,
        long seed,
        int steps,
        double guidance,
        int width,
        int height,
        List<Reference> references,
        OutputFormat outputFormat,
        boolean promptUpsampling,
        int safetyTolerance) {

    public GenerationRequest {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(outputFormat, "outputFormat");
        references = List.copyOf(Objects.requireNonNull(references, "references"));
        validatePrompt(prompt);
        if (steps < ModelLimits.MIN_STEPS || steps > ModelLimits.MAX_STEPS) {
            throw new InvalidRequestException("steps", "steps must be between " + ModelLimits.MIN_STEPS + " and "
                    + ModelLimits.MAX_STEPS + " (got " + steps + ")");
        }
        if (!(guidance >= ModelLimits.MIN_GUIDANCE && guidance <= ModelLimits.MAX_GUIDANCE)) {
            throw new InvalidRequestException("guidance", "guidance must be between " + ModelLimits.MIN_GUIDANCE
                    + " and " + ModelLimits.MAX_GUIDANCE + " (got " + guidance + ")");
        }
        validateSide("width", width);
        validateSide("height", height);
        if ((long) width * height > ModelLimits.MAX_PIXELS) {
            throw new InvalidRequestException("size", "size " + width + "x" + height + " is "
                    + String.format(java.util.Locale.ROOT, "%.2f", (double) width * height / 1_048_576.0)
                    + " MP; at most 4 MP (2048x2048 pixels) is allowed");
        }
        if (references.size() > ModelLimits.MAX_REFERENCES) {
            throw new InvalidRequestException("references", "at most " + ModelLimits.MAX_REFERENCES
                    + " reference images are allowed (got " + references.size() + ")");
        }
        if (safetyTolerance < ModelLimits.MIN_SAFETY_TOLERANCE || safetyTolerance > ModelLimits.MAX_SAFETY_TOLERANCE) {
            throw new InvalidRequestException("safetyTolerance", "safety tolerance must be between "
                    + ModelLimits.MIN_SAFETY_TOLERANCE + " and " + ModelLimits.MAX_SAFETY_TOLERANCE
                    + " (got " + safetyTolerance + ")");
        }
    }

    /** A request with the usual defaults: guidance 5, PNG, no upsampling (it breaks seed reproducibility), tolerance 2. */
    public static GenerationRequest of(String prompt, long seed, int steps, int width, int height) {
        return new GenerationRequest(prompt, seed, steps, ModelLimits.DEFAULT_GUIDANCE, width, height, List.of(),
                OutputFormat.PNG, false, ModelLimits.DEFAULT_SAFETY_TOLERANCE);
    }

    public GenerationRequest withSteps(int newSteps) {
        return new GenerationRequest(prompt, seed, newSteps, guidance, width, height, references, outputFormat,
                promptUpsampling, safetyTolerance);
    }

    public GenerationRequest withSeed(long newSeed) {
        return new GenerationRequest(prompt, newSeed, steps, guidance, width, height, references, outputFormat,
                promptUpsampling, safetyTolerance);
    }

    public GenerationRequest withPrompt(String newPrompt) {
        return new GenerationRequest(newPrompt, seed, steps, guidance, width, height, references, outputFormat,
                promptUpsampling, safetyTolerance);
    }

    public GenerationRequest withSize(int newWidth, int newHeight) {
        return new GenerationRequest(prompt, seed, steps, guidance, newWidth, newHeight, references, outputFormat,
                promptUpsampling, safetyTolerance);
    }

    public GenerationRequest withGuidance(double newGuidance) {
        return new GenerationRequest(prompt, seed, steps, newGuidance, width, height, references, outputFormat,
                promptUpsampling, safetyTolerance);
    }

    public GenerationRequest withReferences(List<Reference> newReferences) {
        return new GenerationRequest(prompt, seed, steps, guidance, width, height, newReferences, outputFormat,
                promptUpsampling, safetyTolerance);
    }

    /** Output megapixels in the providers' billing unit (10^6 pixels). */
    public double outputMegapixels() {
        return (double) width * height / 1_000_000.0;
    }

    private static void validatePrompt(String prompt) {
        if (prompt.isBlank()) {
            throw new InvalidRequestException("prompt", "prompt must not be blank");
        }
        // Characters as people count them (code points): an emoji is one, not two UTF-16 units.
        int characters = prompt.codePointCount(0, prompt.length());
        if (characters > ModelLimits.MAX_PROMPT_CHARS) {
            throw new InvalidRequestException("prompt", "prompt is " + characters + " characters; at most "
                    + ModelLimits.MAX_PROMPT_CHARS + " are allowed");
        }
        for (int i = 0, position = 1; i < prompt.length(); i += Character.charCount(prompt.codePointAt(i)), position++) {
            int c = prompt.codePointAt(i);
            if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) {
                throw new InvalidRequestException("prompt", String.format(java.util.Locale.ROOT,
                        "prompt contains control character U+%04X at position %d", c, position));
            }
        }
    }

    private static void validateSide(String field, int value) {
        if (value < ModelLimits.MIN_SIDE || value % ModelLimits.SIDE_MULTIPLE != 0) {
            throw new InvalidRequestException(field, field + " must be at least " + ModelLimits.MIN_SIDE
                    + " and a multiple of " + ModelLimits.SIDE_MULTIPLE + " (got " + value + ")");
        }
    }
}
