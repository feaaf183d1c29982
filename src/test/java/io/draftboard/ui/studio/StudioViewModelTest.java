package io.draftboard.ui.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.Cost;
import io.draftboard.generation.DraftState;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.JobRunner;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.RenderKind;
import io.draftboard.generation.RenderService;
import io.draftboard.generation.RetryPolicy;
import io.draftboard.generation.VirtualTimer;
import io.draftboard.history.GenerationRecord;
import io.draftboard.history.GenerationStatus;
import io.draftboard.history.HistoryRecorder;
import io.draftboard.history.HistoryStore;
import io.draftboard.history.ImageStore;
import io.draftboard.settings.StudioSettings;
import io.draftboard.ui.FakeEngine;
import io.draftboard.ui.task.TaskRunnerCore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The studio's models put together, without a toolkit: the commands that need more than one of them (final,
 * draft now, recall, new settings) and what the studio learns from the last session's history. Renders run on
 * a real {@link JobRunner} against a {@link FakeEngine}; callbacks run where they arrive.
 */
class StudioViewModelTest {
    @TempDir
    Path home;

    private HistoryStore history;
    private JobRunner runner;
    private final FakeEngine engine = new FakeEngine("fake", 0, 4);
    private final VirtualTimer timer = new VirtualTimer();
    private final TaskRunnerCore tasks = TaskRunnerCore.sameThread(f -> { });
    private final ExecutorService lane = Executors.newSingleThreadExecutor();
    private StudioViewModel model;

    private StudioViewModel open(boolean liveDrafts) throws Exception {
        history = HistoryStore.open(home.resolve("history.db"));
        ImageStore images = new ImageStore(home.resolve("images"));
        runner = new JobRunner(2, RetryPolicy.NEVER, new HistoryRecorder(history, images));
        model = new StudioViewModel(new StudioContext(new RenderService(runner), List.of(engine), history, images,
                timer, tasks, () -> 7, new StudioSettings(6, 50, 350, StudioSettings.Theme.LIGHT, liveDrafts, true, 0,
                        true, Map.of())), bytes -> null, lane);
        return model;
    }

    @AfterEach
    void tearDown() throws Exception {
        if (model != null) {
            model.close();
        }
        if (runner != null) {
            runner.close();
        }
        if (history != null) {
            history.close();
        }
    }

