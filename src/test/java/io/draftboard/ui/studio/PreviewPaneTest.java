package io.draftboard.ui.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.DraftState;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;

/** The badge keeps its base style whatever state it shows, and only one state's colour at a time. */
class PreviewPaneTest {
    @org.junit.jupiter.api.BeforeAll
    static void toolkit() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage(); // a Label needs the toolkit up
    }

    @Test
    void theBadgeKeepsItsBaseClassAndShowsOneStateAtATime() {
        Label badge = new Label();
        badge.getStyleClass().add("state-badge");
        for (DraftState state : DraftState.values()) {
            PreviewPane.styleBadge(badge, state);
        }
        PreviewPane.styleBadge(badge, DraftState.READY);

        assertThat(badge.getStyleClass()).containsExactly("label", "state-badge", "state-ready");
    }
}
