package io.draftboard.ui.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.Cost;
import io.draftboard.generation.DraftListener;
import io.draftboard.generation.DraftState;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.Job;
import io.draftboard.generation.JobEvent;
import io.draftboard.generation.JobHandle;
import io.draftboard.generation.JobListener;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Step previews in the preview pane, without a toolkit: newest frame wins, never over its own or a newer image. */
class PreviewFramesTest {
    private static final Instant T = Instant.EPOCH;
    private final JobRunner unused = new JobRunner(1, RetryPolicy.NEVER, JobRecorder.NONE);
    private final Deque<Runnable> fxQueue = new ArrayDeque<>();
    private final Deque<Runnable> laneQueue = new ArrayDeque<>();
    /** Every array the preview decoded, in order. */
    private final List<byte[]> decoded = new ArrayList<>();
    private final PreviewModel preview = new PreviewModel(TaskRunnerCore.on(Runnable::run, fxQueue::add, f -> {
        throw new AssertionError(f.message(), f.cause());
    }), laneQueue::add, bytes -> {
        decoded.add(bytes);
        return null;
    }, r -> Cost.FREE, new RenderService(unused), () -> 0L);
    private final DraftListener events = preview.schedulerListener();
    /** Captions the preview showed, in order. */
    private final List<String> captions = new ArrayList<>();

    PreviewFramesTest() {
        preview.previewProperty().addListener((o, a, b) -> captions.add(b == null ? "(nothing)" : b.caption()));
    }

    @AfterEach
    void tearDown() {
        unused.close();
    }

    private void runAll() {
        while (!laneQueue.isEmpty() || !fxQueue.isEmpty()) {
            (laneQueue.isEmpty() ? fxQueue : laneQueue).poll().run();
        }
    }

    private static ShownDraft draft(String prompt, long id, byte[] image) {
        GenerationRequest r = GenerationRequest.of(prompt, 42, 6, 1024, 1024);
        return new ShownDraft(r, new GenerationResult(image, "image/png", 42, 1024, 1024, null, null, Cost.FREE), id,
                new Timings(T, T, T, 1));
    }

    @Test
    void framesShowStepNOfMAndGiveWayToTheFinishedDraft() {
        events.stateChanged(DraftState.RENDERING, "");
        for (int step = 1; step <= 3; step++) {
            events.draftPreview(new byte[] {(byte) step}, step, 6);
            runAll();
        }
        events.draftShown(draft("red balloon", 5, new byte[] {9}));
        events.stateChanged(DraftState.READY, "");
        runAll();

        assertThat(captions).hasSize(4);
        assertThat(captions.subList(0, 3)).containsExactly("Draft \u00b7 step 1 of 6", "Draft \u00b7 step 2 of 6",
                "Draft \u00b7 step 3 of 6");
        assertThat(captions.get(3)).startsWith("Draft \u00b7 6 steps").endsWith("history #5");
        assertThat(preview.shownDraftProperty().get().generationId()).isEqualTo(5); // frames are never "the draft"
    }

    @Test
    void framesThatArriveFasterThanTheyDecodeAreDroppedButTheNewestIsShown() {
        events.stateChanged(DraftState.RENDERING, "");
        runAll();
        for (int step = 1; step <= 5; step++) {
            events.draftPreview(new byte[] {(byte) step}, step, 6); // the lane is busy: nothing runs meanwhile
        }

        assertThat(laneQueue).hasSize(1);
        runAll();
        assertThat(decoded).hasSize(1);
        assertThat(decoded.get(0)).containsExactly(5);
        assertThat(captions).containsExactly("Draft \u00b7 step 5 of 6");
    }

    @Test
    void aFrameNeverJumpsOverTheImageQueuedBeforeItNorTheImageOverAFrameAfterIt() {
        events.stateChanged(DraftState.RENDERING, "");
        events.draftPreview(new byte[] {1}, 5, 6);
        events.draftShown(draft("red balloon", 5, new byte[] {9}));
        events.stateChanged(DraftState.READY, "");
        events.stateChanged(DraftState.RENDERING, ""); // the next draft, already converging
        events.draftPreview(new byte[] {2}, 1, 6);
        events.draftPreview(new byte[] {3}, 2, 6);
        runAll();

        assertThat(captions).hasSize(3);
        assertThat(captions.get(0)).isEqualTo("Draft \u00b7 step 5 of 6");
        assertThat(captions.get(1)).endsWith("history #5");
        assertThat(captions.get(2)).isEqualTo("Draft \u00b7 step 2 of 6");
    }