    @Test
    void theFinalRendersTheEditorsRequestAtTheSlidersStepsAndLandsInHistory() throws Exception {
        open(true);
        assertThat(model.renderFinal()).as("no prompt yet").isFalse();
        assertThat(model.preview().messageProperty().get()).isEqualTo("Nothing to render yet: write a prompt.");

        model.editor().promptProperty().set("a lighthouse at dusk");
        model.editor().finalStepsProperty().set(28);
        assertThat(model.renderFinal()).isTrue();

        waitFor(() -> model.preview().messageProperty().get().startsWith("Final saved to history #"));
        GenerationRequest sent = engine.requests.get(engine.requests.size() - 1);
        assertThat(sent.prompt()).isEqualTo("a lighthouse at dusk");
        assertThat(sent.steps()).isEqualTo(28);
        assertThat(sent.seed()).isEqualTo(7);
        long id = Long.parseLong(model.preview().messageProperty().get().replaceAll("\\D", ""));
        assertThat(history.find(id)).hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(RenderKind.FINAL));
    }

    @Test
    void draftNowDraftsTheEditorWithLiveDraftsOffAndNothingWithoutAPrompt() throws Exception {
        open(false);
        model.draftNow();
        timer.advance(Duration.ofSeconds(5));
        assertThat(engine.requests).isEmpty();

        model.editor().promptProperty().set("a lighthouse at dusk");
        timer.advance(Duration.ofSeconds(5));
        assertThat(engine.requests).as("live drafts are off").isEmpty();

        model.draftNow();
        timer.advance(Duration.ofSeconds(5));
        waitFor(() -> !engine.requests.isEmpty());
        assertThat(engine.requests.get(0).prompt()).isEqualTo("a lighthouse at dusk");
        assertThat(engine.requests.get(0).steps()).isEqualTo(6);
    }

    @Test
    void draftNowSendsARestoredSession() throws Exception {
        open(true);
        model.editor().memory().restore(new EditorState("harbour at night", List.of(), 1024, 1024, 99, true, 3.0, 30,
                "fake", OutputFormat.PNG, false, true));
        timer.advance(Duration.ofSeconds(5));
        assertThat(engine.requests).as("a restore is not an edit").isEmpty();

        model.draftNow();
        timer.advance(Duration.ofSeconds(5));

        waitFor(() -> !engine.requests.isEmpty());
        assertThat(engine.requests.get(0).prompt()).isEqualTo("harbour at night");
        assertThat(model.editor().memory().restoredQuietly()).isFalse();
    }

    @Test
    void aLiveDraftIsShownWithItsStateAndCaption() throws Exception {
        open(true);
        model.editor().promptProperty().set("a lighthouse at dusk");
        timer.advance(Duration.ofSeconds(5));

        waitFor(() -> model.preview().shownDraftProperty().get() != null);
        assertThat(model.preview().shownDraftProperty().get().caption()).startsWith("Draft \u00b7 6 steps \u00b7 seed 7");
        waitFor(() -> model.preview().stateProperty().get() == DraftState.READY);
    }

    @Test
    void recallFillsTheEditorAndSaysWhereItCameFrom() throws Exception {
        open(true);
        model.recall(new Recalled("history #9", "castle at dusk", 77L, 20, 6.0, 512, 512, null, null, null, null));

        assertThat(model.editor().promptProperty().get()).isEqualTo("castle at dusk");
        assertThat(model.editor().currentSeed()).isEqualTo(77);
        assertThat(model.preview().messageProperty().get()).isEqualTo("Recalled history #9.");
    }

    @Test
    void theSeedExplorersPickLocksItsSeed() throws Exception {
        open(true);
        model.editor().seedLockedProperty().set(false);
        GenerationRequest picked = GenerationRequest.of("castle at dusk", 4242, 6, 1024, 1024);

        model.adoptDraft(new io.draftboard.generation.ShownDraft(picked, null, 0, null));

        assertThat(model.editor().currentSeed()).isEqualTo(4242);
        assertThat(model.editor().seedLockedProperty().get()).isTrue();
    }

    @Test
    void newSettingsReachTheEditor() throws Exception {
        open(true);
        model.apply(new StudioSettings(4, 30, 900, StudioSettings.Theme.DARK, true, false, 0, true, Map.of()));

        assertThat(model.editor().finalStepsProperty().get()).isEqualTo(30);
        assertThat(model.editor().draftStepsProperty().get()).isEqualTo(4);
        assertThat(model.editor().capDraftsProperty().get()).isFalse();
    }

    @Test
    void aFinalIsEstimatedFromTheLastSessionsFinishedRendersOnItsProvider() throws Exception {
        history = HistoryStore.open(home.resolve("history.db"));
        history.insert(row("fake", GenerationStatus.DONE, 4000));
        history.close();
        open(true);

        model.editor().promptProperty().set("a lighthouse at dusk");

        assertThat(model.editor().qualityLabelProperty().get()).contains("\u22484.0 s");
    }

    @Test
    void failedRendersAndRendersWithoutATimeTeachNothing() throws Exception {
        history = HistoryStore.open(home.resolve("history.db"));
        history.insert(row("fake", GenerationStatus.FAILED, 4000));
        history.insert(row("fake", GenerationStatus.DONE, 0));
        history.close();
        open(true);

        model.editor().promptProperty().set("a lighthouse at dusk");

        assertThat(model.editor().qualityLabelProperty().get()).contains("time not known yet");
    }

    @Test
    void closingStopsThePreviewLane() throws Exception {
        open(true);
        model.close();
        assertThat(lane.isShutdown()).isTrue();
    }

    private static GenerationRecord row(String provider, GenerationStatus status, long renderMillis) {
        return new GenerationRecord(0, Instant.now(), "a lighthouse", 1, 50, 5.0, 1024, 1024, OutputFormat.PNG, false,
                2, List.of(), provider, "fake-1", RenderKind.FINAL, null, status,
                status == GenerationStatus.FAILED ? FailureKind.PERMANENT : null,
                status == GenerationStatus.FAILED ? "boom" : null, null, Cost.FREE, 1, renderMillis, 1, null, null,
                false, List.of());
    }

    /** Renders run on the job runner's threads: waits (without sleeping) until {@code condition} holds. */
    private static void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 20 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
