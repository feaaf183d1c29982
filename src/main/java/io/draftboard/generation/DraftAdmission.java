package io.draftboard.generation;

import java.util.Optional;

/**
 * Decides whether a new live draft may fire (a session budget, for instance). A refusal pauses live drafts
 * with its reason as the message; drafts already paid for are still shown from the recent ones.
 */
@FunctionalInterface
public interface DraftAdmission {
    Optional<String> refusal(GenerationRequest draft);

    DraftAdmission ALWAYS = draft -> Optional.empty();
}
