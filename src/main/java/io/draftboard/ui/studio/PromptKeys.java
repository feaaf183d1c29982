package io.draftboard.ui.studio;

import io.draftboard.ui.help.Shortcut;
import io.draftboard.ui.references.DropReader;
import io.draftboard.ui.references.ReferenceTrayModel;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * What the prompt does with keys a text area would otherwise keep for itself. Tab and Shift+Tab leave it for
 * the next or previous field, like every other field (a prompt has no use for a tab character). Ctrl+V with
 * images or image files on the clipboard adds them as references, with the tray's usual message; text on the
 * clipboard still pastes as text.
 */
final class PromptKeys {
    private static final boolean MAC = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT)
            .contains("mac");

    private PromptKeys() {
    }

    static void install(TextArea prompt, ReferenceTrayModel references) {
        prompt.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && !e.isShortcutDown() && !e.isAltDown()) {
                e.consume();
                // A text area moves focus on Ctrl+Tab (Ctrl+Shift+Tab back) and types a tab on Tab: Tab is
                // handed on as the combination that moves focus.
                prompt.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.TAB, e.isShiftDown(), !MAC,
                        false, MAC));
            } else if (Shortcut.PASTE_REFERENCE.matches(e) && DropReader.holdsImages(Clipboard.getSystemClipboard())) {
                DropReader.read(Clipboard.getSystemClipboard()).ifPresent(references::accept);
                e.consume();
            }
        });
    }
}
