package io.draftboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Background;
import javafx.scene.layout.Region;
import javafx.scene.paint.Paint;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The draft-state badge in a 1024 px window: one width whatever it says, so the progress bar beside it never
 * moves, and stale (the picture is out of date) never looks like queued (a draft is on its way).
 */
@ExtendWith(ApplicationExtension.class)
class StateBadgeTest {
    private final FakeEngine quick = new FakeEngine("quick", 0, 4);
    private StudioFixture studio;

    @Start
    void start(Stage stage) throws Exception {
        studio = new StudioFixture(stage, List.of(quick));
        stage.setWidth(1024); // the smallest window the studio is laid out for
        stage.setHeight(700);
    }

    @AfterEach
    void tearDown() {
        quick.release();
        studio.close();
    }

    private void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String state(FxRobot robot) {
        return robot.lookup("#state").queryAs(Label.class).getText();
    }

    private static String flat(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    @Test
    void theStateBadgeKeepsOneWidthSoTheProgressBarNeverMoves(FxRobot robot) throws Exception {
        Label badge = robot.lookup("#state").queryAs(Label.class);
        Node bar = robot.lookup("#progress").query();
        List<String> seen = new ArrayList<>();
        List<Double> widths = new ArrayList<>();
        List<Double> barX = new ArrayList<>();
        Runnable measure = () -> {
            robot.interact(() -> studio.window.layout());
            seen.add(badge.getText());
            widths.add(badge.getWidth());
            barX.add(bar.localToScene(0, 0).getX());
            assertThat(flat(((Text) badge.lookup(".text")).getText())).isEqualTo(badge.getText());
        };
        measure.run(); // idle
        quick.hold();
        robot.clickOn("#prompt").write("a red balloon");
        measure.run(); // stale: typed, the pause not over yet
        studio.pastTheDebounce();
        waitFor(() -> "rendering".equals(state(robot)));
        measure.run();
        quick.release();
        waitFor(() -> "ready".equals(state(robot)));
        measure.run();

        assertThat(seen).containsExactly("idle", "stale", "rendering", "ready");
        assertThat(widths).allMatch(w -> w.equals(widths.get(0)));
        assertThat(barX).allMatch(x -> x.equals(barX.get(0)));
    }

    @Test
    void staleAndQueuedLookDifferent(FxRobot robot) {
        Label stale = new Label("stale");
        stale.getStyleClass().addAll("state-badge", "state-stale");
        Label queued = new Label("queued");
        queued.getStyleClass().addAll("state-badge", "state-queued");
        robot.interact(() -> {
            studio.window.getChildren().addAll(stale, queued);
            studio.window.applyCss();
            studio.window.layout();
        });

        assertThat(fill(stale)).isNotEqualTo(fill(queued));
        assertThat(stale.getTextFill()).isNotEqualTo(queued.getTextFill());
        assertThat(queued.getBorder().getStrokes().get(0).getTopStyle().getDashArray()).isNotEmpty();
        assertThat(stale.getBorder().getStrokes().get(0).getTopStyle().getDashArray()).isEmpty();
        assertThat(stale.getWidth()).isEqualTo(queued.getWidth());
        robot.interact(() -> studio.window.getChildren().removeAll(stale, queued));
    }

    private static Paint fill(Region r) {
        Background b = r.getBackground();
        return b == null || b.getFills().isEmpty() ? null : b.getFills().get(b.getFills().size() - 1).getFill();
    }

}
