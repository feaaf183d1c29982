package io.draftboard.provider.openai;

import java.util.Objects;

/**
 * Which gateway an {@link OpenAiCompatibleProvider} talks to, besides where (its endpoint): the provider id it
 * is listed under, its name for messages, the name the studio shows, the gateway's model id, and the sentence
 * that says how to give it a key.
 */
public record Gateway(String id, String name, String displayName, String model, String keyHelp) {
    public Gateway {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(keyHelp, "keyHelp");
    }
}
