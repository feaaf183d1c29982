package io.draftboard.generation;

/**
 * A request that breaks a model or provider limit. Raised before anything is sent, so the user sees
 * which field is wrong and what range is allowed instead of a provider's 422.
 */
public final class InvalidRequestException extends IllegalArgumentException {
    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field at fault, e.g. {@code steps}, {@code width}, {@code references}. */
    public String field() {
        return field;
    }
}
