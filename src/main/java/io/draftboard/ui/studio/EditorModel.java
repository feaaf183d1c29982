package io.draftboard.ui.studio;

import io.draftboard.generation.Cost;
import io.draftboard.generation.DraftScheduler;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.InvalidRequestException;
import io.draftboard.generation.Job;
import io.draftboard.generation.JobOutcome;
import io.draftboard.generation.ModelLimits;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.Provider;
import io.draftboard.generation.RenderService;
import io.draftboard.generation.Seeds;
import io.draftboard.settings.StudioSettings;
import io.draftboard.ui.references.ReferenceTrayModel;
import io.draftboard.ui.task.TaskRunner;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;

/**
 * The editor: its fields, the one request they make, the seed, recall, and what the next draft and the final
 * will cost before they fire. Every edit that changes the image goes to the {@link DraftScheduler}; the
 * quality slider only sets the final's steps. FX thread only, except {@link #chosenProvider()}, a snapshot
 * the debounce thread may read.
 */
public final class EditorModel {
    private static final long ONE_MEGAPIXEL = 1L << 20;

    private final DraftScheduler scheduler;
    private final RenderService renders;
    private final List<Provider> providers;
    private final Notices notices;
    private final ReferenceTrayModel references;

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

    private final ReadOnlyStringWrapper seed = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper draftCost = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper qualityLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper spent = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper draftSteps = new ReadOnlyIntegerWrapper();

    private int paidDraftsInFlight;

    /** The provider as last chosen on the FX thread: what the debounce thread renders and budgets with. */
    private volatile Provider chosen;
    private boolean recalling;
    /** Told of every edit the designer makes (not recall's nor a restore's): see {@link EditorMemory}. */
    private final List<Runnable> ownEdits = new java.util.ArrayList<>();
    private final EditorMemory memory;

    /** Where the editor's sentences go: the preview's message line. */
    public interface Notices {
        /** The editor cannot make a request: the fields are out of range for the chosen provider. */
        void invalid(String reason);

        /** A plain remark (a refused seed, say) that leaves the draft state alone. */
        void say(String text);
    }

    public EditorModel(DraftScheduler scheduler, RenderService renders, List<Provider> providers,
            StudioSettings settings, TaskRunner tasks, Notices notices) {
        this.scheduler = scheduler;
        this.renders = renders;
        this.providers = List.copyOf(providers);
        this.notices = notices;
        this.finalSteps = new SimpleIntegerProperty(settings.finalSteps());
        provider.set(this.providers.get(0));
        chosen = provider.get();
        liveDrafts.set(settings.liveDrafts());
        capDrafts.set(settings.capDraftsAtOneMegapixel());
        budget.set(settings.budgetUsd());
        renders.spend().setBudget(budget.get());
        scheduler.setAdmission(draft -> renders.spend().refusal(chosen.estimateCost(draft)));
        scheduler.setDraftPixelCap(capDrafts.get() ? ONE_MEGAPIXEL : 0);
        scheduler.setPaused(!liveDrafts.get());
        paidDraftsInFlight = settings.paidDraftsInFlight();
        scheduler.setInFlightLimit(inFlightLimit(chosen));
        references = new ReferenceTrayModel(tasks, prompt, () -> provider.get().info().capabilities().maxReferences(),
                refs -> requestQuietly().map(r -> provider.get().estimateCost(draftOf(r).withReferences(refs)))
                        .orElse(Cost.FREE));
        seed.set(Long.toString(scheduler.seed()));
        draftSteps.set(scheduler.quality().draftSteps());

        prompt.addListener((o, a, b) -> edited());
        guidance.addListener((o, a, b) -> edited());
        width.addListener((o, a, b) -> edited());
        height.addListener((o, a, b) -> edited());
        promptUpsampling.addListener((o, a, b) -> edited());
        outputFormat.addListener((o, a, b) -> edited());
        references.items().addListener((ListChangeListener<Object>) c -> edited());
        finalSteps.addListener((o, a, b) -> refreshEstimates());
        provider.addListener((o, a, b) -> {
            if (b != null && b != a) {
                chosen = b;
                scheduler.setInFlightLimit(inFlightLimit(b));
                scheduler.invalidate();
                references.limitChanged();
                edited();
            }
        });
        liveDrafts.addListener((o, a, b) -> scheduler.setPaused(!b));
        capDrafts.addListener((o, a, b) -> scheduler.setDraftPixelCap(b ? ONE_MEGAPIXEL : 0));
        budget.addListener((o, a, b) -> {
            renders.spend().setBudget(Math.max(0, b.doubleValue()));
            refreshEstimates();
        });
        // Spend and learned times change with every render: the cost lines follow.
        renders.addListener(new RenderService.Listener() {
            @Override
            public void charged(Job job) {
                tasks.onFx(EditorModel.this::refreshEstimates);
            }

            @Override
            public void finished(Job job, JobOutcome outcome) {
                tasks.onFx(EditorModel.this::refreshEstimates);
            }
        });
        refreshEstimates();
        memory = new EditorMemory(this);
    }

