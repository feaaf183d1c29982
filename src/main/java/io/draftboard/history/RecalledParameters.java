package io.draftboard.history;

/**
 * Parameters read back from an image's metadata; any of them may be missing (null) when the writing tool
 * did not record it. {@code source} names the tool that wrote them ("Draftboard", "AUTOMATIC1111", "Forge",
 * "Krita AI Diffusion", "Fooocus", "ComfyUI", "InvokeAI", "Draw Things"). {@code guidance} is the FLUX
 * guidance when the tool recorded one, else its CFG scale.
 */
public record RecalledParameters(String source, String prompt, Long seed, Integer steps, Double guidance,
        Integer width, Integer height) {
}
