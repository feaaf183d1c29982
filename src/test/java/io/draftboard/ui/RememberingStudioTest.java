package io.draftboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.Reference;
import io.draftboard.generation.RenderKind;
import io.draftboard.history.GenerationRecord;
import io.draftboard.imaging.PngWriter;
import io.draftboard.provider.ReferencePreparer;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
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
 * What the studio remembers within a session: a recall can be taken back (Ctrl+Z, Undo recall) while the
 * prompt's own text undo still works; a starred render asks before it goes, and undo brings it back exactly;
 * a final's progress shows over the preview, and the badge says final, never stale, over a fresh final.
 */
@ExtendWith(ApplicationExtension.class)
class RememberingStudioTest {
    private final FakeEngine free = new FakeEngine(new io.draftboard.provider.offline.OfflineProvider());
    private final FakeEngine paid = new FakeEngine("paid", 0.05, 4);
    private StudioFixture studio;
    private HistorySeed seed;

    @Start
    void start(Stage stage) throws Exception {
        studio = new StudioFixture(stage, List.of(free, paid));
        seed = new HistorySeed(studio);
    }

    @AfterEach
    void tearDown() {
        free.release();
        paid.release();
        studio.close();
    }

    private void waitFor(Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out; studio says \"" + studio.model.preview().messageProperty().get()
                    + "\"", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static void press(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        for (int i = keys.length - 1; i >= 0; i--) {
            robot.release(keys[i]);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Reference reference() throws Exception {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        image.setRGB(2, 2, 0x3366FF);
        return ReferencePreparer.prepare(PngWriter.encode(image, List.of()), ReferencePreparer.DEFAULT_PIXEL_BUDGET);
    }

    private void showHistory(FxRobot robot, int rows) throws Exception {
        robot.interact(() -> studio.window.historyModel().refresh());
        waitFor(() -> studio.window.historyModel().items().size() == rows);
    }

    @Test
    void ctrlZAfterARecallBringsBackThePromptAndReferencesItReplaced(FxRobot robot) throws Exception {
        GenerationRecord row = seed.add("a recalled castle at dusk", RenderKind.FINAL, false, 64, 64, Instant.now());
        showHistory(robot, 1);
        Reference mine = reference();
        robot.interact(() -> studio.model.editor().references().replaceAll(List.of(mine)));
        robot.clickOn("#prompt").write("my own poster");
        robot.interact(() -> studio.model.editor().guidanceProperty().set(8.0));

        robot.interact(() -> studio.window.historyActions().recall(row));
        waitFor(() -> "a recalled castle at dusk".equals(studio.model.editor().promptProperty().get()));
        assertThat(studio.model.editor().references().items()).isEmpty();
        assertThat(studio.model.editor().guidanceProperty().get()).isEqualTo(row.guidance());
        assertThat(robot.lookup("#undoRecall").queryAs(Node.class).isVisible()).isTrue();

        robot.clickOn("#prompt");
        press(robot, KeyCode.CONTROL, KeyCode.Z);
        assertThat(studio.model.editor().promptProperty().get()).isEqualTo("my own poster");
        assertThat(studio.model.editor().references().items()).extracting(Reference::sha256)
                .containsExactly(mine.sha256());
        assertThat(studio.model.editor().guidanceProperty().get()).isEqualTo(8.0);
        assertThat(robot.lookup("#undoRecall").queryAs(Node.class).isVisible()).isFalse();

        // The prompt's own undo is untouched: typing, then Ctrl+Z, takes the typing back.
        press(robot, KeyCode.END);
        robot.write(" now");
        assertThat(studio.model.editor().promptProperty().get()).isEqualTo("my own poster now");
        press(robot, KeyCode.CONTROL, KeyCode.Z);
        assertThat(studio.model.editor().promptProperty().get()).doesNotEndWith("now");

        // And the button does what Ctrl+Z does.
        robot.interact(() -> studio.window.historyActions().recall(row));
        waitFor(() -> "a recalled castle at dusk".equals(studio.model.editor().promptProperty().get()));
        robot.clickOn("#undoRecall");
        assertThat(studio.model.editor().promptProperty().get()).isNotEqualTo("a recalled castle at dusk");
        assertThat(studio.model.editor().references().items()).hasSize(1);
    }

    @Test
    void deletingAStarredTileAsksFirstAndUndoBringsTheRowBackStarExactly(FxRobot robot) throws Exception {
        seed.add("a plain draft", RenderKind.DRAFT, false, 64, 64, Instant.now().minusSeconds(60));
        GenerationRecord kept = seed.add("a starred keeper", RenderKind.FINAL, true, 64, 64, Instant.now());
        showHistory(robot, 2);
        GenerationRecord before = studio.history.find(kept.id()).orElseThrow();
        var model = studio.window.historyModel();

        robot.clickOn("#historySearch");
        press(robot, KeyCode.DOWN); // into the grid
        robot.interact(() -> { });
        press(robot, KeyCode.END);
        press(robot, KeyCode.HOME);
        assertThat(model.items().get(0).id()).isEqualTo(kept.id());
        press(robot, KeyCode.DELETE);
        assertThat(robot.lookup("#deleteConfirm").queryAs(Node.class).isVisible()).isTrue();
        assertThat(text(robot, "#deleteConfirmText")).contains("#" + kept.id()).contains("starred");
        assertThat(model.items()).extracting(GenerationRecord::id).contains(kept.id());
        press(robot, KeyCode.ESCAPE); // keep it
        assertThat(robot.lookup("#deleteConfirm").queryAs(Node.class).isVisible()).isFalse();
        assertThat(model.items()).extracting(GenerationRecord::id).contains(kept.id());

        press(robot, KeyCode.DELETE);
        assertThat(robot.lookup("#deleteConfirm").queryAs(Node.class).isVisible()).isTrue();
        press(robot, KeyCode.ENTER); // the focused answer: Delete
        waitFor(() -> model.items().stream().noneMatch(r -> r.id() == kept.id()));
        press(robot, KeyCode.CONTROL, KeyCode.Z);
        waitFor(() -> model.items().stream().anyMatch(r -> r.id() == kept.id()));
        waitFor(() -> robot.lookup(".history-tile-star").queryAll().stream().anyMatch(Node::isVisible));
        assertThat(model.loaded(kept.id()).starred()).isTrue();
        assertThat(studio.history.find(kept.id()).orElseThrow()).isEqualTo(before);
        assertThat(model.loaded(kept.id())).isEqualTo(before);
    }

    @Test
    void aStarLandingAfterItsRowWasDeletedComesBackWithTheUndo(FxRobot robot) throws Exception {
        GenerationRecord row = seed.add("starred, then deleted at once", RenderKind.DRAFT, false, 64, 64, Instant.now());
        showHistory(robot, 1);
        var model = studio.window.historyModel();
        // S then Del before the store answers the star: the cause of the tile losing its star after undo.
        robot.interact(() -> {
            GenerationRecord shown = model.loaded(row.id());
            model.toggleStar(shown);
            model.delete(shown);
        });
        waitFor(() -> studio.history.find(row.id()).orElseThrow().starred());
        robot.interact(model::undoDelete);
        waitFor(() -> model.loaded(row.id()) != null && model.loaded(row.id()).starred());
        waitFor(() -> robot.lookup(".history-tile-star").queryAll().stream().anyMatch(Node::isVisible));
    }

    @Test
    void aFinalShowsItsProgressOverThePreviewAndTheBadgeIsNeverStaleOverIt(FxRobot robot) throws Exception {
        robot.interact(() -> studio.model.editor().providerProperty().set(paid));
        robot.clickOn("#prompt").write("a paid poster");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#state")).isEqualTo("stale"); // the draft waits for the pause
        paid.hold();
        press(robot, KeyCode.CONTROL, KeyCode.ENTER); // the final, inside the debounce
        waitFor(() -> paid.requests.size() == 1);
        Node overlay = robot.lookup("#finalOverlay").queryAs(Node.class);
        waitFor(overlay::isVisible);
        waitFor(() -> text(robot, "#finalElapsed").matches("\\d+\\.\\d s elapsed"));
        assertThat(text(robot, "#finalLeft")).isEqualTo("estimating\u2026"); // nothing learned yet
        assertThat(text(robot, "#finalCost")).contains("$0.05");
        assertThat(text(robot, "#state")).isEqualTo("final");

        paid.release();
        waitFor(() -> text(robot, "#previewInfo").startsWith("Final"));
        assertThat(overlay.isVisible()).isFalse();
        assertThat(text(robot, "#state")).isEqualTo("final"); // the scheduler still says stale: not over a fresh final

        robot.clickOn("#prompt").write("!"); // an edit: the final is no longer what the editor holds
        waitFor(() -> "stale".equals(text(robot, "#state")));
    }
}
