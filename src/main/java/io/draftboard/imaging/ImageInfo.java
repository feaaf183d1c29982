package io.draftboard.imaging;

/** An image's format and size, read from its header alone. */
public record ImageInfo(String mediaType, int width, int height) {
}
