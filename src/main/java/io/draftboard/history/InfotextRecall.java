package io.draftboard.history;

import io.draftboard.imaging.Infotext;
import java.util.Map;
import java.util.Optional;

/**
 * Recall from the {@code parameters} infotext (peers.md §2), which AUTOMATIC1111, Forge, Krita AI Diffusion
 * and Fooocus (its "a1111" scheme) all write. The text has the same shape everywhere; the tools differ only in
 * a few keys, which is also how the writer is told apart.
 */
final class InfotextRecall {
    private InfotextRecall() {
    }

    /** {@code fooocusScheme} is the value of Fooocus's {@code fooocus_scheme} chunk, or null when absent. */
    static Optional<RecalledParameters> read(String parameters, String fooocusScheme) {
        Infotext.Parsed p = Infotext.parse(parameters);
        Map<String, String> params = p.params();
        String tool = tool(params, fooocusScheme);
        // Fooocus's prompt line is the style-expanded prompt; what the user typed is in "Raw prompt", and that is
        // what Fooocus's own "Load Parameters" recalls.
        String prompt = tool.equals("Fooocus") ? params.getOrDefault("Raw prompt", p.prompt()) : p.prompt();
        RecallValues.Size size = RecallValues.size(params.get("Size"));
        // FLUX guidance goes by several names: ours, Forge's "Distilled CFG Scale" (its "CFG scale" is then 1),
        // and the classic CFG scale everyone else writes.
        Double guidance = RecallValues.first(RecallValues.parseDouble(params.get("Guidance")),
                RecallValues.parseDouble(params.get("Distilled CFG Scale")),
                RecallValues.parseDouble(params.get("CFG scale")));
        return Optional.of(new RecalledParameters(tool, prompt, RecallValues.parseLong(params.get("Seed")),
                RecallValues.parseInt(params.get("Steps")), guidance, size.width(), size.height()));
    }

    /**
     * The writer, from what each one leaves behind: Fooocus a scheme chunk and "Version: Fooocus v…", Forge a
     * version starting "f2.0.1v1.10.1-…", Draftboard "Version: Draftboard …", Krita no version and
     * "Model hash: unknown" (text.py: create_img_metadata). Anything else is treated as AUTOMATIC1111.
     */
    private static String tool(Map<String, String> params, String fooocusScheme) {
        String version = params.getOrDefault("Version", "");
        if (fooocusScheme != null || version.startsWith("Fooocus")) {
            return "Fooocus";
        }
        if (version.startsWith("Draftboard")) {
            return "Draftboard";
        }
        if (version.matches("f\\d.*")) {
            return "Forge";
        }
        if (version.isEmpty() && "unknown".equals(params.get("Model hash"))) {
            return "Krita AI Diffusion";
        }
        return "AUTOMATIC1111";
    }
}
