package io.draftboard.ui.studio;

import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.Reference;
import io.draftboard.generation.RenderKind;
import io.draftboard.history.GenerationRecord;
import io.draftboard.history.RecalledParameters;
import java.util.List;

/**
 * Parameters to put back in the editor. Null fields were not recorded by whoever made the image and leave
 * the editor's value alone.
 *
 * @param finalSteps the slider position: a final's own steps; null for drafts (they always render at draft
 *                   steps, so their step count says nothing about the final wanted)
 */
public record Recalled(String source, String prompt, Long seed, Integer finalSteps, Double guidance, Integer width,
        Integer height, OutputFormat outputFormat, Boolean promptUpsampling, String providerId,
        List<Reference> references) {

    public static Recalled of(GenerationRecord r, List<Reference> references) {
        return new Recalled("history #" + r.id(), r.prompt(), r.seed(), r.kind() == RenderKind.FINAL ? r.steps() : null,
                r.guidance(), r.width(), r.height(), r.outputFormat(), r.promptUpsampling(), r.providerId(),
                references);
    }

    /** From an image's metadata: the tool's parameters, references untouched. */
    public static Recalled of(RecalledParameters p) {
        return new Recalled(p.source() + " metadata", p.prompt(), p.seed(), p.steps(), p.guidance(), p.width(),
                p.height(), null, null, null, null);
    }
}
