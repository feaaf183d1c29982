package io.draftboard.generation;

/** A job the provider already accepted before Draftboard stopped: where to pick it up again. */
public record Resumption(long journalId, String remoteId, String pollingUrl) {
}
