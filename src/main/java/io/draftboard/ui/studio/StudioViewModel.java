package io.draftboard.ui.studio;

import io.draftboard.generation.AdaptiveDebounce;
import io.draftboard.generation.DraftScheduler;
import io.draftboard.generation.DraftListener;
import io.draftboard.generation.DraftState;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.Job;
import io.draftboard.generation.JobHandle;
import io.draftboard.generation.JobListener;
import io.draftboard.generation.JobOutcome;
import io.draftboard.generation.Provider;
import io.draftboard.generation.RenderKind;
import io.draftboard.generation.RenderService;
import io.draftboard.generation.ShownDraft;
import io.draftboard.history.GenerationStatus;
import io.draftboard.history.HistoryQuery;
import io.draftboard.settings.StudioSettings;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The studio's models put together: the {@link EditorModel} feeds the {@link DraftScheduler}, which reports to
 * the {@link PreviewModel}; every render goes through the {@link RenderService}. This class only wires them
 * and holds the few commands that need more than one (the final, recall, new settings).
 */
public final class StudioViewModel implements AutoCloseable {
    /** The history tag of a paid draft that landed after a newer one was on screen. */
    public static final String SUPERSEDED = "superseded";

    private final StudioContext context;
    private final DraftScheduler scheduler;
    private final AdaptiveDebounce debounce;
    private final EditorModel editor;
    private final PreviewModel preview;
    private final ExecutorService lane;

