package io.draftboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.RenderKind;
import io.draftboard.history.GenerationRecord;
import io.draftboard.history.HistoryQuery;
import io.draftboard.imaging.PngWriter;
import io.draftboard.ui.explorer.SeedExplorerModel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
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
 * The studio's real flows, driven through the window the way a designer would, against the offline engine
 * (recorded, and held where a test needs a render in flight); a paid fake shows the spend and budget.
 */
@ExtendWith(ApplicationExtension.class)
class StudioWindowTest {
    /** The real offline engine, recorded: the studio's flows run against it. */
    private final FakeEngine free = new FakeEngine(new io.draftboard.provider.offline.OfflineProvider());
    private final FakeEngine paid = new FakeEngine("paid", 0.05, 4);
    private final List<String> shownPrompts = new CopyOnWriteArrayList<>();
    private StudioFixture studio;

    @Start
    void start(Stage stage) throws Exception {
        studio = new StudioFixture(stage, List.of(free, paid));
        studio.model.preview().shownPromptProperty().addListener((o, a, b) -> shownPrompts.add(b));
    }

    @AfterEach
    void tearDown() {
        free.release();
        paid.release();
        studio.close();
    }

    private void waitFor(Callable<Boolean> condition) throws Exception {
        try {
            // generous: a loaded 2-core machine can take seconds per step; a passing run never waits for it
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out; studio says \"" + studio.model.preview().messageProperty().get()
                    + "\", tray says \"" + studio.model.editor().references().messageProperty().get() + "\"", e);
        }
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    /** Past the debounce, then until the draft it fired is on screen. */
    private void waitReady(FxRobot robot) throws Exception {
        studio.pastTheDebounce();
        waitFor(() -> "ready".equals(text(robot, "#state")));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void usePaid(FxRobot robot) {
        robot.interact(() -> studio.model.editor().providerProperty().set(paid));
    }

    /**
     * Compare and the seed explorer join the window when their tab first shows: a tab pane keeps every tab's
     * content in the scene, and the first frame would style and lay them out behind Preview (issue 15).
     */
    @Test
    void compareAndTheSeedExplorerAreBuiltWhenTheirTabFirstShows(FxRobot robot) {
        assertThat(robot.lookup("#seedExplorer").tryQuery()).isEmpty();
        assertThat(robot.lookup(".compare-view").tryQuery()).isEmpty();

        robot.clickOn("Seeds");
        assertThat(robot.lookup("#seedExplorer").tryQuery()).hasValueSatisfying(n -> assertThat(n.isVisible()).isTrue());
        robot.clickOn("Compare");
        assertThat(robot.lookup(".compare-view").queryAs(javafx.scene.Node.class)).isSameAs(studio.window.compareView());
        robot.clickOn("Seeds");

        assertThat(robot.lookup("#seedExplorer").queryAll()).hasSize(1);
    }

    @Test
    void typingAPromptProducesExactlyOneDraftAfterTheDebounce(FxRobot robot) throws Exception {
        robot.clickOn("#prompt").write("a red balloon");

        waitReady(robot);
        studio.pastTheDebounce(); // well past the debounce: nothing else may fire
        assertThat(free.requests).hasSize(1);
        GenerationRequest draft = free.requests.get(0);
        assertThat(draft.prompt()).isEqualTo("a red balloon");
        assertThat(draft.steps()).isEqualTo(6);
        assertThat(draft.seed()).isEqualTo(1001L);
        waitFor(() -> robot.lookup("#preview").queryAs(ImageView.class).getImage() != null);
        assertThat(text(robot, "#previewInfo")).startsWith("Draft \u00b7 6 steps \u00b7 seed 1001");
    }

    @Test
    void anEditThatRestoresThePreviousTextFiresNothing(FxRobot robot) throws Exception {
        robot.clickOn("#prompt").write("a red balloon");
        waitReady(robot);

        robot.write("s").type(KeyCode.BACK_SPACE);
        studio.pastTheDebounce();

        assertThat(free.requests).hasSize(1);
        assertThat(text(robot, "#state")).isEqualTo("ready");
    }

    @Test
    void sessionSpendGrowsByEachRequestAndLiveDraftsPauseAtTheBudget(FxRobot robot) throws Exception {
        usePaid(robot);
        robot.clickOn("#budget").write("0.10").type(KeyCode.ENTER);
        assertThat(text(robot, "#draftCost")).isEmpty();

        robot.clickOn("#prompt").write("poster");
        studio.pastTheDebounce();
        waitFor(() -> paid.requests.size() == 1);
        waitReady(robot);
        assertThat(text(robot, "#draftCost")).contains("$0.05").contains("drafts save time, not money");
        assertThat(text(robot, "#spent")).isEqualTo("Session spend $0.05 of $0.10 \u00b7 1 paid draft $0.05");

        robot.write(" A");
        studio.pastTheDebounce();
        waitFor(() -> paid.requests.size() == 2);
        waitReady(robot);
        assertThat(text(robot, "#spent")).isEqualTo("Session spend $0.10 of $0.10 \u00b7 2 paid drafts $0.10");

        robot.write("B");
        studio.pastTheDebounce(); // the refusal is decided as the debounce runs out: nothing is sent
        waitFor(() -> text(robot, "#message").contains("Session budget reached"));
        assertThat(paid.requests).hasSize(2);
        assertThat(studio.model.editor().liveDraftsProperty().get()).isFalse();
        assertThat(text(robot, "#spent")).isEqualTo("Session spend $0.10 of $0.10 \u00b7 2 paid drafts $0.10");
    }

    @Test
    void typingAgainBeforeADraftLandsNeverShowsTheStaleOne(FxRobot robot) throws Exception {
        free.hold();
        robot.clickOn("#prompt").write("a red balloon");
        studio.pastTheDebounce();
        waitFor(() -> free.requests.size() == 1);
        robot.write(" on a table");
        WaitForAsyncUtils.waitForFxEvents();
        free.release(); // the first draft lands after the edit: it must never be shown
        studio.pastTheDebounce();

        waitFor(() -> free.requests.size() == 2);
        waitReady(robot);
        assertThat(shownPrompts).containsExactly("a red balloon on a table");
    }

    @Test
    void ctrlEnterRendersAFiftyStepFinalWithTheDraftsSeedIntoHistory(FxRobot robot) throws Exception {
        robot.clickOn("#prompt").write("poster \"SALE\"");
        waitReady(robot);
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);

        waitFor(() -> free.requests.size() == 2);
        GenerationRequest draft = free.requests.get(0);
        GenerationRequest fin = free.requests.get(1);
        assertThat(fin.steps()).isEqualTo(50);
        assertThat(fin.seed()).isEqualTo(draft.seed());
        assertThat(fin.withSteps(6)).isEqualTo(draft);
        waitFor(() -> text(robot, "#previewInfo").startsWith("Final \u00b7 50 steps"));
        assertThat(robot.lookup("#prompt").queryAs(TextArea.class).getText()).doesNotContain("\n");

        List<GenerationRecord> rows = studio.history.page(HistoryQuery.newest(10)).items();
        assertThat(rows).hasSize(2);
        GenerationRecord finalRow = rows.get(0);
        assertThat(finalRow.kind()).isEqualTo(RenderKind.FINAL);
        assertThat(finalRow.seed()).isEqualTo(draft.seed());
        assertThat(finalRow.parentId()).isEqualTo(rows.get(1).id());
        waitFor(() -> studio.window.historyModel().items().size() == 2);
        assertThat(robot.lookup("#honesty").queryAs(Label.class).getText()).contains("approximates the final");
    }

