package io.draftboard.ui.studio;

import io.draftboard.generation.Cost;
import io.draftboard.generation.DraftListener;
import io.draftboard.generation.DraftState;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.Job;
import io.draftboard.generation.JobEvent;
import io.draftboard.generation.JobHandle;
import io.draftboard.generation.JobOutcome;
import io.draftboard.generation.RenderService;
import io.draftboard.generation.ShownDraft;
import io.draftboard.ui.studio.PreviewPicture.Frame;
import io.draftboard.ui.task.TaskRunner;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.image.Image;

/**
 * What the preview pane shows: the draft state and its message, the picture on screen, progress and the
 * clock, and the final's lifecycle. The scheduler speaks from worker threads; its events pass through one
 * serial lane (decoding a landed draft there) and reach the FX thread in the order the scheduler decided, the
 * picture and its "ready" together, so the badge never says ready before the picture is up, nor over a newer
 * edit.
 */
public final class PreviewModel {
    /** A render's picture and the line that says what it is. */
    public record Shot(Image image, String caption, GenerationRequest request, long generationId) {
    }

    private final TaskRunner tasks;
    private final PreviewLane lane;
    private final LastDecoded decoder;
    private final Function<GenerationRequest, Cost> costOf;
    private final RenderService renders;
    private final JobClock clock;