    void edited() {
        refreshEstimates();
        if (recalling) {
            return;
        }
        ownEdits.forEach(Runnable::run);
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
     * The editor's request at the slider's steps, or empty when the prompt is blank or a field is out of range
     * for the chosen provider (the reason then goes to the preview).
     */
    public Optional<GenerationRequest> currentRequest() {
        try {
            return request(true);
        } catch (InvalidRequestException e) {
            notices.invalid(e.getMessage());
            return Optional.empty();
        }
    }

    /** As {@link #currentRequest()}, but an invalid editor is just "no request" (for estimates, no message). */
    Optional<GenerationRequest> requestQuietly() {
        try {
            return request(false);
        } catch (InvalidRequestException e) {
            return Optional.empty();
        }
    }

    private Optional<GenerationRequest> request(boolean checkProvider) {
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

    /**
     * On a provider that bills every draft and cannot cancel one, a sent draft is seen through (never
     * cancelled, kept), and only {@link StudioSettings#paidDraftsInFlight()} render at once; elsewhere a draft
     * the editor has moved on from is cancelled.
     */
    private int inFlightLimit(Provider p) {
        return isPaid(p) && !p.info().capabilities().canCancel() ? paidDraftsInFlight : 0;
    }

    /** Whether drafts cost money on {@code p}: priced per megapixel, a 1 MP draft says so. */
    public static boolean isPaid(Provider p) {
        return p.estimateCost(GenerationRequest.of("a", 0, 1, 1024, 1024)).usd() > 0;
    }

    /** {@code request} as the scheduler sends it as a draft: draft steps, and at most 1 MP when capped. */
    public GenerationRequest draftOf(GenerationRequest request) {
        return scheduler.draftOf(request);
    }

    /** The slider label and the cost lines: what the next draft and the final will cost, before they fire. */
    void refreshEstimates() {
        Provider p = provider.get();
        Optional<GenerationRequest> fin = requestQuietly(); // at the slider's steps
        String label = scheduler.quality().label(finalSteps.get());
        qualityLabel.set(fin.map(r -> EstimateText.quality(label, renders.estimate(p.info().id(), r),
                p.estimateCost(r))).orElse(label));
        draftCost.set(fin.map(this::draftOf).map(d -> EstimateText.draftCost(d, p.estimateCost(d))).orElse(""));
        spent.set(EstimateText.spent(renders.spend().spent(), renders.spend().budget(), renders.spend().paidDrafts(),
                renders.spend().draftSpend()));
    }

    /** New settings take effect at once: draft and final steps, the 1 MP draft cap. */
    public void apply(StudioSettings settings) {
        paidDraftsInFlight = settings.paidDraftsInFlight();
        scheduler.setInFlightLimit(inFlightLimit(chosen));
        scheduler.setQuality(settings.quality());
        draftSteps.set(settings.draftSteps());
        finalSteps.set(settings.finalSteps());
        capDrafts.set(settings.capDraftsAtOneMegapixel());
        refreshEstimates();
    }

    public void shuffleSeed() {
        seed.set(Long.toString(scheduler.shuffleSeed()));
    }

    /** Locks a seed typed in the field; anything but a whole number in range is refused with a message. */
    public boolean lockSeed(String text) {
        try {
            long value = Long.parseLong(text.strip());
            if (value < 0 || value > Seeds.MAX) {
                throw new NumberFormatException();
            }
            lockSeed(value);
            return true;
        } catch (NumberFormatException e) {
            notices.say("Seed must be a whole number from 0 to " + Seeds.MAX + ".");
            seed.set(Long.toString(scheduler.seed()));
            return false;
        }
    }

    /** Locks {@code value} for every draft and the final until the designer changes it. */
    public void lockSeed(long value) {
        scheduler.lockSeed(value);
        seed.set(Long.toString(value));
        seedLocked.set(true);
    }

    /** Recall: every parameter of an earlier render back in the editor, its seed locked; Ctrl+Z undoes it. */
    public void recall(Recalled r) {
        memory.recall(r);
    }

    /** What the editor remembers: the state a recall replaced, a restored session. */
    public EditorMemory memory() {
        return memory;
    }

    /** Runs {@code change} as recall does: the fields change, nothing reaches the scheduler. */
    void quietly(Runnable change) {
        boolean was = recalling;
        recalling = true;
        try {
            change.run();
        } finally {
            recalling = was;
        }
        refreshEstimates();
    }

    /** The editor's request goes to the scheduler as an edit would send it, without counting as one. */
    void sendToScheduler() {
        requestQuietly().ifPresent(scheduler::edit);
    }

    void onOwnEdit(Runnable listener) {
        ownEdits.add(listener);
    }

    /** The provider last chosen in the editor; safe to read from any thread. */
    public Provider chosenProvider() {
        return chosen;
    }

    public long currentSeed() {
        return scheduler.seed();
    }

    public ReferenceTrayModel references() {
        return references;
    }

    public List<Provider> providers() {
        return providers;
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

    public ReadOnlyStringProperty draftCostProperty() {
        return draftCost.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty qualityLabelProperty() {
        return qualityLabel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty spentProperty() {
        return spent.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty draftStepsProperty() {
        return draftSteps.getReadOnlyProperty();
    }
}
