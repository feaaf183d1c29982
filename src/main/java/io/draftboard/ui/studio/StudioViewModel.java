package io.draftboard.ui.studio;

import io.draftboard.generation.AdaptiveDebounce;
import io.draftboard.generation.Cost;
import io.draftboard.generation.DraftScheduler;
import io.draftboard.generation.DraftState;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.InvalidRequestException;
import io.draftboard.generation.Job;
import io.draftboard.generation.JobEvent;
import io.draftboard.generation.JobHandle;
import io.draftboard.generation.JobListener;
import io.draftboard.generation.JobOutcome;
import io.draftboard.generation.ModelLimits;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.Provider;
import io.draftboard.generation.RenderKind;
import io.draftboard.generation.RenderTimeEstimate;
import io.draftboard.generation.SessionSpend;
import io.draftboard.generation.ShownDraft;
import io.draftboard.ui.references.ReferenceTrayModel;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.image.Image;

/**
 * The studio's editor and preview, without nodes. Every edit of a parameter that changes the image schedules
 * a draft; the quality slider only sets the steps of the final. Scheduler and job callbacks arrive on worker
 * threads: observable state changes on {@code fx} only, and images decode on {@code background}.
 */
public final class StudioViewModel {
    /** A render's picture and the line that says what it is. */
    public record Shot(Image image, String caption, GenerationRequest request, long generationId) {
    }

    private static final long ONE_MEGAPIXEL = 1L << 20;

    private final StudioContext context;
    private final DraftScheduler scheduler;
    private final SessionSpend spend = new SessionSpend();
    private final RenderTimeEstimate times = new RenderTimeEstimate();
    private final AdaptiveDebounce debounce;
    private final ReferenceTrayModel references;

    // The editor.
    private final StringProperty prompt = new SimpleStringProperty("");
    private final IntegerProperty finalSteps;
    private final DoubleProperty guidance = new SimpleDoubleProperty(ModelLimits.DEFAULT_GUIDANCE);
    private final IntegerProperty width = new SimpleIntegerProperty(1024);
    private final IntegerProperty height = new SimpleIntegerProperty(1024);
    private final BooleanProperty seedLocked = new SimpleBooleanProperty(true);
    private final BooleanProperty promptUpsampling = new SimpleBooleanProperty(false);
    private final ObjectProperty<OutputFormat> outputFormat = new SimpleObjectProperty<>(OutputFormat.PNG);
    private final ObjectProperty<Provider> provider = new SimpleObjectProperty<>();
    private final BooleanProperty liveDrafts = new SimpleBooleanProperty(true);
    private final BooleanProperty capDrafts = new SimpleBooleanProperty(true);
    private final DoubleProperty budget = new SimpleDoubleProperty(0);

