package io.draftboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.draftboard.generation.RenderKind;
import io.draftboard.imaging.PngWriter;
import io.draftboard.ui.references.DropPayload;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every control Tab reaches shows that it has the focus, in the light theme and the dark one: each is drawn
 * with the focus and again after Tab has moved on, and the two pictures must differ by a visible ring.
 */
@ExtendWith(ApplicationExtension.class)
class FocusRingTest {
    /** A ring of 2 px around even a 20 px slider thumb changes well over this many pixels. */
    private static final int RING_PIXELS = 40;
    private StudioFixture studio;

    @Start
    void start(Stage stage) throws Exception {
        studio = new StudioFixture(stage, List.of(new FakeEngine("quick", 0, 4)));
    }

    @AfterEach
    void tearDown() {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        studio.close();
    }

    @Test
    void everyControlShowsAFocusRingInTheLightTheme(FxRobot robot) throws Exception {
        assertEveryStopShowsARing(robot, false);
    }

    @Test
    void everyControlShowsAFocusRingInTheDarkTheme(FxRobot robot) throws Exception {
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
        assertEveryStopShowsARing(robot, false);
    }

    @Test
    void theSeedExplorersTilesShowTheirFocusToo(FxRobot robot) throws Exception {
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
        assertEveryStopShowsARing(robot, true);
    }

    private void assertEveryStopShowsARing(FxRobot robot, boolean seeds) throws Exception {
        new HistorySeed(studio).add("a render, so the grid has a tile to ring", RenderKind.FINAL);
        robot.interact(() -> studio.window.historyModel().refresh());
        Path ref = Files.createTempDirectory("ring").resolve("logo.png");
        Files.write(ref, PngWriter.encode(new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB), List.of()));
        robot.interact(() -> studio.model.editor().references().accept(new DropPayload.Files(List.of(ref))));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> studio.window.historyModel().items().size() == 1
                && studio.model.editor().references().items().size() == 1);
        robot.clickOn("#prompt");
        if (seeds) {
            robot.write("logo");
            robot.clickOn("Seeds").clickOn("#explore");
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> studio.window.explorer().tiles().size() == 4
                    && studio.window.explorer().tiles().stream().allMatch(t -> t.isReady()));
            robot.clickOn("#prompt");
        }
        WaitForAsyncUtils.waitForFxEvents();

        Set<Node> visited = new LinkedHashSet<>();
        List<String> bare = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Node owner = studio.window.getScene().getFocusOwner();
            if (owner == null || !visited.add(owner)) {
                break;
            }
            WritableImage focused = shot(robot, owner);
            robot.press(KeyCode.TAB).release(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
            WritableImage after = shot(robot, owner);
            int changed = changedPixels(focused, after);
            if (System.getenv("FOCUS_SHOTS") != null) { // FOCUS_SHOTS=dir keeps each focused picture to look at
                String name = System.getenv("FOCUS_SHOTS") + "/" + i + "-" + describe(owner) + ".png";
                javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(focused, null), "png", new java.io.File(name));
            }
            if (changed < RING_PIXELS) {
                bare.add(describe(owner) + " (" + changed + " px)");
            }
        }
        assertThat(visited).extracting(FocusRingTest::describe)
                .contains("TextArea#prompt", "Button#removeReference1", "Slider#quality", "Slider#guidance",
                        "ToggleButton#seedLock", "ToggleSwitch#liveDrafts", "CheckBox#capDrafts",
                        "ToggleButton#starredOnly", "ToggleButton#keepersOnly", "ListView#historyGrid");
        if (seeds) {
            assertThat(visited).extracting(FocusRingTest::describe).contains("StackPane#seedTile1", "StackPane#seedTile4");
        }
        assertThat(bare).as("controls with no visible focus ring").isEmpty();
    }

    private static WritableImage shot(FxRobot robot, Node node) {
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = node.snapshot(null, null));
        return image[0];
    }

    private static int changedPixels(WritableImage a, WritableImage b) {
        int w = (int) Math.min(a.getWidth(), b.getWidth());
        int h = (int) Math.min(a.getHeight(), b.getHeight());
        PixelReader pa = a.getPixelReader();
        PixelReader pb = b.getPixelReader();
        int changed = (int) (Math.abs(a.getWidth() - b.getWidth()) * h + Math.abs(a.getHeight() - b.getHeight()) * w);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                var ca = pa.getColor(x, y);
                var cb = pb.getColor(x, y);
                double d = Math.abs(ca.getRed() - cb.getRed()) + Math.abs(ca.getGreen() - cb.getGreen())
                        + Math.abs(ca.getBlue() - cb.getBlue());
                if (d > 0.3) {
                    changed++;
                }
            }
        }
        return changed;
    }

    private static String describe(Node n) {
        return n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId());
    }
}
