package io.draftboard.ui.references;

import java.nio.file.Path;
import java.util.List;

/** What arrived by drag and drop or paste, read off the dragboard or clipboard on the FX thread. */
public sealed interface DropPayload {
    /** Files from the desktop or a file manager. */
    record Files(List<Path> paths) implements DropPayload {
        public Files {
            paths = List.copyOf(paths);
        }
    }

    /** A link, typically an image dragged out of a browser that offered no file. */
    record Link(String url) implements DropPayload {
    }

    /** Pixels with no file behind them (a screenshot on the clipboard); encoded to PNG off the FX thread. */
    record Pixels(java.awt.image.BufferedImage image) implements DropPayload {
    }
}