    // What the designer sees.
    private final ReadOnlyStringWrapper seed = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<DraftState> state = new ReadOnlyObjectWrapper<>(DraftState.IDLE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Shot> preview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Shot> shownDraft = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Shot> lastFinal = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper finalRunning = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper draftCost = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper qualityLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper spent = new ReadOnlyStringWrapper("Session spend $0.00");
    private final ReadOnlyStringWrapper shownPrompt = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper timing = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyLongWrapper saved = new javafx.beans.property.ReadOnlyLongWrapper();
    private final javafx.beans.property.ReadOnlyIntegerWrapper draftStepsShown =
            new javafx.beans.property.ReadOnlyIntegerWrapper();

    private JobHandle finalHandle;
    private final JobClock clock = new JobClock(System::nanoTime);
    private boolean recalling;

    public StudioViewModel(StudioContext context) {
        this.context = context;
        this.finalSteps = new SimpleIntegerProperty(context.settings().finalSteps());
        this.debounce = new AdaptiveDebounce(Duration.ofMillis(context.settings().debounceMillis()));
        this.provider.set(context.providers().get(0));
        this.liveDrafts.set(context.settings().liveDrafts());
        this.capDrafts.set(context.settings().capDraftsAtOneMegapixel());
        this.budget.set(context.settings().budgetUsd());
        this.spend.setBudget(budget.get());
        this.scheduler = new DraftScheduler(context.timer(), this::render, new SchedulerEvents(),
                context.settings().quality(), debounce.current(), context.seeds());
        scheduler.setAdmission(draft -> spend.refusal(provider.get().estimateCost(draft)));
        scheduler.setDraftPixelCap(capDrafts.get() ? ONE_MEGAPIXEL : 0);
        scheduler.setPaused(!liveDrafts.get());
        this.references = new ReferenceTrayModel(context.fx(), context.background(), prompt,
                () -> provider.get().info().capabilities().maxReferences(),
                refs -> currentRequestQuietly().map(r -> provider.get().estimateCost(draftOf(r).withReferences(refs)))
                        .orElse(Cost.FREE));
        seed.set(Long.toString(scheduler.seed()));
        draftStepsShown.set(scheduler.quality().draftSteps());

        prompt.addListener((o, a, b) -> edited());
        guidance.addListener((o, a, b) -> edited());
        width.addListener((o, a, b) -> edited());
        height.addListener((o, a, b) -> edited());
        promptUpsampling.addListener((o, a, b) -> edited());
        outputFormat.addListener((o, a, b) -> edited());
        references.items().addListener((javafx.collections.ListChangeListener<Object>) c -> edited());
        finalSteps.addListener((o, a, b) -> refreshEstimates());
        provider.addListener((o, a, b) -> {
            if (b != null && b != a) {
                scheduler.invalidate();
                references.limitChanged();
                edited();
            }
        });
        liveDrafts.addListener((o, a, b) -> scheduler.setPaused(!b));
        capDrafts.addListener((o, a, b) -> scheduler.setDraftPixelCap(b ? ONE_MEGAPIXEL : 0));
        budget.addListener((o, a, b) -> {
            spend.setBudget(Math.max(0, b.doubleValue()));
            refreshEstimates();
        });
        refreshEstimates();
        learnFromHistory();
    }

    /** Render times of the last session's renders, so the slider can say how long a final takes from the start. */
    private void learnFromHistory() {
        context.background().execute(() -> {
            try {
                var rows = context.history().page(io.draftboard.history.HistoryQuery.newest(60)).items();
                for (int i = rows.size() - 1; i >= 0; i--) { // oldest first, as they happened
                    var r = rows.get(i);
                    if (r.status() == io.draftboard.history.GenerationStatus.DONE && r.renderMillis() > 0) {
                        times.record(r.providerId(), r.steps(), r.width(), r.height(), Duration.ofMillis(r.renderMillis()));
                    }
                }
                context.fx().execute(this::refreshEstimates);
            } catch (RuntimeException e) {
                // Estimates then start from this session's renders; nothing else depends on them.
            }
        });
    }

    /** The scheduler's view of the world, moved onto the FX thread. */
    private final class SchedulerEvents implements DraftScheduler.Listener {
        @Override
        public void stateChanged(DraftState newState, String text) {
            context.fx().execute(() -> {
                state.set(newState);
                message.set(text);
                if (newState != DraftState.RENDERING && !finalRunning.get()) {
                    progress.set(0);
                }
            });
        }

        @Override
        public void draftShown(ShownDraft draft) {
            String text = draft.request().prompt();
            decode(draft.result().image(), image -> {
                Shot shot = new Shot(image, describe("Draft", draft.request(), draft.timings().runTime())
                        + (draft.generationId() > 0 ? " \u00b7 history #" + draft.generationId() : ""),
                        draft.request(), draft.generationId());
                shownDraft.set(shot);
                preview.set(shot);
                shownPrompt.set(text);
            });
        }

        @Override
        public void draftProgress(double fraction) {
            context.fx().execute(() -> progress.set(fraction));
        }

        @Override
        public void pausedChanged(boolean paused) {
            context.fx().execute(() -> liveDrafts.set(!paused));
        }
    }

    /** Drafts and finals render on the provider picked in the editor. */
    private JobHandle render(GenerationRequest request, RenderKind kind, Long parentId, JobListener listener) {
        return submit(provider.get(), request, kind, parentId, listener);
    }

    /**
     * Every render goes through here (drafts, finals, the seed explorer, re-runs on the row's own provider):
     * charged to the session, timed for the estimates, then queued.
     */
    public JobHandle submit(Provider p, GenerationRequest request, RenderKind kind, Long parentId,
            JobListener listener) {
        spend.charge(p.estimateCost(request));
        context.fx().execute(this::refreshEstimates);
        JobHandle handle = context.jobs().submit(new Job(request, p, kind, parentId), event -> {
            if (event instanceof JobEvent.Started) {
                context.fx().execute(() -> startTiming(p, request));
            }
            listener.onEvent(event);
        });
        handle.outcome().thenAccept(outcome -> {
            if (outcome instanceof JobOutcome.Succeeded s) {
                Duration took = s.timings().runTime();
                times.record(p.info().id(), request, took);
                if (kind == RenderKind.DRAFT) {
                    scheduler.setDebounce(debounce.recordRender(took));
                }
            }
            context.fx().execute(() -> {
                stopTiming(request);
                refreshEstimates();
                if (outcome instanceof JobOutcome.Succeeded s && s.generationId() > 0) {
                    saved.set(s.generationId());
                }
            });
        });
        return handle;
    }

    private void edited() {
        refreshEstimates();
        if (recalling) {
            return;
        }
        Optional<GenerationRequest> request = currentRequest();
        if (request.isEmpty()) {
            return;
        }
        if (!seedLocked.get()) {
            seed.set(Long.toString(scheduler.shuffleSeed()));
        }
        scheduler.edit(request.get());
    }

    /**
     * The editor's request at the slider's steps, or empty (with the reason in the message) when the prompt
     * is blank or a field is out of range for the chosen provider.
     */
    public Optional<GenerationRequest> currentRequest() {
        try {
            return editorRequest(true);
        } catch (InvalidRequestException e) {
            state.set(DraftState.FAILED);
            message.set(e.getMessage());
            return Optional.empty();
        }
    }

    /** As {@link #currentRequest()}, but an invalid editor is just "no request" (for estimates, no message). */
    private Optional<GenerationRequest> currentRequestQuietly() {
        try {
            return editorRequest(false);
        } catch (InvalidRequestException e) {
            return Optional.empty();
        }
    }

    private Optional<GenerationRequest> editorRequest(boolean checkProvider) {
        if (prompt.get().isBlank()) {
            return Optional.empty();
        }
        GenerationRequest request = new GenerationRequest(prompt.get(), scheduler.seed(), finalSteps.get(),
                guidance.get(), width.get(), height.get(), references.items(), outputFormat.get(),
                promptUpsampling.get(), ModelLimits.DEFAULT_SAFETY_TOLERANCE);
        if (checkProvider) {
            Provider p = provider.get();
            p.info().capabilities().check(p.info().displayName(), request);
        }
        return Optional.of(request);
    }

    /** {@code request} as the scheduler sends it as a draft: draft steps, and at most 1 MP when capped. */
    public GenerationRequest draftOf(GenerationRequest request) {
        return scheduler.draftOf(request);
    }

    /** The slider label and the cost lines: what the next draft and the final will cost, before they fire. */
    private void refreshEstimates() {
        Provider p = provider.get();
        Optional<GenerationRequest> fin = currentRequestQuietly(); // at the slider's steps
        String label = scheduler.quality().label(finalSteps.get());
        if (fin.isPresent()) {
            label += " \u00b7 " + times.estimate(p.info().id(), fin.get()).map(StudioViewModel::seconds)
                    .orElse("time not known yet") + " \u00b7 " + p.estimateCost(fin.get()).display();
        }
        qualityLabel.set(label);
        draftCost.set(fin.map(this::draftOf).map(d -> {
            Cost c = p.estimateCost(d);
            String size = d.width() + "\u00d7" + d.height();
            return "Each draft: " + size + " \u00b7 " + c.display()
                    + (c.usd() > 0 ? " (the same per megapixel as a final: drafts save time, not money)" : " (free)");
        }).orElse(""));
        spent.set("Session spend " + spend.spent().display().replace("\u2248", "")
                + (spend.budget() > 0 ? String.format(Locale.ROOT, " of $%.2f", spend.budget()) : ""));
    }

    /** Ctrl+Enter: the draft on screen, again at the slider's steps with the same seed and parameters. */
    public boolean renderFinal() {
        if (finalRunning.get()) {
            message.set("A final is already rendering.");
            return false;
        }
        int steps = finalSteps.get();
        Optional<JobHandle> handle = scheduler.renderFinal(steps, event -> {
            if (event instanceof JobEvent.Progress p) {
                context.fx().execute(() -> progress.set(p.fraction()));
            }
        });
        if (handle.isEmpty()) {
            message.set("Nothing to finalise yet: wait for a draft.");
            return false;
        }
        finalHandle = handle.get();
        finalRunning.set(true);
        GenerationRequest request = finalHandle.job().request();
        message.set("Rendering the final at " + steps + " steps with seed " + request.seed() + "\u2026");
        finalHandle.outcome().thenAccept(outcome -> {
            if (outcome instanceof JobOutcome.Succeeded s) {
                decode(s.result().image(), image -> {
                    Shot shot = new Shot(image, describe("Final", request, s.timings().runTime()) + " \u00b7 history #"
                            + s.generationId(), request, s.generationId());
                    preview.set(shot);
                    lastFinal.set(shot);
                    finalRunning.set(false);
                    progress.set(0);
                    message.set("Final saved to history #" + s.generationId() + ".");
                });
            } else {
                context.fx().execute(() -> {
                    finalRunning.set(false);
                    progress.set(0);
                    message.set(outcome instanceof JobOutcome.Failed f ? "Final failed. " + f.kind().title() + ": "
                            + f.message() : "Final cancelled.");
                });
            }
        });
        return true;
    }

    /** Esc: cancels the draft, never a paid final (that needs {@link #cancelFinal}). */
    public void cancelDraft() {
        scheduler.cancelDraft();
        if (finalRunning.get()) {
            message.set("Esc cancels drafts only; the final keeps rendering (use Cancel final to stop it).");
        }
    }

    public void cancelFinal() {
        if (finalHandle != null && !finalHandle.isDone()) {
            finalHandle.cancel();
        }
    }

    public void shuffleSeed() {
        seed.set(Long.toString(scheduler.shuffleSeed()));
    }

    /** New settings take effect at once: draft and final steps, debounce, the 1 MP draft cap. */
    public void apply(io.draftboard.settings.StudioSettings settings) {
        scheduler.setQuality(settings.quality());
        draftStepsShown.set(settings.draftSteps());
        debounce.setBase(Duration.ofMillis(settings.debounceMillis()));
        scheduler.setDebounce(debounce.current());
        finalSteps.set(settings.finalSteps());
        capDrafts.set(settings.capDraftsAtOneMegapixel());
        refreshEstimates();
    }

    /** Locks a seed typed in the field; anything but a whole number in range is refused with a message. */
    public boolean lockSeed(String text) {
        try {
            long value = Long.parseLong(text.strip());
            if (value < 0 || value > io.draftboard.generation.Seeds.MAX) {
                throw new NumberFormatException();
            }
            scheduler.lockSeed(value);
            seed.set(Long.toString(value));
            seedLocked.set(true);
            return true;
        } catch (NumberFormatException e) {
            message.set("Seed must be a whole number from 0 to " + io.draftboard.generation.Seeds.MAX + ".");
            seed.set(Long.toString(scheduler.seed()));
            return false;
        }
    }

    /** The seed explorer's pick: its draft becomes the one on screen, so the final reproduces it. */
    public void adoptDraft(ShownDraft draft) {
        scheduler.adopt(draft);
        seed.set(Long.toString(draft.request().seed()));
        seedLocked.set(true);
    }

    /** Recall: every parameter of an earlier render back in the editor, its seed locked. */
    public void recall(Recalled r) {
        recalling = true;
        try {
            prompt.set(r.prompt());
            if (r.width() != null && r.height() != null && r.width() > 0 && r.height() > 0) {
                // Other tools' sizes need not be on FLUX.2's grid: snap to multiples of 16 within 4 MP.
                int w = Math.max(ModelLimits.MIN_SIDE, Math.round(r.width() / 16f) * 16);
                int h = Math.max(ModelLimits.MIN_SIDE, Math.round(r.height() / 16f) * 16);
                var fitted = io.draftboard.generation.DraftSize.within(w, h, ModelLimits.MAX_PIXELS);
                width.set(fitted.width());
                height.set(fitted.height());
            }
            if (r.guidance() != null) {
                guidance.set(Math.max(ModelLimits.MIN_GUIDANCE, Math.min(ModelLimits.MAX_GUIDANCE, r.guidance())));
            }
            if (r.finalSteps() != null) {
                finalSteps.set(Math.max(ModelLimits.MIN_STEPS, Math.min(ModelLimits.MAX_STEPS, r.finalSteps())));
            }
            if (r.outputFormat() != null) {
                outputFormat.set(r.outputFormat());
            }
            if (r.promptUpsampling() != null) {
                promptUpsampling.set(r.promptUpsampling());
            }
            if (r.providerId() != null) {
                context.providers().stream().filter(p -> p.info().id().equals(r.providerId())).findFirst()
                        .ifPresent(provider::set);
            }
            if (r.references() != null) {
                references.replaceAll(r.references());
            }
        } finally {
            recalling = false;
        }
        if (r.seed() != null) {
            scheduler.lockSeed(r.seed());
            seed.set(Long.toString(r.seed()));
            seedLocked.set(true);
        }
        edited();
        message.set("Recalled " + r.source() + ".");
    }

    private void startTiming(Provider p, GenerationRequest request) {
        clock.start(request, times.estimate(p.info().id(), request).orElse(null));
    }

    private void stopTiming(GenerationRequest request) {
        if (clock.stop(request)) {
            timing.set("");
        }
    }

    /** Called by the view's clock while a job runs: elapsed time and what is left. */
    public void tick() {
        timing.set(clock.read(progress.get()));
    }

    private String describe(String kind, GenerationRequest r, Duration took) {
        return String.format(Locale.ROOT, "%s \u00b7 %d steps \u00b7 seed %d \u00b7 %d\u00d7%d \u00b7 %.2f s \u00b7 %s", kind,
                r.steps(), r.seed(), r.width(), r.height(), took.toMillis() / 1000.0,
                provider.get().estimateCost(r).display());
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "\u2248%.1f s", d.toMillis() / 1000.0);
    }

