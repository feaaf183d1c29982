package io.draftboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.Provider;
import io.draftboard.provider.offline.OfflineProvider;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hint follows the provider picked and the keys Draftboard can see. */
class KeyHintTest {
    private final Provider offline = new OfflineProvider();
    private final Provider bfl = new FakeEngine("bfl", 0.05, 8);
    private final List<Provider> all = List.of(offline, bfl);

    @Test
    void onARemoteProviderWhoseKeyIsSetThereIsNothingToSay() {
        assertThat(KeyHint.text(bfl, all, Set.of("bfl"), false)).isEmpty();
    }

    @Test
    void onARemoteProviderWithoutAKeyItSaysWhatIsMissing() {
        assertThat(KeyHint.text(bfl, all, Set.of(), true)).hasValueSatisfying(t -> assertThat(t)
                .endsWith(" needs a key: add it in Settings to render with it."));
    }

    @Test
    void onTheOfflineEngineItPointsAtAKeyThatIsAlreadySetInsteadOfAskingForOne() {
        assertThat(KeyHint.text(offline, all, Set.of("bfl"), false)).hasValueSatisfying(t -> assertThat(t)
                .startsWith("You are drafting on the Offline engine").contains("has a key: pick it under Provider"));
        assertThat(KeyHint.text(offline, all, Set.of(), false)).hasValueSatisfying(t -> assertThat(t)
                .contains("Add a Black Forest Labs (or other) key in Settings"));
        assertThat(KeyHint.text(offline, all, Set.of(), true)).isEmpty();
    }

    @Test
    void onComfyUiNoKeyIsAskedFor() {
        assertThat(KeyHint.text(new FakeEngine("comfyui", 0, 8), all, Set.of(), false)).isEmpty();
    }
}
