package io.draftboard.history;

/** A reference image as history keeps it: by content hash in the {@link ImageStore}, in prompt order (image 1 …). */
public record StoredReference(String sha256, String mediaType, int width, int height) {
}
