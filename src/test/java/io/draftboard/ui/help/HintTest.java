package io.draftboard.ui.help;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.AccessibleAttribute;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Hover text: read by a screen reader from the start, shown on hover as a tooltip that exists only once the
 * pointer has come by (each tooltip is a popup window, issue 15).
 */
@ExtendWith(ApplicationExtension.class)
class HintTest {
    private final StringProperty tileText = new SimpleStringProperty("");
    private Button shuffle;
    private StackPane tile;

    @Start
    void start(Stage stage) {
        shuffle = new Button("Shuffle");
        tile = new StackPane();
        tile.setMinSize(120, 120);
        Hint.install(shuffle, "New seed (Ctrl+R)");
        Hint.install(tile, tileText);
        stage.setScene(new Scene(new HBox(40, shuffle, tile), 400, 200));
        stage.show();
    }

    /** JavaFX keeps one tooltip behaviour for all windows: none may be left showing for the next test. */
    @AfterEach
    void pointerAway(FxRobot robot) throws Exception {
        robot.moveTo(shuffle).moveBy(0, 80); // below both, inside the window
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> Window.getWindows().stream().noneMatch(w -> w instanceof Tooltip && w.isShowing()));
    }

    @Test
    void aControlIsReadItsHintAtOnceAndShowsItOnHoverThroughATooltipMadeThen(FxRobot robot) throws Exception {
        assertThat(shuffle.getTooltip()).isNull(); // nothing built for a hover that has not happened
        assertThat(WaitForAsyncUtils.asyncFx(() -> shuffle.queryAccessibleAttribute(AccessibleAttribute.HELP)).get())
                .isEqualTo("New seed (Ctrl+R)");

        robot.moveTo(shuffle).moveBy(2, 1);

        assertThat(shuffle.getTooltip()).isNotNull();
        assertThat(shuffle.getTooltip().getText()).isEqualTo("New seed (Ctrl+R)");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> showing("New seed (Ctrl+R)"));
    }

    @Test
    void aNodesHintFollowsItsTextAndAnEmptyTextShowsNoTooltip(FxRobot robot) throws Exception {
        robot.moveTo(tile).moveBy(3, 2);
        assertThat(tile.getProperties()).doesNotContainKey(Tooltip.class); // empty: none installed

        robot.interact(() -> tileText.set("#42 · Draft · 6 steps"));
        assertThat(tile.getAccessibleHelp()).isEqualTo("#42 · Draft · 6 steps");
        robot.moveTo(shuffle).moveTo(tile).moveBy(-3, 2);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> showing("#42 · Draft · 6 steps"));

        robot.moveTo(shuffle);
        robot.interact(() -> tileText.set(null)); // a reused tile with nothing to say
        assertThat(tile.getProperties()).doesNotContainKey(Tooltip.class);
        assertThat(tile.getAccessibleHelp()).isNull();
    }

    @Test
    void aSecondHintOnOneNodeIsAMistake() {
        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> Hint.install(shuffle, "another"));
    }

    private static boolean showing(String text) {
        return Window.getWindows().stream().anyMatch(w -> w instanceof Tooltip t && t.isShowing()
                && text.equals(t.getText()));
    }
}
