package io.draftboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.settings.Workspace;
import java.util.List;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** Where a remembered window goes back, without a toolkit. */
class WindowPlacementTest {
    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1440, 900);
    private static final Rectangle2D DOCK = new Rectangle2D(1440, 0, 2560, 1440);

    @Test
    void aWindowOnAScreenStaysWhereItWas() {
        Rectangle2D r = WindowPlacement.place(new Workspace.WindowPlace(1600.0, 100.0, 1800.0, 1000.0, false),
                List.of(LAPTOP, DOCK), 1024, 700);
        assertThat(r).isEqualTo(new Rectangle2D(1600, 100, 1800, 1000));
    }

    @Test
    void aWindowOnAScreenThatIsGoneComesBackOntoThePrimaryWithinIt() {
        Rectangle2D r = WindowPlacement.place(new Workspace.WindowPlace(1600.0, 100.0, 1800.0, 1000.0, false),
                List.of(LAPTOP), 1024, 700);
        assertThat(r.getMinX()).isGreaterThanOrEqualTo(0);
        assertThat(r.getMaxX()).isLessThanOrEqualTo(1440);
        assertThat(r.getMaxY()).isLessThanOrEqualTo(900);
        assertThat(r.getWidth()).isEqualTo(1440);
    }

    @Test
    void aTitleBarAboveTheScreenIsBroughtDown() {
        Rectangle2D r = WindowPlacement.place(new Workspace.WindowPlace(100.0, -500.0, 1100.0, 720.0, false),
                List.of(LAPTOP), 1024, 700);
        assertThat(r.getMinY()).isGreaterThanOrEqualTo(0);
        assertThat(r.getMinX()).isEqualTo(100);
    }

    @Test
    void nothingSavedKeepsTheDefaultAndTooSmallIsMadeTheMinimum() {
        assertThat(WindowPlacement.place(null, List.of(LAPTOP), 1024, 700)).isNull();
        Rectangle2D r = WindowPlacement.place(new Workspace.WindowPlace(10.0, 10.0, 300.0, 200.0, false),
                List.of(LAPTOP), 1024, 700);
        assertThat(r.getWidth()).isEqualTo(1024);
        assertThat(r.getHeight()).isEqualTo(700);
    }
}
