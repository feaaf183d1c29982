package io.draftboard.ui.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.Cost;
import io.draftboard.generation.DraftListener;
import io.draftboard.generation.DraftState;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.Job;
import io.draftboard.generation.JobHandle;
import io.draftboard.generation.JobOutcome;
import io.draftboard.generation.JobRecorder;
import io.draftboard.generation.JobRunner;
import io.draftboard.generation.RenderKind;
import io.draftboard.generation.RenderService;
import io.draftboard.generation.RetryPolicy;
import io.draftboard.generation.ShownDraft;
import io.draftboard.generation.Timings;
import io.draftboard.provider.offline.OfflineProvider;
import io.draftboard.ui.task.TaskRunnerCore;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The preview's rules without a toolkit: the final's lifecycle, Esc, and what the badge may say when. */
class PreviewModelTest {
    private static final Instant T = Instant.EPOCH;
    private final JobRunner unused = new JobRunner(1, RetryPolicy.NEVER, JobRecorder.NONE);
    private final RenderService renders = new RenderService(unused);
    /** Callbacks meant for the FX thread wait here until the test runs them. */
    private final Deque<Runnable> fxQueue = new ArrayDeque<>();
    /** The preview's serial lane, held back the same way. */
    private final Deque<Runnable> laneQueue = new ArrayDeque<>();
    private final PreviewModel preview = new PreviewModel(TaskRunnerCore.on(Runnable::run, fxQueue::add, f -> {
        throw new AssertionError(f.message(), f.cause());
    }), laneQueue::add, bytes -> null, r -> Cost.FREE, renders, () -> 0L);

    @AfterEach
    void tearDown() {
        unused.close();
    }

    private static GenerationRequest request(String prompt) {
        return GenerationRequest.of(prompt, 42, 50, 1024, 1024);
    }

    /** A job whose outcome the test decides; cancelling it is recorded. */
    private static final class Render {
        final CompletableFuture<JobOutcome> outcome = new CompletableFuture<>();
        final AtomicBoolean cancelled = new AtomicBoolean();
        final JobHandle handle;

        Render(GenerationRequest request) {
            handle = new JobHandle(1, new Job(request, new OfflineProvider(), RenderKind.FINAL, 7L), outcome,
                    () -> cancelled.set(true));
        }

        void succeed(long id) {
            outcome.complete(new JobOutcome.Succeeded(new GenerationResult(new byte[] {1}, "image/png", 42, 1024,
                    1024, null, null, Cost.FREE), new Timings(T, T, T, 1), id));
        }
    }

    private void runAll() {
        while (!laneQueue.isEmpty() || !fxQueue.isEmpty()) {
            if (!laneQueue.isEmpty()) {
                laneQueue.poll().run();
            } else {
                fxQueue.poll().run();
            }
        }
    }

    private Render startFinal() {
        Render render = new Render(request("poster"));
        assertThat(preview.renderFinal(50, listener -> Optional.of(render.handle))).isTrue();
        assertThat(preview.finalRunningProperty().get()).isTrue();
        return render;
    }

    @Test
    void aFailedFinalLetsTheDesignerRenderTheNextOne() {
        Render first = startFinal();
        first.outcome.complete(new JobOutcome.Failed(FailureKind.PERMANENT, "refused", new Timings(T, T, T, 1)));
        runAll();

        assertThat(preview.finalRunningProperty().get()).isFalse();
        assertThat(preview.messageProperty().get()).startsWith("Final failed.").endsWith(": refused");
        startFinal(); // not "A final is already rendering."
    }

    @Test
    void aCancelledFinalLetsTheDesignerRenderTheNextOne() {
        Render first = startFinal();
        first.outcome.complete(new JobOutcome.Cancelled(new Timings(T, T, T, 1)));
        runAll();

        assertThat(preview.finalRunningProperty().get()).isFalse();
        assertThat(preview.messageProperty().get()).isEqualTo("Final cancelled.");
        assertThat(preview.progressProperty().get()).isZero();
        startFinal();
    }

    @Test
    void aLandedFinalIsShownAndTheNextOneMayStart() {
        Render first = startFinal();
        first.succeed(12);
        runAll();

        assertThat(preview.finalRunningProperty().get()).isFalse();
        assertThat(preview.lastFinalProperty().get().generationId()).isEqualTo(12);
        assertThat(preview.previewProperty().get().caption()).startsWith("Final \u00b7 50 steps \u00b7 seed 42")
                .endsWith("history #12");
        assertThat(preview.messageProperty().get()).isEqualTo("Final saved to history #12.");
    }