    @Test
    void droppingTwoImagesAddsTwoReferencesAndATextFileIsRefused(FxRobot robot) throws Exception {
        Path dir = Files.createTempDirectory("drop");
        Path a = dir.resolve("logo.png");
        Path b = dir.resolve("mug.png");
        Path notes = dir.resolve("notes.txt");
        Files.write(a, PngWriter.encode(new BufferedImage(80, 60, BufferedImage.TYPE_INT_RGB), List.of()));
        BufferedImage other = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        other.setRGB(3, 3, 0xFF0000);
        Files.write(b, PngWriter.encode(other, List.of()));
        Files.writeString(notes, "not an image");

        // The same clipboard path a drop takes (a Dragboard is a Clipboard): Ctrl+V outside a text field.
        robot.interact(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putFiles(List.of(a.toFile(), b.toFile(), notes.toFile()));
            Clipboard.getSystemClipboard().setContent(content);
        });
        robot.clickOn("#preview");
        robot.press(KeyCode.CONTROL, KeyCode.V).release(KeyCode.V, KeyCode.CONTROL);

        waitFor(() -> studio.model.editor().references().items().size() == 2
                && text(robot, "#referenceMessage").contains("notes.txt"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#referenceMessage")).contains("Refused notes.txt: ").contains("Added logo.png")
                .contains("Added mug.png");
        assertThat(robot.lookup("#reference1").tryQuery()).isPresent();
        assertThat(robot.lookup("#reference2").tryQuery()).isPresent();

        robot.clickOn("#prompt").write("put the logo from ");
        robot.clickOn("#reference1");
        robot.write("on the mug in ");
        robot.clickOn("#reference2");
        assertThat(studio.model.editor().promptProperty().get()).isEqualTo("put the logo from image 1 on the mug in image 2 ");
        robot.interact(() -> studio.model.editor().references().move(1, 0));
        assertThat(studio.model.editor().promptProperty().get()).isEqualTo("put the logo from image 2 on the mug in image 1 ");
        studio.pastTheDebounce();
        waitFor(() -> free.requests.stream().anyMatch(r -> r.references().size() == 2));
    }

    @Test
    void searchingHistoryFindsAPrompt(FxRobot robot) throws Exception {
        robot.clickOn("#prompt").write("a red balloon");
        waitReady(robot);
        robot.interact(() -> studio.model.editor().promptProperty().set("a green tractor"));
        studio.pastTheDebounce();
        waitFor(() -> free.requests.size() == 2);
        waitReady(robot);
        waitFor(() -> studio.window.historyModel().items().size() == 2);

        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        robot.write("tract");

        waitFor(() -> studio.window.historyModel().items().size() == 1);
        assertThat(studio.window.historyModel().items().get(0).prompt()).isEqualTo("a green tractor");
        assertThat(text(robot, "#historyStatus")).isEqualTo("1 render");
    }

    @Test
    void recallRestoresEveryParameter(FxRobot robot) throws Exception {
        Path dir = Files.createTempDirectory("recall");
        Path ref = dir.resolve("ref.png");
        Files.write(ref, PngWriter.encode(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB), List.of()));
        robot.interact(() -> {
            studio.model.editor().references().accept(new io.draftboard.ui.references.DropPayload.Files(List.of(ref)));
            studio.model.editor().widthProperty().set(768);
            studio.model.editor().heightProperty().set(1344);
            studio.model.editor().guidanceProperty().set(3.5);
            studio.model.editor().outputFormatProperty().set(OutputFormat.JPEG);
            studio.model.editor().promptUpsamplingProperty().set(true);
            studio.model.editor().finalStepsProperty().set(30);
            studio.model.editor().lockSeed("777");
            studio.model.editor().promptProperty().set("tall poster using image 1");
        });
        waitFor(() -> studio.model.editor().references().items().size() == 1);
        studio.pastTheDebounce();
        waitFor(() -> !free.requests.isEmpty() && free.requests.get(free.requests.size() - 1).references().size() == 1);
        waitReady(robot);
        robot.interact(studio.model::renderFinal);
        waitFor(() -> studio.history.page(HistoryQuery.newest(10)).items().stream()
                .anyMatch(r -> r.kind() == RenderKind.FINAL));
        GenerationRecord fin = studio.history.page(HistoryQuery.newest(10)).items().get(0);

        robot.interact(() -> {
            studio.model.editor().references().remove(0);
            studio.model.editor().widthProperty().set(1024);
            studio.model.editor().heightProperty().set(1024);
            studio.model.editor().guidanceProperty().set(7);
            studio.model.editor().outputFormatProperty().set(OutputFormat.PNG);
            studio.model.editor().promptUpsamplingProperty().set(false);
            studio.model.editor().finalStepsProperty().set(50);
            studio.model.editor().providerProperty().set(paid);
            studio.model.editor().shuffleSeed();
            studio.model.editor().promptProperty().set("something else");
        });
        // Find it in the grid, select it and press Enter, as a designer would.
        robot.interact(() -> studio.window.historyModel().searchProperty().set("tall"));
        waitFor(() -> studio.window.historyModel().items().size() == 2
                && studio.window.historyModel().items().get(0).id() == fin.id());
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node cell = robot.lookup(".history-tile").match(n -> n.getUserData() instanceof GenerationRecord r
                && r.id() == fin.id()).query();
        robot.clickOn(cell);
        robot.type(KeyCode.ENTER);

        waitFor(() -> "tall poster using image 1".equals(studio.model.editor().promptProperty().get())
                && studio.model.editor().references().items().size() == 1);
        assertThat(studio.model.editor().seedProperty().get()).isEqualTo("777");
        assertThat(studio.model.editor().widthProperty().get()).isEqualTo(768);
        assertThat(studio.model.editor().heightProperty().get()).isEqualTo(1344);
        assertThat(studio.model.editor().guidanceProperty().get()).isEqualTo(3.5);
        assertThat(studio.model.editor().outputFormatProperty().get()).isEqualTo(OutputFormat.JPEG);
        assertThat(studio.model.editor().promptUpsamplingProperty().get()).isTrue();
        assertThat(studio.model.editor().finalStepsProperty().get()).isEqualTo(30);
        assertThat(studio.model.editor().providerProperty().get()).isSameAs(free);
        assertThat(studio.model.editor().references().items().get(0).sha256()).isEqualTo(fin.references().get(0).sha256());
    }