    /** Decodes a rendered image on the background pool and hands it to {@code onFx} on the FX thread. */
    public void decode(byte[] bytes, java.util.function.Consumer<Image> onFx) {
        context.background().execute(() -> {
            Image image = new Image(new ByteArrayInputStream(bytes));
            context.fx().execute(() -> onFx.accept(image));
        });
    }

    public StudioContext context() {
        return context;
    }

    public ReferenceTrayModel references() {
        return references;
    }

    public SessionSpend spend() {
        return spend;
    }

    public List<Provider> providers() {
        return context.providers();
    }

    public StringProperty promptProperty() {
        return prompt;
    }

    public IntegerProperty finalStepsProperty() {
        return finalSteps;
    }

    public DoubleProperty guidanceProperty() {
        return guidance;
    }

    public IntegerProperty widthProperty() {
        return width;
    }

    public IntegerProperty heightProperty() {
        return height;
    }

    public BooleanProperty seedLockedProperty() {
        return seedLocked;
    }

    public BooleanProperty promptUpsamplingProperty() {
        return promptUpsampling;
    }

    public ObjectProperty<OutputFormat> outputFormatProperty() {
        return outputFormat;
    }

    public ObjectProperty<Provider> providerProperty() {
        return provider;
    }

    public BooleanProperty liveDraftsProperty() {
        return liveDrafts;
    }

