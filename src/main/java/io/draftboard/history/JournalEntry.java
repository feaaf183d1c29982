package io.draftboard.history;

import io.draftboard.generation.RenderKind;
import java.time.Instant;

/**
 * One job in the journal. {@code request} is the request as JSON with references by hash (their bytes are in
 * the image store), enough to poll for it again after a crash.
 */
public record JournalEntry(long id, Instant createdAt, Instant updatedAt, String providerId, RenderKind kind,
        Long parentId, String request, State state, String remoteId, String pollingUrl, Long generationId,
        String note) {

    public enum State {
        /** Written, not yet confirmed by the provider. */
        PENDING,
        /** The provider has it: resumable by polling. */
        SUBMITTED,
        DONE,
        FAILED,
        CANCELLED,
        /** Could not be finished or resumed; the note says why. */
        LOST,
        /**
         * Reached the provider, and its answer never came: the provider may have rendered and billed it. Never
         * resent; the note says so, and what was done to find it again.
         */
        UNKNOWN
    }

    public boolean isOpen() {
        return state == State.PENDING || state == State.SUBMITTED;
    }
}
