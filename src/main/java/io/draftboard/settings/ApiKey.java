package io.draftboard.settings;

import java.util.Objects;

/**
 * A provider key. Its {@code toString} never shows it, so a key that ends up in a log line, an exception
 * or a debugger's record view prints as {@code ApiKey[****]}; {@link #redact} scrubs it from any text.
 *
 * <p>A secret is a setting ({@link ProviderKeys} reads and saves them); providers receive keys as
 * {@code Supplier<ApiKey>} and use nothing else of this package.
 */
public final class ApiKey {
    private final String value;

    public ApiKey(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an API key must not be blank");
        }
        this.value = value.strip();
    }

    /** The key itself: only for the one header that carries it. */
    public String reveal() {
        return value;
    }

    /** {@code text} with every occurrence of this key replaced by {@code ****}. */
    public String redact(String text) {
        return text == null ? null : text.replace(value, "****");
    }

    /** The last four characters, for "key ending …abcd" in Settings. */
    public String hint() {
        return value.length() <= 8 ? "****" : "\u2026" + value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return "ApiKey[****]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey k && k.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
