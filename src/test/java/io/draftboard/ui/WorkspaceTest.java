package io.draftboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.Reference;
import io.draftboard.generation.RenderKind;
import io.draftboard.imaging.PngWriter;
import io.draftboard.provider.ReferencePreparer;
import io.draftboard.settings.WorkspaceStore;
import io.draftboard.ui.studio.EditorModel;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "It remembers": a studio closed and opened again on the same data home comes back as it was left (editor,
 * references, window, dividers, history filters); a corrupt workspace file gives the defaults and a notice;
 * a restored prompt on a paid provider sends nothing by itself.
 */
@ExtendWith(ApplicationExtension.class)
class WorkspaceTest {
    private final FakeEngine free = new FakeEngine(new io.draftboard.provider.offline.OfflineProvider());
    private final FakeEngine paid = new FakeEngine("paid", 0.05, 4);
    private Stage stage;
    private Path home;
    private StudioFixture studio;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        home = Files.createTempDirectory("draftboard-workspace-test");
        studio = StudioFixture.remembering(stage, List.of(free, paid), home);
    }

    @AfterEach
    void tearDown() {
        free.release();
        paid.release();
        studio.close();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Closes the studio (which saves) and opens a new one on the same home, as quitting and starting again. */
    private void restart(FxRobot robot, List<io.draftboard.generation.Provider> providers) {
        studio.close();
        robot.interact(() -> {
            try {
                studio = StudioFixture.remembering(stage, providers, home);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Reference reference(int rgb) throws Exception {
        BufferedImage image = new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, rgb);
        return ReferencePreparer.prepare(PngWriter.encode(image, List.of()), ReferencePreparer.DEFAULT_PIXEL_BUDGET);
    }

    private static String message(FxRobot robot) {
        return robot.lookup("#message").queryAs(Label.class).getText();
    }

    @Test
    void aRestartBringsBackTheEditorTheWindowTheDividersAndTheHistoryFilters(FxRobot robot) throws Exception {
        Reference ref = reference(0xFF0000);
        robot.interact(() -> {
            EditorModel e = studio.model.editor();
            e.promptProperty().set("a poster of a fox");
            e.references().replaceAll(List.of(ref));
            e.widthProperty().set(768);
            e.heightProperty().set(512);
            e.guidanceProperty().set(7.5);
            e.finalStepsProperty().set(40);
            e.outputFormatProperty().set(OutputFormat.JPEG);
            e.promptUpsamplingProperty().set(true);
            e.lockSeed(4242);
            e.seedLockedProperty().set(false); // last: an unlocked seed changes with every edit
            studio.window.historyModel().searchProperty().set("fox");
            studio.window.historyModel().keepersOnlyProperty().set(true);
            robot.lookup("#kindFilter").queryAs(ComboBox.class).getSelectionModel().select(2); // Finals
            robot.lookup("#providerFilter").queryAs(ComboBox.class).getSelectionModel().select(2); // the paid one
            stage.setX(40);
            stage.setY(30);
            stage.setWidth(1180);
            stage.setHeight(760);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> studio.window.split().setDividerPositions(0.3, 0.7));
        WaitForAsyncUtils.waitForFxEvents();
        double[] before = studio.window.split().getDividerPositions();
        assertThat(before[0]).isCloseTo(0.3, org.assertj.core.data.Offset.offset(0.01));
        // Saved after a pause, without waiting for the close.
        studio.pastTheDebounce();
        Path file = home.resolve(WorkspaceStore.FILE);
        waitFor(() -> Files.isRegularFile(file) && Files.readString(file).contains("a poster of a fox")
                && Files.readString(file).contains("\"x\" : 40.0"));
        assertThat(Files.readString(file)).doesNotContainIgnoringCase("key");

        restart(robot, List.of(free, paid));

        EditorModel e = studio.model.editor();
        assertThat(e.promptProperty().get()).isEqualTo("a poster of a fox");
        assertThat(e.references().items()).extracting(Reference::sha256).containsExactly(ref.sha256());
        assertThat(e.widthProperty().get()).isEqualTo(768);
        assertThat(e.heightProperty().get()).isEqualTo(512);
        assertThat(e.guidanceProperty().get()).isEqualTo(7.5);
        assertThat(e.finalStepsProperty().get()).isEqualTo(40);
        assertThat(e.currentSeed()).isEqualTo(4242);
        assertThat(e.seedLockedProperty().get()).isFalse();
        assertThat(e.outputFormatProperty().get()).isEqualTo(OutputFormat.JPEG);
        assertThat(e.promptUpsamplingProperty().get()).isTrue();
        assertThat(e.providerProperty().get().info().id()).isEqualTo(free.info().id());
        var history = studio.window.historyModel();
        assertThat(history.searchProperty().get()).isEqualTo("fox");
        assertThat(history.keepersOnlyProperty().get()).isTrue();
        assertThat(history.kindProperty().get()).isEqualTo(RenderKind.FINAL);
        assertThat(history.providerIdProperty().get()).isEqualTo("paid");
        assertThat(robot.lookup("#kindFilter").queryAs(ComboBox.class).getValue()).isEqualTo("Finals");
        double[] dividers = studio.window.split().getDividerPositions();
        assertThat(dividers[0]).isCloseTo(before[0], org.assertj.core.data.Offset.offset(0.005));
        assertThat(dividers[1]).isCloseTo(before[1], org.assertj.core.data.Offset.offset(0.005));
        assertThat(stage.getX()).isEqualTo(40);
        assertThat(stage.getY()).isEqualTo(30);
        assertThat(stage.getWidth()).isEqualTo(1180);
        assertThat(stage.getHeight()).isEqualTo(760);

        // On the free offline engine the restored prompt drafts (it costs nothing).
        studio.pastTheDebounce();
        waitFor(() -> free.requests.stream().anyMatch(r -> r.prompt().equals("a poster of a fox")));
    }

    @Test
    void theSupersededFilterComesBackAfterARestart(FxRobot robot) throws Exception {
        var late = new HistorySeed(studio).add("a paid draft that landed late", RenderKind.DRAFT);
        new HistorySeed(studio).add("a draft that was shown", RenderKind.DRAFT);
        studio.history.setTags(late.id(), List.of(io.draftboard.ui.history.HistoryBrowserModel.SUPERSEDED));
        robot.interact(() -> robot.lookup("#kindFilter").queryAs(ComboBox.class).getSelectionModel()
                .select("Superseded"));
        studio.pastTheDebounce();
        Path file = home.resolve(WorkspaceStore.FILE);
        waitFor(() -> Files.isRegularFile(file) && Files.readString(file).contains("\"supersededOnly\" : true"));

        restart(robot, List.of(free, paid));

        var history = studio.window.historyModel();
        assertThat(history.supersededOnlyProperty().get()).isTrue();
        assertThat(history.kindProperty().get()).isNull();
        assertThat(robot.lookup("#kindFilter").queryAs(ComboBox.class).getValue()).isEqualTo("Superseded");
        robot.interact(history::refresh);
        waitFor(() -> history.items().size() == 1 && history.items().get(0).id() == late.id());
    }

    @Test
    void aRestoredPromptOnAPaidProviderSendsNothingUntilTheDesignerEdits(FxRobot robot) throws Exception {
        robot.interact(() -> {
            studio.model.editor().providerProperty().set(paid);
            studio.model.editor().promptProperty().set("a paid poster");
        });
        restart(robot, List.of(free, paid));
        assertThat(studio.model.editor().providerProperty().get()).isSameAs(paid);
        assertThat(studio.model.editor().promptProperty().get()).isEqualTo("a paid poster");

        studio.pastTheDebounce();
        studio.pastTheDebounce();
        assertThat(paid.requests).isEmpty();
        assertThat(message(robot)).contains("cost money");

        robot.clickOn("#prompt").write("!");
        studio.pastTheDebounce();
        waitFor(() -> paid.requests.size() == 1);
        assertThat(paid.requests.get(0).prompt()).isEqualTo("a paid poster!");
    }

    @Test
    void aCorruptWorkspaceGivesTheDefaultsAndANoticeAndIsKeptAside(FxRobot robot) throws Exception {
        robot.interact(() -> studio.model.editor().promptProperty().set("will be lost"));
        studio.close();
        Path file = home.resolve(WorkspaceStore.FILE);
        Files.writeString(file, "{\"editor\": {\"prompt\": \"half a fi", StandardCharsets.UTF_8);
        robot.interact(() -> {
            try {
                studio = StudioFixture.remembering(stage, List.of(free, paid), home);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(studio.model.editor().promptProperty().get()).isEmpty();
        assertThat(message(robot)).contains("unreadable").contains("workspace.json.corrupt").doesNotContain("Exception")
                .doesNotContain("\n");
        assertThat(Files.readString(home.resolve("workspace.json.corrupt"))).isEqualTo("{\"editor\": {\"prompt\": \"half a fi");
    }

    @Test
    void aMissingReferenceFileIsLeftOutWithANotice(FxRobot robot) throws Exception {
        Reference ref = reference(0x00FF00);
        robot.interact(() -> {
            studio.model.editor().promptProperty().set("with a logo");
            studio.model.editor().references().replaceAll(List.of(ref));
        });
        studio.close();
        try (var files = Files.list(home.resolve("workspace").resolve("references"))) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        robot.interact(() -> {
            try {
                studio = StudioFixture.remembering(stage, List.of(free, paid), home);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(studio.model.editor().promptProperty().get()).isEqualTo("with a logo");
        assertThat(studio.model.editor().references().items()).isEmpty();
        assertThat(studio.model.editor().references().messageProperty().get()).contains("missing").contains("left out");
    }

    @Test
    void aWindowOffEveryScreenComesBackOnScreen(FxRobot robot) throws Exception {
        studio.close();
        Files.writeString(home.resolve(WorkspaceStore.FILE),
                "{\"window\": {\"x\": -30000, \"y\": -30000, \"width\": 1100, \"height\": 720, \"maximized\": false},"
                        + " \"someFieldFromANewerVersion\": 1}");
        robot.interact(() -> {
            try {
                studio = StudioFixture.remembering(stage, List.of(free, paid), home);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        assertThat(stage.getX()).isBetween(screen.getMinX(), screen.getMaxX() - 100);
        assertThat(stage.getY()).isBetween(screen.getMinY(), screen.getMaxY() - 100);
        assertThat(message(robot)).doesNotContain("unreadable");
    }
}
