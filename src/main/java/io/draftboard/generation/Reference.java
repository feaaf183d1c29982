package io.draftboard.generation;

import java.util.Objects;

/**
 * A reference image, already prepared for sending (decoded, oriented, downscaled, re-encoded). Identity is
 * the SHA-256 of {@link #bytes()}, so two requests with the same references compare equal and the history can
 * point at the image store by hash.
 *
 * <p>The byte array is shared, not copied: references can be megabytes and are never mutated after
 * preparation.
 */
public record Reference(String sha256, String mediaType, int width, int height, byte[] bytes) {

    public Reference {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(bytes, "bytes");
        if (width <= 0 || height <= 0) {
            throw new InvalidRequestException("references", "reference image has no pixels");
        }
    }

    public double megapixels() {
        return (double) width * height / 1_000_000.0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reference r && r.sha256.equals(sha256);
    }

    @Override
    public int hashCode() {
        return sha256.hashCode();
    }

    @Override
    public String toString() {
        return "Reference[" + sha256.substring(0, Math.min(12, sha256.length())) + ", " + width + "x" + height + "]";
    }
}
