package io.draftboard.generation;

import java.util.Locale;

/** The image format asked of the provider. */
public enum OutputFormat {
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg"),
    WEBP("image/webp", "webp");

    private final String mediaType;
    private final String extension;

    OutputFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The lower-case wire name used by BFL and in metadata: {@code png}, {@code jpeg}, {@code webp}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OutputFormat parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "png" -> PNG;
            case "jpeg", "jpg" -> JPEG;
            case "webp" -> WEBP;
            default -> throw new InvalidRequestException("outputFormat",
                    "output format must be png, jpeg or webp (got \"" + text + "\")");
        };
    }
}
