package io.draftboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.imaging.PngWriter;
import io.draftboard.ui.help.Shortcut;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The studio from the keyboard: Tab in and out of the prompt, Ctrl+V of images in the prompt, the F1 list,
 * and Compare's zoom keys wherever the focus is.
 */
@ExtendWith(ApplicationExtension.class)
class KeyboardTest {
    /** Renders a flat image at once: these tests are about keys, not pictures. */
    private final FakeEngine free = new FakeEngine("quick", 0, 4);
    private StudioFixture studio;

    @Start
    void start(Stage stage) throws Exception {
        studio = new StudioFixture(stage, List.of(free));
    }

    @AfterEach
    void tearDown() {
        free.release();
        studio.close();
    }

    private void waitFor(Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out; state " + studio.model.preview().stateProperty().get() + ", prompt \""
                    + studio.model.editor().promptProperty().get() + "\", " + free.requests.size() + " requests, says \""
                    + studio.model.preview().messageProperty().get() + "\"", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void press(FxRobot robot, KeyCode... keys) {
        robot.press(keys).release(keys);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TextArea prompt(FxRobot robot) {
        return robot.lookup("#prompt").queryAs(TextArea.class);
    }

    private Node focusOwner() {
        return studio.window.getScene().getFocusOwner();
    }

    @Test
    void tabAndShiftTabMoveFocusOutOfAndIntoThePromptWithoutTypingOrDrafting(FxRobot robot) throws Exception {
        robot.clickOn("#prompt");
        press(robot, KeyCode.TAB); // an empty prompt: Tab leaves it and nothing fires
        assertThat(focusOwner()).isNotSameAs(prompt(robot));
        studio.pastTheDebounce();
        assertThat(free.requests).isEmpty();

        press(robot, KeyCode.SHIFT, KeyCode.TAB);
        assertThat(focusOwner()).isSameAs(prompt(robot));
        robot.write("a red balloon");
        studio.pastTheDebounce();
        waitFor(() -> "ready".equals(robot.lookup("#state").queryAs(Label.class).getText()));
        assertThat(free.requests).hasSize(1);

        press(robot, KeyCode.TAB);
        Node next = focusOwner();
        assertThat(next).isNotSameAs(prompt(robot));
        assertThat(prompt(robot).getText()).isEqualTo("a red balloon");
        press(robot, KeyCode.SHIFT, KeyCode.TAB);
        assertThat(focusOwner()).isSameAs(prompt(robot));
        assertThat(prompt(robot).getText()).isEqualTo("a red balloon");
        studio.pastTheDebounce();
        assertThat(free.requests).hasSize(1);
        assertThat(studio.model.editor().promptProperty().get()).isEqualTo("a red balloon");
    }

    @Test
    void ctrlVInThePromptTurnsFilesAndImagesIntoReferencesAndStillPastesText(FxRobot robot) throws Exception {
        Path dir = Files.createTempDirectory("paste");
        Path logo = dir.resolve("logo.png");
        Files.write(logo, PngWriter.encode(new BufferedImage(80, 60, BufferedImage.TYPE_INT_RGB), List.of()));
        robot.clickOn("#prompt").write("poster with ");

        robot.interact(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putFiles(List.of(logo.toFile()));
            Clipboard.getSystemClipboard().setContent(content);
        });
        press(robot, KeyCode.CONTROL, KeyCode.V);
        waitFor(() -> studio.model.editor().references().items().size() == 1);
        assertThat(robot.lookup("#referenceMessage").queryAs(Label.class).getText()).startsWith("Added logo.png as image 1");
        assertThat(prompt(robot).getText()).isEqualTo("poster with ");
        assertThat(focusOwner()).isSameAs(prompt(robot));

        robot.interact(() -> {
            WritableImage pixels = new WritableImage(40, 30);
            pixels.getPixelWriter().setColor(5, 5, Color.RED);
            ClipboardContent content = new ClipboardContent();
            content.putImage(pixels);
            Clipboard.getSystemClipboard().setContent(content);
        });
        press(robot, KeyCode.CONTROL, KeyCode.V);
        waitFor(() -> studio.model.editor().references().items().size() == 2);
        assertThat(robot.lookup("#referenceMessage").queryAs(Label.class).getText())
                .startsWith("Added the pasted image as image 2");
        assertThat(prompt(robot).getText()).isEqualTo("poster with ");

        robot.interact(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putString("a mug");
            Clipboard.getSystemClipboard().setContent(content);
        });
        press(robot, KeyCode.CONTROL, KeyCode.V);
        assertThat(prompt(robot).getText()).isEqualTo("poster with a mug");
        assertThat(studio.model.editor().references().items()).hasSize(2);
    }

    @Test
    void f1ListsEveryShortcutAndGestureIncludingHistoryAndCompare(FxRobot robot) throws Exception {
        robot.clickOn("#prompt");
        press(robot, KeyCode.F1);

        Node overlay = robot.lookup("#helpOverlay").query();
        assertThat(overlay.isVisible()).isTrue();
        Set<String> shown = robot.from(overlay).lookup(".label").queryAll().stream()
                .map(n -> ((Label) n).getText()).collect(Collectors.toSet());
        for (Shortcut s : Shortcut.values()) {
            assertThat(shown).as(s.name()).contains(s.label(), s.meaning());
        }
        assertThat(shown).contains("Del", "Enter", "Drag", "Right- or middle-drag", "Wheel", "Double-click",
                "Ctrl+=", "Ctrl+-", "Ctrl+0", "Arrows, Home, End, PgUp, PgDn", "Menu key, Shift+F10");
        assertThat(shown).contains("Move the split between A and B", "Pan both images",
                "Zoom around the pointer, from fit to 800 %", "Delete the selected render",
                "Recall the selected render into the editor");

        press(robot, KeyCode.A); // any key closes it, and types nothing
        assertThat(overlay.isVisible()).isFalse();
        assertThat(prompt(robot).getText()).isEmpty();
    }

    @Test
    void compareZoomsWithCtrlPlusMinusAndZeroWhileItShows(FxRobot robot) throws Exception {
        WritableImage a = new WritableImage(1600, 1200);
        WritableImage b = new WritableImage(1600, 1200);
        robot.interact(() -> studio.window.compareView().setImages(a, b));
        robot.clickOn("Compare");
        double fit = studio.window.compareView().getZoom();
        assertThat(fit).isLessThan(1);
        robot.clickOn("#prompt"); // the focus is elsewhere: the keys still reach Compare while it shows

        press(robot, KeyCode.CONTROL, KeyCode.EQUALS);
        double in = studio.window.compareView().getZoom();
        assertThat(in).isGreaterThan(fit);
        for (int i = 0; i < 20; i++) {
            press(robot, KeyCode.CONTROL, KeyCode.EQUALS);
        }
        assertThat(studio.window.compareView().getZoom()).isEqualTo(8.0);
        assertThat(studio.window.compareView().zoomText()).isEqualTo("800 %");
        press(robot, KeyCode.CONTROL, KeyCode.MINUS);
        assertThat(studio.window.compareView().getZoom()).isLessThan(8.0).isGreaterThan(fit);
        press(robot, KeyCode.CONTROL, KeyCode.DIGIT0);
        assertThat(studio.window.compareView().getZoom()).isEqualTo(fit);
        assertThat(studio.window.compareView().zoomText()).startsWith("Fit \u00b7 ");
        assertThat(prompt(robot).getText()).isEmpty();
    }

    /** Bounds of a node in the scene (for the overlay's fit). */
    static Bounds inScene(Node n) {
        return n.localToScene(n.getLayoutBounds());
    }
}
