package io.draftboard.history;

/**
 * Parameters read back from an image's metadata; any of them may be missing (null) when the writing tool
 * did not record it. {@code source} names the convention they came from ("Draftboard", "parameters", …).
 */
public record RecalledParameters(String source, String prompt, Long seed, Integer steps, Double guidance,
        Integer width, Integer height) {
}
