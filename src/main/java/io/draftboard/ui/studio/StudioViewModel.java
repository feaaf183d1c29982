package io.draftboard.ui.studio;

import io.draftboard.generation.DraftScheduler;
import io.draftboard.generation.DraftState;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.InvalidRequestException;
import io.draftboard.generation.JobEvent;
import io.draftboard.generation.JobHandle;
import io.draftboard.generation.JobOutcome;
import io.draftboard.generation.ModelLimits;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.Provider;
import io.draftboard.generation.ShownDraft;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.image.Image;

/**
 * The studio's state and commands, without nodes: the editor's fields, the preview and its badge, and the
 * final in flight. Scheduler and job callbacks arrive on worker threads; everything observable changes on
 * {@code fx} only, and images are decoded on {@code background} so the UI thread never waits for pixels.
 */
public final class StudioViewModel {
    private final DraftScheduler scheduler;
    private final List<Provider> providers;
    private final ObjectProperty<Provider> provider = new SimpleObjectProperty<>();
    private final Executor fx;
    private final Executor background;

    private final StringProperty prompt = new SimpleStringProperty("");
    private final ObjectProperty<SizePreset> size = new SimpleObjectProperty<>(SizePreset.ALL.get(0));
    private final ReadOnlyObjectWrapper<DraftState> state = new ReadOnlyObjectWrapper<>(DraftState.IDLE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Image> preview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper previewInfo = new ReadOnlyStringWrapper("Type a prompt to start drafting.");
    private final ReadOnlyStringWrapper seed = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper finalRunning = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper costInfo = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper shownPrompt = new ReadOnlyStringWrapper("");

    /** {@code providers}: the picker's choices, the default first. */
    public StudioViewModel(SchedulerFactory schedulerFactory, List<Provider> providers, Executor fx, Executor background) {
        this.providers = List.copyOf(providers);
        this.provider.set(this.providers.get(0));
        this.fx = fx;
        this.background = background;
        this.scheduler = schedulerFactory.create(provider::get, new DraftScheduler.Listener() {
            @Override
            public void stateChanged(DraftState newState, String text) {
                fx.execute(() -> {
                    state.set(newState);
                    message.set(text);
                    if (newState != DraftState.RENDERING) {
                        progress.set(0);
                    }
                });
            }

            @Override
            public void draftShown(ShownDraft draft) {
                String prompt = draft.request().prompt();
                showImage(draft.result().image(), describe("Draft", draft.request(), draft.timings().runTime().toMillis()),
                        () -> shownPrompt.set(prompt));
            }

            @Override
            public void draftProgress(double fraction) {
                fx.execute(() -> progress.set(fraction));
            }
        });
        seed.set(Long.toString(scheduler.seed()));
        prompt.addListener((o, a, b) -> edited());
        size.addListener((o, a, b) -> edited());
        provider.addListener((o, a, b) -> {
            if (b != null && b != a) {
                scheduler.invalidate();
                edited();
            }
        });
    }

    /** Builds the scheduler around the view model's listener; jobs go to whatever provider is picked then. */
    @FunctionalInterface
    public interface SchedulerFactory {
        DraftScheduler create(java.util.function.Supplier<Provider> currentProvider, DraftScheduler.Listener listener);
    }

    private void edited() {
        if (prompt.get().isBlank()) {
            return;
        }
        SizePreset s = size.get();
        try {
            GenerationRequest request = new GenerationRequest(prompt.get(), scheduler.seed(), 1,
                    ModelLimits.DEFAULT_GUIDANCE, s.width(), s.height(), List.of(), OutputFormat.PNG, false,
                    ModelLimits.DEFAULT_SAFETY_TOLERANCE);
            Provider p = provider.get();
            p.info().capabilities().check(p.info().displayName(), request);
            costInfo.set("Each draft costs " + p.estimateCost(request).display()
                    + (p.estimateCost(request).usd() > 0 ? ", the same as a final of this size" : ""));
            scheduler.edit(request);
        } catch (InvalidRequestException e) {
            state.set(DraftState.FAILED);
            message.set(e.getMessage());
        }
    }

    /** Ctrl+Enter: the draft on screen, again at final steps with the same seed. */
    public boolean renderFinal() {
        if (finalRunning.get()) {
            return false;
        }
        Optional<JobHandle> handle = scheduler.renderFinal(event -> {
            if (event instanceof JobEvent.Progress p) {
                fx.execute(() -> progress.set(p.fraction()));
            }
        });
        if (handle.isEmpty()) {
            message.set("Nothing to finalise yet: wait for a draft.");
            return false;
        }
        finalRunning.set(true);
        message.set("Rendering the final at " + handle.get().job().request().steps() + " steps\u2026");
        GenerationRequest request = handle.get().job().request();
        handle.get().outcome().thenAccept(outcome -> {
            fx.execute(() -> finalRunning.set(false));
            if (outcome instanceof JobOutcome.Succeeded s) {
                showImage(s.result().image(), describe("Final", request, s.timings().runTime().toMillis())
                        + " \u00b7 history #" + s.generationId(), () -> { });
                fx.execute(() -> message.set("Final saved to history."));
            } else if (outcome instanceof JobOutcome.Failed f) {
                fx.execute(() -> message.set(f.kind().title() + ": " + f.message()));
            } else {
                fx.execute(() -> message.set("Final cancelled."));
            }
        });
        return true;
    }

    public void shuffleSeed() {
        seed.set(Long.toString(scheduler.shuffleSeed()));
    }

    public void cancelDraft() {
        scheduler.cancelDraft();
    }

    private String describe(String kind, GenerationRequest r, long millis) {
        return String.format(Locale.ROOT, "%s \u00b7 %d steps \u00b7 seed %d \u00b7 %.2f s \u00b7 %s", kind,
                r.steps(), r.seed(), millis / 1000.0, provider.get().estimateCost(r).display());
    }

    private void showImage(byte[] bytes, String info, Runnable alsoOnFx) {
        background.execute(() -> {
            Image image = new Image(new ByteArrayInputStream(bytes));
            fx.execute(() -> {
                preview.set(image);
                previewInfo.set(info);
                alsoOnFx.run();
            });
        });
    }

    public StringProperty promptProperty() {
        return prompt;
    }

    public ObjectProperty<SizePreset> sizeProperty() {
        return size;
    }

    public ReadOnlyObjectProperty<DraftState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Image> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty previewInfoProperty() {
        return previewInfo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty seedProperty() {
        return seed.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty finalRunningProperty() {
        return finalRunning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty costInfoProperty() {
        return costInfo.getReadOnlyProperty();
    }

    public ObjectProperty<Provider> providerProperty() {
        return provider;
    }

    public List<Provider> providers() {
        return providers;
    }

    /** The prompt of the draft on screen: never an older one than the last shown. */
    public ReadOnlyStringProperty shownPromptProperty() {
        return shownPrompt.getReadOnlyProperty();
    }
}
