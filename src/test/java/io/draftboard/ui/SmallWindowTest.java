package io.draftboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.RenderKind;
import io.draftboard.imaging.PngWriter;
import io.draftboard.ui.references.DropPayload;
import io.draftboard.ui.studio.SizePreset;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
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
 * The studio in the smallest window it is laid out for (1024 x 700): no word is cut or ends in "…", no control
 * runs out of its column; and the 3:4 preset, chosen there, is 4:3 on its side.
 */
@ExtendWith(ApplicationExtension.class)
class SmallWindowTest {
    private final FakeEngine quick = new FakeEngine("quick", 0, 4);
    private StudioFixture studio;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        studio = new StudioFixture(stage, List.of(quick));
        stage.setWidth(StudioWindow.MIN_WIDTH);
        stage.setHeight(StudioWindow.MIN_HEIGHT);
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

    @Test
    void atTheSmallestWindowNoWordIsCutAndNoControlLeavesItsColumn(FxRobot robot) throws Exception {
        assertThat(studio.window.getScene().getWidth()).isEqualTo(1024);
        assertThat(studio.window.getScene().getHeight()).isEqualTo(700);
        HistorySeed seed = new HistorySeed(studio);
        seed.add("business card \"ACME STUDIO\" black and gold, embossed, on a marble desk", RenderKind.FINAL, true,
                1024, 512, Instant.now());
        seed.add("coffee mug mockup on a wooden table, warm light", RenderKind.DRAFT, false, 512, 1024,
                Instant.now().minusSeconds(86_400));
        robot.interact(() -> studio.window.historyModel().refresh());
        Path ref = Files.createTempDirectory("small").resolve("logo.png");
        Files.write(ref, PngWriter.encode(new BufferedImage(60, 40, BufferedImage.TYPE_INT_RGB), List.of()));
        robot.interact(() -> studio.model.editor().references().accept(new DropPayload.Files(List.of(ref))));
        robot.clickOn("#prompt").write("poster \"SUMMER SALE\", orange sun over a calm blue sea, bold sans-serif");
        studio.pastTheDebounce();
        waitFor(() -> "ready".equals(state(robot)) && studio.window.historyModel().items().size() >= 3
                && studio.model.editor().references().items().size() == 1);

        assertNothingCut(robot, "the preview");
        robot.clickOn("Compare");
        WaitForAsyncUtils.waitForFxEvents();
        assertNothingCut(robot, "compare");
        robot.clickOn("Seeds");
        robot.clickOn("#explore");
        waitFor(() -> studio.window.explorer().tiles().stream().allMatch(t -> t.isReady()));
        assertNothingCut(robot, "the seed explorer");
        robot.clickOn("#prompt");
        robot.press(KeyCode.F1).release(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertNothingCut(robot, "the shortcuts");
        Bounds card = robot.lookup(".help-card").query().localToScene(robot.lookup(".help-card").query().getLayoutBounds());
        assertThat(card.getMinY()).isGreaterThanOrEqualTo(0);
        assertThat(card.getMaxY()).isLessThanOrEqualTo(700);
    }

    private void assertNothingCut(FxRobot robot, String where) {
        robot.interact(() -> studio.window.layout());
        List<String> cut = new ArrayList<>();
        Parent root = studio.window;
        SplitPane split = robot.lookup(".split-pane").queryAs(SplitPane.class);
        for (Node n : root.lookupAll("*")) {
            if (!shown(n)) {
                continue;
            }
            if (n instanceof Labeled l && l.getText() != null && !l.getText().isBlank()
                    && !l.getStyleClass().contains("history-tile-prompt")) { // a tile shows its prompt's start by design
                Text drawn = (Text) l.lookup(".text");
                if (drawn != null && !flat(drawn.getText()).equals(flat(l.getText()))) {
                    cut.add("\"" + l.getText() + "\" drawn as \"" + drawn.getText() + "\"");
                }
            }
            if (n instanceof Control c && !insideScroller(n, root)) {
                Bounds b = c.localToScene(c.getLayoutBounds());
                Node column = columnOf(n, split);
                Bounds limit = column == null ? root.localToScene(root.getLayoutBounds())
                        : column.localToScene(column.getLayoutBounds());
                if (b.getMinX() < limit.getMinX() - 1 || b.getMaxX() > limit.getMaxX() + 1
                        || b.getMaxY() > limit.getMaxY() + 1) {
                    cut.add(describe(c) + " at " + round(b) + " outside its column " + round(limit));
                }
            }
        }
        assertThat(cut).as("cut off in %s", where).isEmpty();
    }

    private static String flat(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    private static String round(Bounds b) {
        return String.format("[%.0f..%.0f x %.0f..%.0f]", b.getMinX(), b.getMaxX(), b.getMinY(), b.getMaxY());
    }

    private static String describe(Node n) {
        return n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId())
                + (n instanceof Labeled l ? " \"" + l.getText() + "\"" : "");
    }

    private static boolean shown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Content that scrolls is meant to reach past its viewport. */
    private static boolean insideScroller(Node n, Node root) {
        for (Node p = n.getParent(); p != null && p != root; p = p.getParent()) {
            if (p instanceof ScrollPane || p instanceof VirtualFlow<?>) {
                return true;
            }
        }
        return false;
    }

    private static Node columnOf(Node n, SplitPane split) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (split.getItems().contains(p)) {
                return p;
            }
        }
        return null;
    }

    /** Opens the size list and clicks the preset, as a designer would. */
    private static void choose(FxRobot robot, SizePreset preset) throws Exception {
        // In a 700 px window the size list is below the fold: focusing it scrolls the editor to it.
        robot.interact(() -> robot.lookup("#size").query().requestFocus());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#size");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(preset.toString()).tryQuery().isPresent());
        robot.clickOn(preset.toString());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void threeByFourIsFourByThreeOnItsSide(FxRobot robot) throws Exception {
        @SuppressWarnings("unchecked")
        ComboBox<SizePreset> size = robot.lookup("#size").queryAs(ComboBox.class);
        @SuppressWarnings("unchecked")
        Spinner<Integer> width = robot.lookup("#width").queryAs(Spinner.class);
        @SuppressWarnings("unchecked")
        Spinner<Integer> height = robot.lookup("#height").queryAs(Spinner.class);
        SizePreset landscape = size.getItems().stream().filter(p -> p.label().equals("4:3 \u00b7 1 MP")).findFirst()
                .orElseThrow();
        SizePreset portrait = size.getItems().stream().filter(p -> p.label().equals("3:4 \u00b7 1 MP")).findFirst()
                .orElseThrow();

        choose(robot, landscape);
        int w = width.getValue();
        int h = height.getValue();
        choose(robot, portrait);

        assertThat(width.getValue()).isEqualTo(h);
        assertThat(height.getValue()).isEqualTo(w);
        assertThat(w).isGreaterThan(h);
    }
}