    @Test
    void aSecondFinalWhileOneRendersIsRefusedAndNothingIsSent() {
        startFinal();
        List<String> sent = new ArrayList<>();
        boolean started = preview.renderFinal(50, listener -> {
            sent.add("second");
            return Optional.empty();
        });

        assertThat(started).isFalse();
        assertThat(sent).isEmpty();
        assertThat(preview.messageProperty().get()).isEqualTo("A final is already rendering.");
    }

    @Test
    void escCancelsTheDraftButNeverThePaidFinal() {
        Render fin = startFinal();
        AtomicBoolean draftCancelled = new AtomicBoolean();

        preview.cancelDraft(() -> draftCancelled.set(true));

        assertThat(draftCancelled).isTrue();
        assertThat(fin.cancelled).isFalse();
        assertThat(preview.finalRunningProperty().get()).isTrue();
        assertThat(preview.messageProperty().get()).startsWith("Esc cancels drafts only");
        preview.cancelFinal();
        assertThat(fin.cancelled).isTrue();
    }

    @Test
    void nothingToFinaliseSaysSoAndLeavesNoFinalRunning() {
        assertThat(preview.renderFinal(50, listener -> Optional.empty())).isFalse();
        assertThat(preview.finalRunningProperty().get()).isFalse();
        assertThat(preview.messageProperty().get()).isEqualTo("Nothing to render yet: write a prompt.");
    }

    private static ShownDraft draft(String prompt, long id) {
        GenerationRequest r = GenerationRequest.of(prompt, 42, 6, 1024, 1024);
        return new ShownDraft(r, new GenerationResult(new byte[] {1}, "image/png", 42, 1024, 1024, null, null,
                Cost.FREE), id, new Timings(T, T, T, 1));
    }

    @Test
    void theBadgeNeverSaysReadyBeforeThePictureIsUp() {
        DraftListener events = preview.schedulerListener();
        List<String> seen = new ArrayList<>();
        events.stateChanged(DraftState.RENDERING, "");
        events.draftShown(draft("red balloon", 3));
        events.stateChanged(DraftState.READY, "");
        // Step through every FX update: at no point may the badge say ready over no picture.
        while (!laneQueue.isEmpty() || !fxQueue.isEmpty()) {
            (laneQueue.isEmpty() ? fxQueue : laneQueue).poll().run();
            seen.add(preview.stateProperty().get() + (preview.previewProperty().get() == null ? " empty" : " shown"));
        }

        assertThat(seen).doesNotContain("READY empty");
        assertThat(seen.get(seen.size() - 1)).isEqualTo("READY shown");
        assertThat(preview.shownPromptProperty().get()).isEqualTo("red balloon");
    }

    @Test
    void anEditAfterADraftLandedKeepsTheBadgeStaleWhateverOrderTheWorkFinishesIn() {
        DraftListener events = preview.schedulerListener();
        events.draftShown(draft("red balloon", 3));
        events.stateChanged(DraftState.READY, "");
        events.stateChanged(DraftState.STALE, ""); // the designer typed again while the picture decoded
        // The FX thread gets its turn before the lane has decoded anything.
        runAll();

        assertThat(preview.stateProperty().get()).isEqualTo(DraftState.STALE);
        assertThat(preview.previewProperty().get().generationId()).isEqualTo(3);
    }

    @Test
    void aDraftThatCannotBeDecodedSaysSoInsteadOfShowingNothing() {
        PreviewModel broken = new PreviewModel(TaskRunnerCore.sameThread(), Runnable::run, bytes -> {
            throw new java.io.IOException("truncated PNG");
        }, r -> Cost.FREE, renders, () -> 0L);
        broken.schedulerListener().draftShown(draft("red balloon", 3));

        assertThat(broken.stateProperty().get()).isEqualTo(DraftState.FAILED);
        assertThat(broken.messageProperty().get()).isEqualTo("The draft could not be shown: truncated PNG");
        assertThat(broken.previewProperty().get()).isNull();
    }

    @Test
    void theProgressBarEmptiesWhenADraftStopsRenderingButNotUnderARunningFinal() {
        DraftListener events = preview.schedulerListener();
        events.draftProgress(0.5);
        runAll();
        assertThat(preview.progressProperty().get()).isEqualTo(0.5);
        events.stateChanged(DraftState.STALE, "");
        runAll();
        assertThat(preview.progressProperty().get()).isZero();

        startFinal();
        events.draftProgress(0.3); // the final's own progress drives the bar while it runs
        events.stateChanged(DraftState.STALE, "");
        runAll();
        assertThat(preview.progressProperty().get()).isEqualTo(0.3);
    }