    public StudioViewModel(StudioContext context) {
        this(context, ImageDecoder.FX, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "draftboard-preview");
            t.setDaemon(true);
            return t;
        }));
    }

    /** {@code lane} decodes landed drafts in order, off the FX thread; it is shut down by {@link #close()}. */
    public StudioViewModel(StudioContext context, ImageDecoder decoder, ExecutorService lane) {
        this.context = context;
        this.lane = lane;
        StudioSettings settings = context.settings();
        RenderService renders = context.renders();
        this.debounce = new AdaptiveDebounce(Duration.ofMillis(settings.debounceMillis()));
        Forwarding events = new Forwarding();
        this.scheduler = new DraftScheduler(context.timer(), this::renderOnChosenProvider, events, settings.quality(),
                debounce.current(), context.seeds());
        // Captions price a render on the provider picked in the editor; they are made on the FX thread.
        this.preview = new PreviewModel(context.tasks(), lane, decoder,
                r -> editorProvider().estimateCost(r), renders, System::nanoTime);
        this.editor = new EditorModel(scheduler, renders, context.providers(), settings, context.tasks(),
                new EditorModel.Notices() {
                    @Override
                    public void invalid(String reason) {
                        preview.refuse(reason);
                    }

                    @Override
                    public void say(String text) {
                        preview.say(text);
                    }
                });
        events.preview = preview.schedulerListener();
        // A landed final keeps its badge while the editor still holds exactly its request.
        preview.setHoldsEditor(request -> editor.requestQuietly().map(request::equals).orElse(false));
        editor.onOwnEdit(preview::refreshBadge);
        // Paid drafts wait for a real pause; the debounce follows the provider picked in the editor.
        scheduler.setPause(debounce);
        debounce.setPaid(EditorModel.isPaid(editor.chosenProvider()));
        editor.providerProperty().addListener((o, a, p) -> debounce.setPaid(p != null && EditorModel.isPaid(p)));
        renders.addListener(new RenderService.Listener() {
            @Override
            public void finished(Job job, JobOutcome outcome) {
                // Live drafts wait longer when renders are slow, as Krita's live mode does.
                if (job.kind() == RenderKind.DRAFT && outcome instanceof JobOutcome.Succeeded s) {
                    debounce.recordRender(s.timings().runTime());
                }
            }
        });
        learnFromHistory();
    }

    private Provider editorProvider() {
        return editor.chosenProvider();
    }

    /** The scheduler is built before the preview that hears it; this hands its events on. */
    private final class Forwarding implements DraftListener {
        private volatile DraftListener preview;

        @Override
        public void stateChanged(DraftState state, String message) {
            preview.stateChanged(state, message);
        }

        @Override
        public void draftShown(ShownDraft draft) {
            preview.draftShown(draft);
        }

        @Override
        public void draftProgress(double fraction) {
            preview.draftProgress(fraction);
        }

        @Override
        public void draftPreview(byte[] image, int step, int of) {
            preview.draftPreview(image, step, of);
        }

        @Override
        public void draftSuperseded(ShownDraft draft) {
            // Paid for, kept, never shown over newer work: findable in history by its tag.
            if (draft.generationId() > 0) {
                context.tasks().action("Marking history #" + draft.generationId() + " superseded",
                        () -> context.history().setTags(draft.generationId(), java.util.List.of(SUPERSEDED))).start();
            }
        }

        @Override
        public void pausedChanged(boolean paused) {
            context.tasks().onFx(() -> {
                if (editor != null) { // the editor's own start-up setting needs no echo
                    editor.liveDraftsProperty().set(!paused);
                }
            });
        }
    }

    /** Render times of the last session's renders, so the slider can say how long a final takes from the start. */
    private void learnFromHistory() {
        context.tasks().task("Reading recent render times", () -> context.history().page(HistoryQuery.newest(60)).items())
                .onSuccess(rows -> {
                    for (int i = rows.size() - 1; i >= 0; i--) { // oldest first, as they happened
                        var r = rows.get(i);
                        if (r.status() == GenerationStatus.DONE && r.renderMillis() > 0) {
                            context.renders().learn(r.providerId(), r.steps(), r.width(), r.height(),
                                    Duration.ofMillis(r.renderMillis()));
                        }
                    }
                    editor.refreshEstimates();
                })
                // Estimates then start from this session's renders; nothing else depends on them.
                .onError(f -> { })
                .start();
    }

    /** Drafts and finals render on the provider picked in the editor, as captured on the FX thread. */
    private JobHandle renderOnChosenProvider(GenerationRequest request, RenderKind kind, Long parentId,
            JobListener listener) {
        return submit(editor.chosenProvider(), request, kind, parentId, listener);
    }

    /** Every render of the studio (drafts, finals, the seed explorer, re-runs on a row's own provider). */
    public JobHandle submit(Provider p, GenerationRequest request, RenderKind kind, Long parentId,
            JobListener listener) {
        return context.renders().submit(new Job(request, p, kind, parentId), listener);
    }

    /**
     * Ctrl+Enter: the request the editor shows now (the text as typed, even inside the debounce) at the
     * slider's steps with the locked seed, linked to a draft only if one of exactly that request exists.
     */
    public boolean renderFinal() {
        int steps = editor.finalStepsProperty().get();
        return preview.renderFinal(steps, listener -> editor.currentRequest()
                .map(request -> scheduler.renderFinal(request, steps, listener)));
    }

    /** "Draft now": one draft of the editor's content, live drafts on or off. */
    public void draftNow() {
        if (editor.currentRequest().isPresent()) {
            editor.memory().sendRestored(); // a restored session reaches the scheduler when asked for
            scheduler.draftNow();
        }
    }

    /** Esc: cancels the draft, never a paid final (that needs {@link #cancelFinal}). */
    public void cancelDraft() {
        preview.cancelDraft(scheduler::cancelDraft);
    }

    public void cancelFinal() {
        preview.cancelFinal();
    }

    /** The seed explorer's pick: its draft becomes the one on screen, so the final reproduces it. */
    public void adoptDraft(ShownDraft draft) {
        scheduler.adopt(draft);
        editor.lockSeed(draft.request().seed());
    }

    /** Recall: every parameter of an earlier render back in the editor, its seed locked. */
    public void recall(Recalled r) {
        editor.recall(r);
        preview.say("Recalled " + r.source() + ".");
    }

    /** New settings take effect at once: draft and final steps, debounce, the 1 MP draft cap. */
    public void apply(StudioSettings settings) {
        debounce.setBase(Duration.ofMillis(settings.debounceMillis()));
        editor.apply(settings);
    }

    public EditorModel editor() {
        return editor;
    }

    public PreviewModel preview() {
        return preview;
    }

    public StudioContext context() {
        return context;
    }

    /**
     * Stops the preview's lane. A draft in flight is not cancelled: it may already be billed, and it stays in
     * the journal for the next start to resume.
     */
    @Override
    public void close() {
        lane.shutdownNow();
        try {
            lane.awaitTermination(200, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
