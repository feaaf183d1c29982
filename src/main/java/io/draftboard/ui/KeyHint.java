package io.draftboard.ui;

import io.draftboard.generation.Provider;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The line above the studio that says what the designer is drafting on and what a key would change. It follows
 * the provider picked in the editor and the keys Draftboard can see (environment or keys.json): nothing to
 * say on a remote provider whose key is set.
 */
public final class KeyHint {
    static final String OFFLINE = "offline";
    /** The user's own ComfyUI server takes no key (a token only behind an auth proxy): nothing to ask for. */
    static final String COMFYUI = "comfyui";

    private KeyHint() {
    }

    /**
     * @param withKeys  ids of the providers whose key is set
     * @param dismissed the designer dismissed the offline-engine hint for good
     */
    public static Optional<String> text(Provider current, List<Provider> all, Set<String> withKeys, boolean dismissed) {
        String id = current.info().id();
        if (id.equals(COMFYUI)) {
            return Optional.empty();
        }
        if (!id.equals(OFFLINE)) {
            return withKeys.contains(id) ? Optional.empty()
                    : Optional.of(current.info().displayName() + " needs a key: add it in Settings to render with it.");
        }
        if (dismissed) {
            return Optional.empty();
        }
        Optional<Provider> keyed = all.stream().filter(p -> withKeys.contains(p.info().id())).findFirst();
        return Optional.of(keyed.map(p -> "You are drafting on the Offline engine: free, private, and not FLUX. "
                + p.info().displayName() + " has a key: pick it under Provider to render with FLUX.2 [flex].")
                .orElse("You are drafting on the Offline engine: free, private, and not FLUX. Add a Black Forest"
                        + " Labs (or other) key in Settings to render with FLUX.2 [flex]."));
    }
}