    @Test
    void theSeedExplorerFiresDistinctSeedsAndPickingOneLocksIt(FxRobot robot) throws Exception {
        robot.clickOn("#prompt").write("logo mark");
        waitReady(robot);
        int before = free.requests.size();

        robot.clickOn("Seeds");
        robot.interact(() -> robot.lookup("#explorerCount").queryAs(javafx.scene.control.Spinner.class)
                .getValueFactory().setValue(6));
        robot.clickOn("#explore");
        waitFor(() -> free.requests.size() == before + 6);
        List<Long> seeds = free.requests.subList(before, before + 6).stream().map(GenerationRequest::seed).toList();
        assertThat(seeds).doesNotHaveDuplicates();
        assertThat(free.requests.subList(before, before + 6)).allMatch(r -> r.steps() == 6);
        waitFor(() -> studio.window.explorer().tiles().stream().allMatch(SeedExplorerModel.Tile::isReady));

        robot.clickOn("#seedTile3");
        long picked = studio.window.explorer().tiles().get(2).seed();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(studio.model.editor().seedProperty().get()).isEqualTo(Long.toString(picked));
        // the picked tile's picture is decoded off the FX thread: the info line follows it
        waitFor(() -> text(robot, "#previewInfo").contains("seed " + picked));

        robot.interact(studio.model::renderFinal);
        waitFor(() -> free.requests.size() == before + 7);
        GenerationRequest fin = free.requests.get(before + 6);
        assertThat(fin.seed()).isEqualTo(picked);
        assertThat(fin.steps()).isEqualTo(50);
    }

