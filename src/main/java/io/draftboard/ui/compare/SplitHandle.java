package io.draftboard.ui.compare;

import javafx.scene.layout.Region;

/**
 * The split line: a thin accent rule with a round grip at its middle. Only a marker; the whole compare view
 * takes the drag, so the user does not have to hit a 2 px target.
 */
final class SplitHandle extends Region {
    private static final double LINE_WIDTH = 2;
    private static final double GRIP_DIAMETER = 14;

    private final Region line = new Region();
    private final Region grip = new Region();

    SplitHandle() {
        getStyleClass().add("compare-split");
        line.getStyleClass().add("compare-split-line");
        grip.getStyleClass().add("compare-split-grip");
        // Coloured by studio.css through these classes, with the theme's looked-up colours.
        getChildren().addAll(line, grip);
        setMouseTransparent(true);
    }

    @Override
    protected double computePrefWidth(double height) {
        return GRIP_DIAMETER;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        line.resizeRelocate((w - LINE_WIDTH) / 2, 0, LINE_WIDTH, h);
        grip.resizeRelocate((w - GRIP_DIAMETER) / 2, (h - GRIP_DIAMETER) / 2, GRIP_DIAMETER, GRIP_DIAMETER);
    }
}
