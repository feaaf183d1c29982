package io.draftboard.ui.studio;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;

/**
 * Keeps the focused field in view inside a scroll pane: a scroll pane does not follow the keyboard, so in a
 * short window Tab would otherwise walk into fields below the fold. It scrolls as little as it takes.
 */
final class FollowFocus {
    private static final double MARGIN = 12;

    private FollowFocus() {
    }

    static void install(ScrollPane scroll) {
        scroll.sceneProperty().addListener((o, was, scene) -> listen(scroll, scene));
        listen(scroll, scroll.getScene());
    }

    private static void listen(ScrollPane scroll, Scene scene) {
        if (scene != null) {
            scene.focusOwnerProperty().addListener((o, was, now) -> {
                if (scroll.getScene() == scene) {
                    reveal(scroll, now);
                }
            });
        }
    }

    static void reveal(ScrollPane scroll, Node node) {
        Node content = scroll.getContent();
        if (node == null || content == null || !inside(node, content)) {
            return;
        }
        Bounds b = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        double contentHeight = content.getLayoutBounds().getHeight();
        double viewHeight = scroll.getViewportBounds().getHeight();
        if (b == null || contentHeight <= viewHeight || viewHeight <= 0) {
            return;
        }
        double span = contentHeight - viewHeight;
        double range = scroll.getVmax() - scroll.getVmin();
        double top = (scroll.getVvalue() - scroll.getVmin()) / range * span;
        if (b.getMinY() - MARGIN < top) {
            top = b.getMinY() - MARGIN;
        } else if (b.getMaxY() + MARGIN > top + viewHeight) {
            top = b.getMaxY() + MARGIN - viewHeight;
        } else {
            return;
        }
        scroll.setVvalue(scroll.getVmin() + Math.max(0, Math.min(top / span, 1)) * range);
    }

    private static boolean inside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }
}
