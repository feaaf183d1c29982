package io.draftboard.ui;

import io.draftboard.settings.Workspace;
import java.util.List;
import javafx.geometry.Rectangle2D;

/**
 * Where a remembered window goes back: where it was, unless the screen it was on is gone (a laptop off its
 * dock). Then it comes back onto the first screen, no larger than that screen. Pure: tested without a toolkit.
 */
final class WindowPlacement {
    /** How much of the window's top edge must be on some screen for the designer to grab and move it. */
    private static final double GRAB_WIDTH = 120;
    private static final double GRAB_HEIGHT = 32;

    private WindowPlacement() {
    }

    /** The window's bounds on {@code screens} (visual bounds, the first the primary), or null to keep the default. */
    static Rectangle2D place(Workspace.WindowPlace saved, List<Rectangle2D> screens, double minWidth, double minHeight) {
        if (saved == null || saved.width() == null || saved.height() == null || screens.isEmpty()
                || !Double.isFinite(saved.width()) || !Double.isFinite(saved.height())) {
            return null;
        }
        double w = Math.max(minWidth, saved.width());
        double h = Math.max(minHeight, saved.height());
        double x = saved.x() == null || !Double.isFinite(saved.x()) ? Double.NaN : saved.x();
        double y = saved.y() == null || !Double.isFinite(saved.y()) ? Double.NaN : saved.y();
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            Rectangle2D grab = new Rectangle2D(x, y, w, GRAB_HEIGHT);
            for (Rectangle2D s : screens) {
                if (overlap(grab, s) >= Math.min(GRAB_WIDTH, w) && y >= s.getMinY() - 1 && y < s.getMaxY() - GRAB_HEIGHT) {
                    return new Rectangle2D(x, y, w, h);
                }
            }
        }
        // Off every screen: onto the primary, within it, at the same size where it fits.
        Rectangle2D primary = screens.get(0);
        w = Math.min(w, primary.getWidth());
        h = Math.min(h, primary.getHeight());
        double nx = Double.isNaN(x) ? primary.getMinX() + (primary.getWidth() - w) / 2
                : clamp(x, primary.getMinX(), primary.getMaxX() - w);
        double ny = Double.isNaN(y) ? primary.getMinY() + (primary.getHeight() - h) / 2
                : clamp(y, primary.getMinY(), primary.getMaxY() - h);
        return new Rectangle2D(nx, ny, w, h);
    }

    /** How wide the piece of {@code strip} on {@code screen} is (0 when they do not meet). */
    private static double overlap(Rectangle2D strip, Rectangle2D screen) {
        double left = Math.max(strip.getMinX(), screen.getMinX());
        double right = Math.min(strip.getMaxX(), screen.getMaxX());
        return Math.max(0, right - left);
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
