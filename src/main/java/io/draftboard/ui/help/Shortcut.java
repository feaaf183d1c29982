package io.draftboard.ui.help;

import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * Every studio shortcut and gesture in one place, so the key handlers and the F1 overlay can never disagree.
 * A shortcut has key combinations (the first is the one shown); a gesture (a drag, the wheel, keys that only
 * mean something in one place) is described in words and matches no key event here.
 */
public enum Shortcut {
    RENDER_FINAL("Render the final from the draft on screen", new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN)),
    TOGGLE_DRAFTS("Live drafts on / off", new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN)),
    DRAFT_NOW("Draft now (when live drafts are off)", new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN)),
    CANCEL("Cancel the draft (never a paid final)", new KeyCodeCombination(KeyCode.ESCAPE)),
    FOCUS_PROMPT("Focus the prompt", new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN)),
    LEAVE_PROMPT(Section.STUDIO, "Tab, Shift+Tab", "Next, previous field (the prompt never types a tab)"),
    NEW_SEED("New seed", new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN)),
    EXPLORE_SEEDS("Seed explorer: draft 4 seeds", new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN)),
    PASTE_REFERENCE("Paste images or image files as references (text pastes as text)",
            new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN)),
    SETTINGS("Settings", new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN)),
    HELP("This list", new KeyCodeCombination(KeyCode.F1)),
    QUIT("Quit (a render in flight finishes at the next start)", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN)),

    SEARCH_HISTORY(Section.HISTORY, "Search history", new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN)),
    ENTER_HISTORY(Section.HISTORY, "\u2193 in search", "From the search box into the grid"),
    MOVE_IN_HISTORY(Section.HISTORY, "Arrows, Home, End, PgUp, PgDn", "Move between renders"),
    STAR(Section.HISTORY, "Star or unstar the selected render", new KeyCodeCombination(KeyCode.S)),
    RECALL(Section.HISTORY, "Enter", "Recall the selected render into the editor", new KeyCodeCombination(KeyCode.ENTER)),
    DELETE(Section.HISTORY, "Del", "Delete the selected render", new KeyCodeCombination(KeyCode.DELETE),
            new KeyCodeCombination(KeyCode.BACK_SPACE)),
    UNDO_DELETE(Section.HISTORY, "Undo a history deletion", new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN)),
    HISTORY_MENU(Section.HISTORY, "Menu key, Shift+F10",
            "The selected render's menu (re-run, compare, export, copy); right-click opens it too"),
    OPEN_RENDER(Section.HISTORY, "Double-click", "Open a render in the preview"),

    COMPARE_SPLIT(Section.COMPARE, "Drag", "Move the split between A and B"),
    COMPARE_PAN(Section.COMPARE, "Right- or middle-drag", "Pan both images"),
    COMPARE_WHEEL(Section.COMPARE, "Wheel", "Zoom around the pointer, from fit to 800 %"),
    COMPARE_ZOOM_IN(Section.COMPARE, "Zoom in", new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_ANY),
            new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN),
            new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN)),
    COMPARE_ZOOM_OUT(Section.COMPARE, "Zoom out", new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN),
            new KeyCodeCombination(KeyCode.SUBTRACT, KeyCombination.SHORTCUT_DOWN)),
    COMPARE_FIT(Section.COMPARE, "Fit the whole image", new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN),
            new KeyCodeCombination(KeyCode.NUMPAD0, KeyCombination.SHORTCUT_DOWN)),
    COMPARE_TOGGLE(Section.COMPARE, "Double-click", "Fit \u21c4 100 %");

    /** Where a shortcut works; the F1 overlay lists them under these headings. */
    public enum Section {
        STUDIO("Studio"), HISTORY("History"), COMPARE("Compare");

        private final String title;

        Section(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private final Section section;
    private final String label;
    private final String meaning;
    private final List<KeyCombination> combinations;

    Shortcut(String meaning, KeyCombination keys) {
        this(Section.STUDIO, meaning, keys);
    }

    Shortcut(Section section, String meaning, KeyCombination... keys) {
        this(section, keys[0].getDisplayText(), meaning, keys);
    }

    Shortcut(Section section, String label, String meaning, KeyCombination... combinations) {
        this.section = section;
        this.label = label;
        this.meaning = meaning;
        this.combinations = List.of(combinations);
    }

    public String meaning() {
        return meaning;
    }

    /** The keys as the overlay and tooltips show them ("Ctrl+Enter", "Drag"). */
    public String label() {
        return label;
    }

    public Section section() {
        return section;
    }

    /** The main key combination; null for a gesture. */
    public KeyCombination keys() {
        return combinations.isEmpty() ? null : combinations.get(0);
    }

    /** True when {@code e} is one of this shortcut's key combinations (never for a gesture). */
    public boolean matches(KeyEvent e) {
        for (KeyCombination c : combinations) {
            if (c.match(e)) {
                return true;
            }
        }
        return false;
    }
}
