package io.draftboard.ui.studio;

import io.draftboard.ui.studio.PreviewModel.Shot;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The picture in the preview pane: a finished render, or a running job's step frame drawn over it. A frame
 * gives way to its job's image, or, when that job ends without one, to the picture it covered. FX thread only.
 */
final class PreviewPicture {
    /** Whose step frame is on screen, if any. */
    enum Frame { NONE, DRAFT, FINAL }

    private final ReadOnlyObjectWrapper<Shot> shown = new ReadOnlyObjectWrapper<>();
    private Frame onScreen = Frame.NONE;
    /** The picture the frame on screen covers, put back if its job brings none. */
    private Shot underFrame;

    /** A finished picture takes the place of any frame. */
    void show(Shot shot) {
        onScreen = Frame.NONE;
        underFrame = null;
        shown.set(shot);
    }

    /** {@code whose} step frame goes on screen, over the picture (a frame replaces that job's or the other's). */
    void frame(Frame whose, Shot frame) {
        if (onScreen == Frame.NONE) {
            underFrame = shown.get();
        }
        onScreen = whose;
        shown.set(frame);
    }

    /** {@code whose} ended without an image: its frame gives the screen back to the picture it covered. */
    void drop(Frame whose) {
        if (onScreen == whose) {
            shown.set(underFrame);
            onScreen = Frame.NONE;
            underFrame = null;
        }
    }

    Shot get() {
        return shown.get();
    }

    ReadOnlyObjectProperty<Shot> property() {
        return shown.getReadOnlyProperty();
    }
}