    @Test
    void theUiAnswersWhileAProviderHoldsAJob(FxRobot robot) throws Exception {
        free.hold();
        robot.clickOn("#prompt").write("slow render");
        studio.pastTheDebounce();
        waitFor(() -> free.requests.size() == 1);
        waitFor(() -> "rendering".equals(text(robot, "#state")));

        long worst = 0;
        for (int i = 0; i < 20; i++) {
            CountDownLatch ran = new CountDownLatch(1);
            long t0 = System.nanoTime();
            Platform.runLater(ran::countDown);
            assertThat(ran.await(2, TimeUnit.SECONDS)).isTrue();
            worst = Math.max(worst, System.nanoTime() - t0);
        }
        robot.clickOn("#historySearch").write("abc");
        assertThat(robot.lookup("#historySearch").queryAs(javafx.scene.control.TextField.class).getText())
                .isEqualTo("abc");
        assertThat(text(robot, "#state")).isEqualTo("rendering");
        assertThat(worst).isLessThan(TimeUnit.MILLISECONDS.toNanos(500)); // a blocked FX thread would never answer
        free.release();
        waitReady(robot);
    }

    @Test
    void droppingAnImageMadeByAnotherToolOffersToRecallItsParameters(FxRobot robot) throws Exception {
        Path dir = Files.createTempDirectory("meta");
        Path made = dir.resolve("forge-render.png");
        byte[] png = PngWriter.encode(new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB), List.of());
        Files.write(made, io.draftboard.imaging.PngMetadata.withText(png, List.of(new io.draftboard.imaging.PngText(
                "parameters", "teal sneaker on a marble plinth\nSteps: 30, Sampler: Euler, CFG scale: 4, Seed: 42, "
                        + "Size: 512x768, Model: flux"))));