    public BooleanProperty capDraftsProperty() {
        return capDrafts;
    }

    public DoubleProperty budgetProperty() {
        return budget;
    }

    public ReadOnlyStringProperty seedProperty() {
        return seed.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DraftState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public void say(String text) {
        message.set(text);
    }

    public ReadOnlyObjectProperty<Shot> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** Shows a history item in the preview without touching the editor. */
    public void showInPreview(Shot shot) {
        preview.set(shot);
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

    public ReadOnlyStringProperty draftCostProperty() {
        return draftCost.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty qualityLabelProperty() {
        return qualityLabel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty spentProperty() {
        return spent.getReadOnlyProperty();
    }

    /** The history id of the latest render saved by any path (draft, final, explorer, re-run). */
    public javafx.beans.property.ReadOnlyLongProperty savedProperty() {
        return saved.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty timingProperty() {
        return timing.getReadOnlyProperty();
    }

    /** The prompt of the draft on screen: never an older one than the last shown. */
    public ReadOnlyStringProperty shownPromptProperty() {
        return shownPrompt.getReadOnlyProperty();
    }

    public javafx.beans.property.ReadOnlyIntegerProperty draftStepsProperty() {
        return draftStepsShown.getReadOnlyProperty();
    }

    public long currentSeed() {
        return scheduler.seed();
    }
}
