package io.draftboard.ui.help;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** Every studio shortcut in one place, so the key handler and the F1 overlay can never disagree. */
public enum Shortcut {
    RENDER_FINAL("Render the final from the draft on screen", new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN)),
    TOGGLE_DRAFTS("Live drafts on / off", new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN)),
    DRAFT_NOW("Draft now (when live drafts are off)", new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN)),
    CANCEL("Cancel the draft (never a paid final)", new KeyCodeCombination(KeyCode.ESCAPE)),
    FOCUS_PROMPT("Focus the prompt", new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN)),
    SEARCH_HISTORY("Search history", new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN)),
    STAR("Star the selected history item", new KeyCodeCombination(KeyCode.S)),
    NEW_SEED("New seed", new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN)),
    EXPLORE_SEEDS("Seed explorer: draft 4 seeds", new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN)),
    PASTE_REFERENCE("Paste an image as a reference", new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN)),
    UNDO_DELETE("Undo a history deletion", new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN)),
    SETTINGS("Settings", new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN)),
    HELP("This list", new KeyCodeCombination(KeyCode.F1)),
    QUIT("Quit (a render in flight finishes at the next start)", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));

    private final String meaning;
    private final KeyCombination keys;

    Shortcut(String meaning, KeyCombination keys) {
        this.meaning = meaning;
        this.keys = keys;
    }

    public String meaning() {
        return meaning;
    }

    public KeyCombination keys() {
        return keys;
    }
}