        robot.interact(() -> studio.model.editor().references().accept(
                new io.draftboard.ui.references.DropPayload.Files(List.of(made))));
        waitFor(() -> !text(robot, "#recallOfferText").isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#recallOffer").query().isVisible()).isTrue();
        assertThat(text(robot, "#recallOfferText"))
                .contains("forge-render.png carries AUTOMATIC1111 parameters");
        robot.clickOn("#acceptRecall");

        assertThat(studio.model.editor().promptProperty().get()).isEqualTo("teal sneaker on a marble plinth");
        assertThat(studio.model.editor().seedProperty().get()).isEqualTo("42");
        assertThat(studio.model.editor().widthProperty().get()).isEqualTo(512);
        assertThat(studio.model.editor().heightProperty().get()).isEqualTo(768);
        assertThat(studio.model.editor().guidanceProperty().get()).isEqualTo(4.0);
        assertThat(studio.model.editor().finalStepsProperty().get()).isEqualTo(30);
        assertThat(robot.lookup("#recallOffer").query().isVisible()).isFalse();
        studio.pastTheDebounce();
        waitFor(() -> free.requests.stream().anyMatch(r -> r.seed() == 42 && r.width() == 512));
    }

    @Test
    void starringAndDeletingFromHistoryWithUndo(FxRobot robot) throws Exception {
        robot.clickOn("#prompt").write("blue tote bag");
        waitReady(robot);
        waitFor(() -> studio.window.historyModel().items().size() == 1);
        GenerationRecord row = studio.window.historyModel().items().get(0);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node cell = robot.lookup(".history-tile").match(n -> n.getUserData() instanceof GenerationRecord r
                && r.id() == row.id()).query();

        robot.clickOn(cell).type(KeyCode.S);
        waitFor(() -> studio.history.find(row.id()).orElseThrow().starred());

        robot.type(KeyCode.DELETE);
        // A starred render asks first; Enter answers the focused button, Delete.
        waitFor(() -> studio.window.historyModel().confirmingProperty().get() != null);
        robot.type(KeyCode.ENTER);
        waitFor(() -> studio.window.historyModel().items().isEmpty());
        assertThat(studio.history.find(row.id())).isPresent(); // nothing is gone until undo is no longer possible
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        waitFor(() -> studio.window.historyModel().items().size() == 1);

        robot.interact(() -> {
            studio.window.historyModel().delete(studio.window.historyModel().items().get(0));
            studio.window.historyModel().confirmDelete(); // still starred after the undo
            studio.window.historyModel().commitPendingDelete();
        });
        waitFor(() -> studio.history.find(row.id()).isEmpty());
        waitFor(() -> studio.images.find(row.image().sha256()).isEmpty());
    }

    @Test
    void savedSettingsTakeEffectWithoutARestart(FxRobot robot) throws Exception {
        robot.interact(() -> studio.model.apply(new io.draftboard.settings.StudioSettings(4, 30, 400,
                io.draftboard.settings.StudioSettings.Theme.LIGHT, true, true, 0, true, java.util.Map.of())));
        robot.clickOn("#prompt").write("risograph poster");
        waitReady(robot);

        assertThat(free.requests).hasSize(1);
        assertThat(free.requests.get(0).steps()).isEqualTo(4);
        assertThat(text(robot, "#honesty")).startsWith("A 4-step draft approximates");
        assertThat(text(robot, "#qualityLabel")).startsWith("Final \u00b7 30");
    }

    @Test
    void reRunSendsTheRowsExactRequestToTheRowsOwnProvider(FxRobot robot) throws Exception {
        robot.clickOn("#prompt").write("gold tote bag");
        waitReady(robot);
        GenerationRequest original = free.requests.get(0);
        waitFor(() -> studio.window.historyModel().items().size() == 1);
        GenerationRecord row = studio.window.historyModel().items().get(0);
        usePaid(robot); // the editor moves on to another provider; the re-run must not follow it

        robot.interact(() -> studio.window.historyActions().rerun(row));

        waitFor(() -> free.requests.size() == 2);
        assertThat(free.requests.get(1)).isEqualTo(original);
        waitFor(() -> text(robot, "#message").startsWith("Re-run saved as history #"));
        waitFor(() -> studio.window.historyModel().items().size() >= 2);
    }
}
