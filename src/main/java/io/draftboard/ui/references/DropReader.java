package io.draftboard.ui.references;

import java.io.File;
import java.util.List;
import java.util.Optional;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;

/**
 * Reads a dragboard or the clipboard (a Dragboard is a Clipboard) into a {@link DropPayload}. Files win over
 * links, links over raw pixels: a browser offers all three for one image, and the file or the link carries
 * the original bytes (and their metadata) where the pixels do not.
 */
public final class DropReader {
    private DropReader() {
    }

    public static boolean offersSomething(Clipboard board) {
        return board.hasFiles() || board.hasUrl() || board.hasImage()
                || (board.hasString() && looksLikeLink(board.getString()));
    }

    /**
     * True when {@code board} holds files or an image rather than text: what Ctrl+V in the prompt turns into
     * references. An image that comes with nothing but its own link as text (a browser's "Copy image") counts;
     * text with an image beside it (some editors copy both) is text.
     */
    public static boolean holdsImages(Clipboard board) {
        if (board.hasFiles()) {
            return true;
        }
        if (!board.hasImage()) {
            return false;
        }
        String text = board.hasString() ? board.getString() : null;
        return text == null || text.isBlank() || looksLikeLink(text);
    }

    public static Optional<DropPayload> read(Clipboard board) {
        if (board.hasFiles()) {
            List<File> files = board.getFiles();
            return Optional.of(new DropPayload.Files(files.stream().map(File::toPath).toList()));
        }
        if (board.hasUrl() && !board.getUrl().isBlank()) {
            return Optional.of(new DropPayload.Link(board.getUrl().strip()));
        }
        if (board.hasImage() && board.getImage() != null) {
            // Copying the pixels is all that happens here; the tray encodes them in the background.
            return Optional.of(new DropPayload.Pixels(SwingFXUtils.fromFXImage(board.getImage(), null)));
        }
        if (board.hasContent(DataFormat.PLAIN_TEXT) && looksLikeLink(board.getString())) {
            return Optional.of(new DropPayload.Link(board.getString().strip()));
        }
        return Optional.empty();
    }

    private static boolean looksLikeLink(String text) {
        return text != null && text.strip().matches("(?i)^[a-z][a-z0-9+.-]*://\\S+$");
    }
}