    @Test
    void aDraftThatEndsWithoutAnImageGivesTheScreenBackToThePictureItCovered() {
        events.draftShown(draft("red balloon", 5, new byte[] {9}));
        events.stateChanged(DraftState.READY, "");
        events.stateChanged(DraftState.RENDERING, "");
        events.draftPreview(new byte[] {1}, 2, 6);
        runAll();
        assertThat(preview.previewProperty().get().caption()).isEqualTo("Draft \u00b7 step 2 of 6");

        events.stateChanged(DraftState.STALE, "Draft cancelled"); // Esc, or the editor moved on
        runAll();

        assertThat(preview.previewProperty().get().caption()).endsWith("history #5");
    }

    @Test
    void aLineSaidToTheDesignerOutlivesTheWordlessStatesItsOwnEditSetsOff() {
        preview.say("Recalled history #9."); // the recall's edit has already queued the draft's states
        events.stateChanged(DraftState.STALE, "");
        events.stateChanged(DraftState.RENDERING, "");
        runAll();
        assertThat(preview.messageProperty().get()).isEqualTo("Recalled history #9.");

        events.stateChanged(DraftState.FAILED, "Draft failed: the engine stopped");
        runAll();
        assertThat(preview.messageProperty().get()).isEqualTo("Draft failed: the engine stopped");

        events.stateChanged(DraftState.RENDERING, ""); // a state's own words go with it
        runAll();
        assertThat(preview.messageProperty().get()).isEmpty();
    }

    @Test
    void theFinishedImageSentAsTheLastFrameIsDecodedOnceAndShownBeforeItIsStored() {
        byte[] png = {7, 7, 7};
        events.stateChanged(DraftState.RENDERING, "");
        events.draftPreview(png, 6, 6); // pixels first: the engine's finished image, history not written yet
        runAll();
        assertThat(preview.previewProperty().get().caption()).isEqualTo("Draft \u00b7 step 6 of 6");

        events.draftShown(draft("red balloon", 5, png)); // stored: the same array comes back
        events.stateChanged(DraftState.READY, "");
        runAll();

        assertThat(decoded).hasSize(1);
        assertThat(preview.previewProperty().get().caption()).endsWith("history #5");
    }

    /** A final whose events and outcome the test sends. */
    private JobListener startFinal(CompletableFuture<JobOutcome> outcome) {
        JobListener[] heard = new JobListener[1];
        GenerationRequest request = GenerationRequest.of("poster", 42, 50, 1024, 1024);
        preview.renderFinal(50, listener -> {
            heard[0] = listener;
            return Optional.of(new JobHandle(1, new Job(request, new OfflineProvider(), RenderKind.FINAL, null),
                    outcome, () -> { }));
        });
        return heard[0];
    }

    @Test
    void aFinalConvergesOnScreenAndDraftFramesStayOutOfItsWay() {
        CompletableFuture<JobOutcome> outcome = new CompletableFuture<>();
        JobListener fin = startFinal(outcome);
        fin.onEvent(new JobEvent.Preview(1, T, new byte[] {1}, 10, 50));
        runAll();
        events.draftPreview(new byte[] {2}, 1, 6);
        runAll();
        assertThat(preview.previewProperty().get().caption()).isEqualTo("Final \u00b7 step 10 of 50");

        fin.onEvent(new JobEvent.Preview(1, T, new byte[] {3}, 40, 50));
        outcome.complete(new JobOutcome.Succeeded(new GenerationResult(new byte[] {4}, "image/png", 42, 1024, 1024,
                null, null, Cost.FREE), new Timings(T, T, T, 1), 12));
        runAll();

        assertThat(captions).last().asString().startsWith("Final \u00b7 50 steps").endsWith("history #12");
        assertThat(captions).contains("Final \u00b7 step 40 of 50");
    }

    @Test
    void aCancelledFinalTakesItsFrameAway() {
        events.draftShown(draft("red balloon", 5, new byte[] {9}));
        runAll();
        CompletableFuture<JobOutcome> outcome = new CompletableFuture<>();
        JobListener fin = startFinal(outcome);
        fin.onEvent(new JobEvent.Preview(1, T, new byte[] {1}, 10, 50));
        runAll();

        outcome.complete(new JobOutcome.Cancelled(new Timings(T, T, T, 1)));
        runAll();

        assertThat(preview.previewProperty().get().caption()).endsWith("history #5");
        assertThat(preview.messageProperty().get()).isEqualTo("Final cancelled.");
    }
}
