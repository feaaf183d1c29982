package io.draftboard.ui.compare;

import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * Turns mouse input on a {@link CompareView} into split, pan and zoom changes: primary drag moves the split,
 * secondary or middle drag pans, the wheel zooms around the cursor, a primary double-click toggles fit and
 * 100 %; with focus (a press gives it), Ctrl+= / Ctrl+- / Ctrl+0 zoom. Handlers are added rather than set, so the view's own {@code setOnXxx} slots stay free for callers.
 */
final class CompareGestures {
    /** Zoom factor per pixel of wheel delta: one notch (40 px on most platforms) zooms by about 17 %. */
    private static final double ZOOM_PER_WHEEL_PIXEL = 0.004;

    private final CompareView view;
    private double lastX;
    private double lastY;

    private CompareGestures(CompareView view) {
        this.view = view;
    }

    static void attach(CompareView view) {
        CompareGestures gestures = new CompareGestures(view);
        view.addEventHandler(MouseEvent.MOUSE_PRESSED, gestures::pressed);
        view.addEventHandler(MouseEvent.MOUSE_DRAGGED, gestures::dragged);
        view.addEventHandler(MouseEvent.MOUSE_CLICKED, gestures::clicked);
        view.addEventHandler(ScrollEvent.SCROLL, gestures::scrolled);
        view.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (view.zoomKey(e)) {
                e.consume();
            }
        });
    }

    private void pressed(MouseEvent e) {
        view.requestFocus(); // so Ctrl+= / Ctrl+- / Ctrl+0 reach it
        lastX = e.getX();
        lastY = e.getY();
    }

    private void dragged(MouseEvent e) {
        if (e.isPrimaryButtonDown()) {
            view.moveSplitTo(e.getX());
        } else if (e.isSecondaryButtonDown() || e.isMiddleButtonDown()) {
            view.panBy(e.getX() - lastX, e.getY() - lastY);
        }
        lastX = e.getX();
        lastY = e.getY();
        e.consume();
    }

    private void clicked(MouseEvent e) {
        // A press that turned into a split drag is not a click the user meant. JavaFX keeps counting clicks
        // in quick succession (3, 4, ...), so every second one toggles: two quick double-clicks go there and back.
        if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() % 2 == 0 && e.isStillSincePress()) {
            view.toggleZoom(e.getX(), e.getY());
            e.consume();
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() != 0) {
            view.zoomBy(Math.exp(e.getDeltaY() * ZOOM_PER_WHEEL_PIXEL), e.getX(), e.getY());
            // Inside a ScrollPane the wheel would otherwise scroll the page as well.
            e.consume();
        }
    }
}
