package io.draftboard.imaging;

import java.util.Objects;

/**
 * One PNG text entry (a tEXt, iTXt or zTXt chunk): {@code parameters}, {@code draftboard}, ComfyUI's
 * {@code prompt}, InvokeAI's {@code invokeai_metadata} …
 */
public record PngText(String keyword, String text) {
    public PngText {
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(text, "text");
        if (keyword.isEmpty() || keyword.length() > 79) {
            throw new IllegalArgumentException("PNG text keyword must be 1-79 characters: " + keyword);
        }
    }
}