    private final ReadOnlyObjectWrapper<DraftState> state = new ReadOnlyObjectWrapper<>(DraftState.IDLE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final PreviewPicture picture = new PreviewPicture();
    private final ReadOnlyObjectWrapper<Shot> shownDraft = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Shot> lastFinal = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper finalRunning = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper shownPrompt = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper timing = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper saved = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper badge = new ReadOnlyStringWrapper("idle");
    private final FinalProgress finalProgress;
    /** Whether a request is what the editor holds now; a final that is still fresh keeps the badge "final". */
    private java.util.function.Predicate<GenerationRequest> holdsEditor = r -> true;

    private JobHandle finalHandle;
    /** Whether the message line holds what {@link #say} said, not a draft state's own words. FX thread. */
    private boolean said;

    /**
     * @param lane    a serial executor off the FX thread (one thread in the app, the caller's in tests)
     * @param costOf  the chosen provider's estimate, for captions; called on the FX thread
     * @param nanos   the clock's time source
     */
    public PreviewModel(TaskRunner tasks, Executor lane, ImageDecoder decoder, Function<GenerationRequest, Cost> costOf,
            RenderService renders, LongSupplier nanos) {
        this.tasks = tasks;
        this.lane = new PreviewLane(lane);
        this.decoder = new LastDecoded(decoder); // used on the lane only
        this.costOf = costOf;
        this.renders = renders;
        this.clock = new JobClock(nanos);
        this.finalProgress = new FinalProgress(nanos);
        renders.addListener(new RenderEvents());
        javafx.beans.InvalidationListener badgeFollows = o -> badge.set(badgeText());
        state.addListener(badgeFollows);
        finalRunning.addListener(badgeFollows);
        picture.property().addListener(badgeFollows);
    }

    /**
     * "final" while a final renders and while the fresh final is on screen (the editor still holds its
     * request), so a draft state from before it landed ("stale" during the debounce) never labels the final;
     * otherwise the draft state.
     */
    private String badgeText() {
        Shot fin = lastFinal.get();
        boolean freshFinal = fin != null && picture.get() == fin && fin.request() != null
                && holdsEditor.test(fin.request());
        return finalRunning.get() || freshFinal ? "final" : state.get().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The editor changed: a final on screen may no longer be what it holds (the draft state may not change). */
    void refreshBadge() {
        badge.set(badgeText());
    }

    /** Tells the badge whether a landed final still matches the editor (the studio asks its editor). */
    void setHoldsEditor(java.util.function.Predicate<GenerationRequest> test) {
        holdsEditor = test;
        badge.set(badgeText());
    }

    /** The listener the {@link DraftScheduler} reports to. */
    public DraftListener schedulerListener() {
        return new SchedulerEvents();
    }

    private final class SchedulerEvents implements DraftListener {
        @Override
        public void stateChanged(DraftState newState, String text) {
            onLane(() -> tasks.onFx(() -> showState(newState, text)));
        }

        @Override
        public void draftShown(ShownDraft draft) {
            onLane(() -> {
                Image image;
                try {
                    image = decoder.decode(draft.result().image());
                } catch (Exception e) {
                    tasks.onFx(() -> showState(DraftState.FAILED, "The draft could not be shown: " + e.getMessage()));
                    return;
                }
                tasks.onFx(() -> {
                    GenerationRequest request = draft.request();
                    Shot shot = new Shot(image, EstimateText.caption("Draft", request, draft.timings().runTime(),
                            costOf.apply(request)) + (draft.generationId() > 0 ? " \u00b7 history #"
                            + draft.generationId() : ""), request, draft.generationId());
                    shownDraft.set(shot);
                    picture.show(shot);
                    shownPrompt.set(request.prompt());
                    showState(DraftState.READY, "");
                });
            });
        }

        @Override
        public void draftProgress(double fraction) {
            onLane(() -> tasks.onFx(() -> progress.set(fraction)));
        }

        @Override
        public void draftPreview(byte[] image, int step, int of) {
            frame(Frame.DRAFT, image, step, of);
        }
    }

    private void onLane(Runnable step) {
        lane.run(step);
    }

    /**
     * A step frame: decoded on the lane (replacing one still waiting there), shown on the FX thread in place of
     * the spinner or the picture before it. A draft's frame stays out of the way of a running final's.
     */
    private void frame(Frame whose, byte[] bytes, int step, int of) {
        lane.latest(() -> {
            Image image;
            try {
                image = decoder.decode(bytes);
            } catch (Exception e) {
                return; // a frame is a courtesy: the finished image says what went wrong, if anything did
            }
            tasks.onFx(() -> {
                if (whose == Frame.DRAFT && finalRunning.get()) {
                    return;
                }
                String name = whose == Frame.FINAL ? "Final" : "Draft";
                picture.frame(whose, new Shot(image, name + " \u00b7 step " + step + " of " + of, null, 0));
            });
        });
    }

    private void showState(DraftState newState, String text) {
        state.set(newState);
        // A line said to the designer (a recall, a restored session) outlives the wordless states its own edit
        // sets off (stale, queued, rendering, ready), which reach the FX thread after it was said.
        if (!text.isEmpty() || !said) {
            message.set(text);
            said = false;
        }
        if (newState != DraftState.RENDERING && !finalRunning.get()) {
            progress.set(0);
        }
        if (newState != DraftState.RENDERING && newState != DraftState.QUEUED) {
            picture.drop(Frame.DRAFT); // cancelled, failed, or the editor moved on: a half-drawn picture of nothing
        }
    }

    /** Times every render the clock is waiting for and announces each one saved. */
    private final class RenderEvents implements RenderService.Listener {
        @Override
        public void started(Job job) {
            var expected = renders.estimate(job.provider().info().id(), job.request()).orElse(null);
            tasks.onFx(() -> clock.start(job.request(), expected));
        }

        @Override
        public void finished(Job job, JobOutcome outcome) {
            tasks.onFx(() -> {
                if (clock.stop(job.request())) {
                    timing.set("");
                }
                if (outcome instanceof JobOutcome.Succeeded s && s.generationId() > 0) {
                    saved.set(s.generationId());
                }
            });
        }
    }

    /**
     * Starts a final through {@code start} unless one is already rendering; the final's progress drives the
     * bar, its picture replaces the preview when it lands.
     *
     * @param start sends the final with the given progress listener, or is empty when there is nothing to
     *              finalise
     */
    public boolean renderFinal(int steps, Function<io.draftboard.generation.JobListener, Optional<JobHandle>> start) {
        if (finalRunning.get()) {
            message.set("A final is already rendering.");
            return false;
        }
        Optional<JobHandle> handle = start.apply(event -> {
            if (event instanceof JobEvent.Progress p) {
                tasks.onFx(() -> {
                    progress.set(p.fraction());
                    finalProgress.progress(p.fraction());
                });
            } else if (event instanceof JobEvent.Preview p) {
                frame(Frame.FINAL, p.image(), p.step(), p.of());
            }
        });
        if (handle.isEmpty()) {
            message.set("Nothing to render yet: write a prompt.");
            return false;
        }
        finalHandle = handle.get();
        GenerationRequest request = finalHandle.job().request();
        var provider = finalHandle.job().provider();
        finalProgress.start(renders.estimate(provider.info().id(), request).orElse(null),
                provider.estimateCost(request));
        finalRunning.set(true);
        message.set("Rendering the final at " + steps + " steps with seed " + request.seed() + "\u2026");
        finalHandle.outcome().thenAccept(outcome -> finalLanded(request, outcome));
        return true;
    }

    /** Decoded on the lane, after the final's own frames: its last frame never comes after its image. */
    private void finalLanded(GenerationRequest request, JobOutcome outcome) {
        if (outcome instanceof JobOutcome.Succeeded s) {
            onLane(() -> {
                Image image;
                try {
                    image = decoder.decode(s.result().image());
                } catch (Exception e) {
                    tasks.onFx(() -> {
                        picture.drop(Frame.FINAL);
                        finalEnded();
                        message.set("Final saved to history #" + s.generationId() + ", but it could not be shown: "
                                + e.getMessage());
                    });
                    return;
                }
                tasks.onFx(() -> {
                    Shot shot = new Shot(image, EstimateText.caption("Final", request, s.timings().runTime(),
                            costOf.apply(request)) + " \u00b7 history #" + s.generationId(), request,
                            s.generationId());
                    lastFinal.set(shot); // first, so the badge sees the final it is about to show
                    picture.show(shot);
                    message.set("Final saved to history #" + s.generationId() + ".");
                    finalEnded();
                });
            });
        } else {
            onLane(() -> tasks.onFx(() -> {
                picture.drop(Frame.FINAL);
                finalEnded();
                message.set(outcome instanceof JobOutcome.Failed f ? "Final failed. " + f.kind().title() + ": "
                        + f.message() : "Final cancelled.");
            }));
        }
    }

    private void finalEnded() {
        finalProgress.stop();
        finalRunning.set(false);
        progress.set(0);
    }

    /** Esc: the draft only. A final was paid for on purpose and has its own Cancel button. */
    public void cancelDraft(Runnable cancelDraft) {
        cancelDraft.run();
        if (finalRunning.get()) {
            message.set("Esc cancels drafts only; the final keeps rendering (use Cancel final to stop it).");
        }
    }

    public void cancelFinal() {
        if (finalHandle != null && !finalHandle.isDone()) {
            finalHandle.cancel();
        }
    }

    /** Called by the view's clock while a job runs: elapsed time and what is left. */
    public void tick() {
        timing.set(clock.read(progress.get()));
        finalProgress.tick();
    }

    /** An editor that cannot make a request says why where the designer looks. */
    public void refuse(String reason) {
        state.set(DraftState.FAILED);
        message.set(reason);
    }

    public void say(String text) {
        message.set(text);
        said = !text.isEmpty();
    }

    /** Shows a history item in the preview without touching the editor. */
    public void showInPreview(Shot shot) {
        picture.show(shot);
    }

    public ReadOnlyObjectProperty<DraftState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The badge's word: the draft state's, or "final" (see {@link #badgeText}). */
    public ReadOnlyStringProperty badgeProperty() {
        return badge.getReadOnlyProperty();
    }

    /** The final in flight, for the preview's overlay. */
    public FinalProgress finalProgress() {
        return finalProgress;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Shot> previewProperty() {
        return picture.property();
    }

    public ReadOnlyObjectProperty<Shot> shownDraftProperty() {
        return shownDraft.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Shot> lastFinalProperty() {
        return lastFinal.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty finalRunningProperty() {
        return finalRunning.getReadOnlyProperty();
    }

    /** The prompt of the draft on screen: never an older one than the last shown. */
    public ReadOnlyStringProperty shownPromptProperty() {
        return shownPrompt.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty timingProperty() {
        return timing.getReadOnlyProperty();
    }

    /** The history id of the latest render saved by any path (draft, final, explorer, re-run). */
    public ReadOnlyLongProperty savedProperty() {
        return saved.getReadOnlyProperty();
    }
}
