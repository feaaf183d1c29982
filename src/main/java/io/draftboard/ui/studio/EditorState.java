package io.draftboard.ui.studio;

import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.Reference;
import java.util.List;

/**
 * Everything the editor holds, as one value: what a recall replaced (so Ctrl+Z can bring it back) and what
 * the workspace file keeps between sessions.
 *
 * @param providerId the provider picked in the editor; one no longer offered leaves the editor's choice alone
 */
public record EditorState(String prompt, List<Reference> references, int width, int height, long seed,
        boolean seedLocked, double guidance, int finalSteps, String providerId, OutputFormat outputFormat,
        boolean promptUpsampling, boolean liveDrafts) {

    public EditorState {
        prompt = prompt == null ? "" : prompt;
        references = List.copyOf(references);
    }

    public EditorState withReferences(List<Reference> kept) {
        return new EditorState(prompt, kept, width, height, seed, seedLocked, guidance, finalSteps, providerId,
                outputFormat, promptUpsampling, liveDrafts);
    }
}
