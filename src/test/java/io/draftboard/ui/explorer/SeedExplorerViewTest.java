package io.draftboard.ui.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.ui.FakeEngine;
import io.draftboard.ui.StudioFixture;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The seed explorer fills its pane with its drafts and keeps the chosen one marked. */
@ExtendWith(ApplicationExtension.class)
class SeedExplorerViewTest {
    private static final PseudoClass CHOSEN = PseudoClass.getPseudoClass("chosen");
    private final FakeEngine quick = new FakeEngine("quick", 0, 4);
    private StudioFixture studio;

    @Start
    void start(Stage stage) throws Exception {
        studio = new StudioFixture(stage, List.of(quick));
    }

    @AfterEach
    void tearDown() {
        studio.close();
    }

    private void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean chosen(FxRobot robot, int tile) {
        Node n = robot.lookup("#seedTile" + tile).query();
        return n.getPseudoClassStates().contains(CHOSEN) && n.lookup(".seed-tile-chosen").isVisible();
    }

    /** At the smallest window the centre column is narrower than the explorer's row: the button wraps, whole. */
    @Test
    void inANarrowColumnTheExploreButtonWrapsBelowWithItsWholeName(FxRobot robot) {
        robot.clickOn("Seeds");
        javafx.scene.control.SplitPane split = robot.lookup(".split-pane").queryAs(javafx.scene.control.SplitPane.class);
        robot.interact(() -> {
            double width = split.getWidth();
            split.setDividerPositions(0.40, 0.40 + 230 / width); // a 230 px centre column
            split.layout();
        });
        WaitForAsyncUtils.waitForFxEvents();

        javafx.scene.control.Button explore = robot.lookup("#explore").queryAs(javafx.scene.control.Button.class);
        Node column = robot.lookup("#seedExplorer").query();
        Bounds button = explore.localToScene(explore.getLayoutBounds());
        Bounds inside = column.localToScene(column.getLayoutBounds());
        assertThat(((javafx.scene.text.Text) explore.lookup(".text")).getText()).isEqualTo("Explore seeds");
        assertThat(button.getMaxX()).isLessThanOrEqualTo(inside.getMaxX());
        Node count = robot.lookup("#explorerCount").query();
        assertThat(button.getMinY()).isGreaterThan(count.localToScene(count.getLayoutBounds()).getMaxY());
    }

    @Test
    void theTilesFillThePaneAndTheChosenOneStaysMarked(FxRobot robot) throws Exception {
        robot.clickOn("#prompt").write("logo mark");
        robot.clickOn("Seeds");
        robot.clickOn("#explore");
        waitFor(() -> studio.window.explorer().tiles().size() == 4
                && studio.window.explorer().tiles().stream().allMatch(SeedExplorerModel.Tile::isReady));

        Node grid = robot.lookup("#explorerGrid").query();
        Bounds pane = grid.localToScene(grid.getLayoutBounds());
        double minX = Double.MAX_VALUE;
        double maxX = 0;
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (int i = 1; i <= 4; i++) {
            Node tile = robot.lookup("#seedTile" + i).query();
            Bounds b = tile.localToScene(tile.getLayoutBounds());
            assertThat(b.getWidth()).isEqualTo(b.getHeight());
            assertThat(pane.contains(b.getMinX() + 1, b.getMinY() + 1) && pane.contains(b.getMaxX() - 1, b.getMaxY() - 1))
                    .as("tile %d inside the pane", i).isTrue();
            minX = Math.min(minX, b.getMinX());
            maxX = Math.max(maxX, b.getMaxX());
            minY = Math.min(minY, b.getMinY());
            maxY = Math.max(maxY, b.getMaxY());
            assertThat(chosen(robot, i)).isFalse();
        }
        // The grid of tiles spans the pane's width or its height: no 220 px tiles in a corner of a large pane.
        assertThat(Math.max((maxX - minX) / pane.getWidth(), (maxY - minY) / pane.getHeight())).isGreaterThan(0.9);
        assertThat(robot.lookup("#explorerGrid").queryAs(javafx.scene.layout.TilePane.class).getPrefTileWidth())
                .isGreaterThan(228);

        robot.clickOn("#seedTile3");
        assertThat(chosen(robot, 3)).isTrue();
        assertThat(chosen(robot, 1) || chosen(robot, 2) || chosen(robot, 4)).isFalse();
        assertThat(studio.model.editor().seedProperty().get())
                .isEqualTo(Long.toString(studio.window.explorer().tiles().get(2).seed()));

        robot.press(KeyCode.TAB).release(KeyCode.TAB); // on to tile 4, and Enter picks it
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(chosen(robot, 4)).isTrue();
        assertThat(chosen(robot, 3)).isFalse();
        assertThat(studio.model.editor().seedProperty().get())
                .isEqualTo(Long.toString(studio.window.explorer().tiles().get(3).seed()));
    }
}
