package io.draftboard.generation;

/**
 * A provider's identity as shown to the user and written to history: {@code id} is stable ("offline",
 * "bfl"), {@code displayName} is the UI label ("Offline engine"), {@code model} is what actually rendered.
 */
public record ProviderInfo(String id, String displayName, String model, ProviderCapabilities capabilities) {
}
