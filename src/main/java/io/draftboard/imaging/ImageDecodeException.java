package io.draftboard.imaging;

import java.io.IOException;

/** A file that is not an image Draftboard can read; the message is a sentence fit to show the user. */
public final class ImageDecodeException extends IOException {
    public ImageDecodeException(String message) {
        super(message);
    }

    public ImageDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