    @Test
    void theBadgeSaysFinalWhileOneRendersAndWhileItsPictureMatchesTheEditorThenTheDraftStateAgain() {
        AtomicBoolean editorHoldsIt = new AtomicBoolean(true);
        preview.setHoldsEditor(r -> editorHoldsIt.get());
        DraftListener events = preview.schedulerListener();
        events.stateChanged(DraftState.READY, "");
        runAll();
        assertThat(preview.badgeProperty().get()).isEqualTo("ready");

        Render fin = startFinal();
        assertThat(preview.badgeProperty().get()).isEqualTo("final");
        fin.succeed(12);
        runAll();
        assertThat(preview.badgeProperty().get()).as("the landed final, still what the editor holds")
                .isEqualTo("final");

        editorHoldsIt.set(false); // the designer edited
        preview.refreshBadge();
        assertThat(preview.badgeProperty().get()).isEqualTo("ready");
        events.stateChanged(DraftState.STALE, "");
        runAll();
        assertThat(preview.badgeProperty().get()).isEqualTo("stale");
    }

    @Test
    void aDraftOverALandedFinalTakesTheBadgeBack() {
        preview.setHoldsEditor(r -> true);
        Render fin = startFinal();
        fin.succeed(12);
        runAll();

        preview.schedulerListener().draftShown(draft("blue balloon", 13));
        runAll();

        assertThat(preview.previewProperty().get().generationId()).isEqualTo(13);
        assertThat(preview.badgeProperty().get()).isEqualTo("ready");
        assertThat(preview.shownDraftProperty().get().caption()).endsWith("history #13");
    }

    @Test
    void aFinalThatCannotBeDecodedSaysItWasSavedButNotShown() {
        PreviewModel broken = new PreviewModel(TaskRunnerCore.sameThread(), Runnable::run, bytes -> {
            throw new java.io.IOException("truncated PNG");
        }, r -> Cost.FREE, renders, () -> 0L);
        Render fin = new Render(request("poster"));
        broken.renderFinal(50, listener -> Optional.of(fin.handle));

        fin.succeed(12);

        assertThat(broken.finalRunningProperty().get()).isFalse();
        assertThat(broken.messageProperty().get())
                .isEqualTo("Final saved to history #12, but it could not be shown: truncated PNG");
        assertThat(broken.previewProperty().get()).isNull();
    }

    @Test
    void aRefusedEditorSaysWhyAndTheDraftStateIsFailed() {
        preview.refuse("Width must be at least 64");
        assertThat(preview.stateProperty().get()).isEqualTo(DraftState.FAILED);
        assertThat(preview.messageProperty().get()).isEqualTo("Width must be at least 64");
        assertThat(preview.badgeProperty().get()).isEqualTo("failed");
    }

    @Test
    void aHistoryItemShownInThePreviewReplacesThePicture() {
        PreviewModel.Shot shot = new PreviewModel.Shot(null, "history #5", request("poster"), 5);
        preview.showInPreview(shot);
        assertThat(preview.previewProperty().get()).isSameAs(shot);
    }

    @Test
    void theClockTimesARunningRenderAndClearsWhenItEndsAndEachSavedRenderIsAnnounced() throws Exception {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        JobRunner runner = new JobRunner(1, RetryPolicy.NEVER, (journalId, job, result, timings) -> 77);
        try {
            RenderService live = new RenderService(runner);
            PreviewModel timed = new PreviewModel(TaskRunnerCore.sameThread(), Runnable::run, bytes -> null,
                    r -> Cost.FREE, live, now::get);
            io.draftboard.ui.FakeEngine engine = new io.draftboard.ui.FakeEngine("fake", 0, 4);
            engine.hold();
            live.submit(new Job(request("poster"), engine, RenderKind.FINAL, null),
                    io.draftboard.generation.JobListener.NONE);
            waitFor(() -> !engine.requests.isEmpty());
            waitFor(() -> {
                timed.tick();
                return !timed.timingProperty().get().isEmpty();
            });
            now.set(2_500_000_000L);
            timed.tick();
            assertThat(timed.timingProperty().get()).isEqualTo("2.5 s \u00b7 estimating");

            engine.release();
            waitFor(() -> timed.savedProperty().get() == 77);
            timed.tick();
            assertThat(timed.timingProperty().get()).isEmpty();
        } finally {
            runner.close();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 20 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
