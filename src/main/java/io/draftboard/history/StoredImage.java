package io.draftboard.history;

/** The output image of a generation: by content hash in the {@link ImageStore}. */
public record StoredImage(String sha256, String mediaType, int width, int height) {
}
