package io.draftboard.generation;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Turns a stream of editor changes into live drafts: debounced, latest-wins, never the same request twice.
 *
 * <ul>
 *   <li>Each {@link #edit} restarts the debounce. When it runs out, one draft fires at the draft step count
 *       with the locked seed.</li>
 *   <li>An edit makes the draft in flight stale: it is not shown if it lands. If the edit settles back on the
 *       very same request, the draft in flight is kept and shown instead of firing again; otherwise it is
 *       cancelled (at the provider if it can, else its result is discarded).</li>
 *   <li>A request identical to the one shown, to the one in flight, or to any recent draft fires nothing:
 *       drafts cost the same money per megapixel as finals.</li>
 *   <li>{@link #renderFinal} renders the draft on screen again at final steps with the same seed and
 *       parameters, linked to it.</li>
 * </ul>
 *
 * <p>Thread-safe: edits come from the UI thread, outcomes from workers and the debounce from its timer. Every
 * decision is taken under this object's lock; what it sets off (the renderer, cancelling a job, the
 * listener) runs after the lock is released, in the order decided, one caller at a time, so the UI thread
 * never waits on a submit or on a listener another thread is in.
 */
public final class DraftScheduler {

    private final DelayScheduler timer;
    private final DraftRenderer renderer;
    private final DraftListener listener;
    private final LongSupplier seedSource;
    /** Drafts already rendered (paid for), by request: an edit back to one shows it without paying again. */
    private final RecentDrafts recent = new RecentDrafts(64);

    private Quality quality;
    private Duration debounce;
    private long seed;
    private boolean paused;
    private GenerationRequest template;
    private DelayScheduler.Scheduled pendingFire;
    private DraftFlight inDraftFlight;
    private ShownDraft shown;
    private DraftState state = DraftState.IDLE;
    private DraftAdmission admission = DraftAdmission.ALWAYS;
    private long draftPixelCap;
    /** What the final reproduces: the editor's request (full size) when the shown draft landed. */
    private GenerationRequest shownFull;

    /** Effects decided under the lock, run after it is released. */
    private final SerialEffects effects = new SerialEffects();

    public DraftScheduler(DelayScheduler timer, DraftRenderer renderer, DraftListener listener, Quality quality,
            Duration debounce, LongSupplier seedSource) {
        this.timer = Objects.requireNonNull(timer, "timer");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.quality = Objects.requireNonNull(quality, "quality");
        this.debounce = Objects.requireNonNull(debounce, "debounce");
        this.seedSource = Objects.requireNonNull(seedSource, "seedSource");
        this.seed = seedSource.getAsLong();
    }

    /**
     * The editor now holds {@code request} (its steps and seed are ignored: drafts use the draft steps and
     * the locked seed). Restarts the debounce.
     */
    public void edit(GenerationRequest request) {
        locked(() -> editLocked(request));
    }

    private void editLocked(GenerationRequest request) {
        template = Objects.requireNonNull(request, "request");
        if (inDraftFlight != null) {
            inDraftFlight.superseded = true;
        }
        if (pendingFire != null) {
            pendingFire.cancel();
        }
        if (paused) {
            pendingFire = null;
            setState(isShowing(draftRequest()) ? DraftState.READY : DraftState.STALE, "Live drafts are paused");
            return;
        }
        setState(DraftState.STALE, "");
        pendingFire = timer.schedule(debounce, this::fire);
    }

    /** The seed every draft and final uses until the user shuffles it. */
    public synchronized long seed() {
        return seed;
    }

    /** Locks {@code newSeed} (recall, seed explorer) and re-drafts the current editor content with it. */
    public void lockSeed(long newSeed) {
        locked(() -> lockSeedLocked(newSeed));
    }

    private void lockSeedLocked(long newSeed) {
        seed = newSeed;
        if (template != null) {
            editLocked(template);
        }
    }

    /**
     * Makes a draft rendered elsewhere (the seed explorer) the one on screen: its seed is locked, and the
     * final reproduces it. The editor must hold the same request apart from seed and steps.
     */
    public void adopt(ShownDraft draft) {
        locked(() -> {
            recent.put(draft.request(), draft);
            seed = draft.request().seed();
            cancelInDraftFlight();
            if (pendingFire != null) {
                pendingFire.cancel();
                pendingFire = null;
            }
            show(draft);
        });
    }

    /** Picks a fresh seed and re-drafts; returns it. */
    public long shuffleSeed() {
        long fresh = seedSource.getAsLong();
        lockSeed(fresh);
        return fresh;
    }

    public void setQuality(Quality newQuality) {
        locked(() -> {
            quality = Objects.requireNonNull(newQuality, "quality");
            if (template != null) {
                editLocked(template);
            }
        });
    }

    public synchronized Quality quality() {
        return quality;
    }

    public synchronized void setDebounce(Duration newDebounce) {
        debounce = Objects.requireNonNull(newDebounce, "debounce");
    }

    public synchronized Duration debounce() {
        return debounce;
    }

    /**
     * Pauses or resumes live drafts (the toggle, or a spent session budget). Pausing cancels a pending or
     * running draft; resuming drafts the current editor content.
     */
    public void setPaused(boolean pause) {
        locked(() -> {
            if (paused == pause) {
                return;
            }
            paused = pause;
            boolean nowPaused = pause;
            emit(() -> listener.pausedChanged(nowPaused));
            if (pause) {
                if (pendingFire != null) {
                    pendingFire.cancel();
                    pendingFire = null;
                }
                cancelInDraftFlight();
                if (template != null && !isShowing(draftRequest())) {
                    setState(DraftState.STALE, "Live drafts are paused");
                }
            } else if (template != null) {
                editLocked(template);
            }
        });
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    public synchronized void setAdmission(DraftAdmission newAdmission) {
        admission = Objects.requireNonNull(newAdmission, "admission");
    }

    /**
     * Drafts at most {@code maxPixels} (same aspect, sides multiples of 16) while the final keeps the editor's
     * size: a cheaper, faster preview of a large final. 0 turns the cap off.
     */
    public void setDraftPixelCap(long maxPixels) {
        locked(() -> {
            if (maxPixels < 0) {
                throw new IllegalArgumentException("maxPixels must not be negative");
            }
            draftPixelCap = maxPixels;
            if (template != null) {
                editLocked(template);
            }
        });
    }

    /**
     * Forgets every draft rendered so far (the provider changed: the same request is now a different render)
     * and drafts the editor content again.
     */
    public void invalidate() {
        locked(() -> {
            recent.clear();
            shown = null;
            cancelInDraftFlight();
            if (template != null) {
                editLocked(template);
            }
        });
    }

    /** Fires the pending draft now instead of waiting out the debounce. */
    public void flush() {
        locked(() -> {
            if (pendingFire != null) {
                pendingFire.cancel();
                fireLocked();
            }
        });
    }

    /** Cancels the pending or running draft (Esc); finals are never touched here. */
    public void cancelDraft() {
        locked(() -> {
            if (pendingFire != null) {
                pendingFire.cancel();
                pendingFire = null;
            }
            if (inDraftFlight != null) {
                cancelInDraftFlight();
                setState(shown == null ? DraftState.IDLE : DraftState.STALE, "Draft cancelled");
            }
        });
    }

    public synchronized Optional<ShownDraft> shownDraft() {
        return Optional.ofNullable(shown);
    }

    public synchronized DraftState state() {
        return state;
    }

    /**
     * Renders the draft on screen at the final step count with its seed and every other parameter unchanged,
     * linked to the draft's history row. Empty when no draft is shown yet.
     */
    public Optional<JobHandle> renderFinal(JobListener finalListener) {
        return renderFinal(quality().finalSteps(), finalListener);
    }

    /** As {@link #renderFinal(JobListener)}, at {@code steps} (the quality slider's position). */
    public Optional<JobHandle> renderFinal(int steps, JobListener finalListener) {
        GenerationRequest finalRequest;
        Long parent;
        synchronized (this) {
            if (shown == null) {
                return Optional.empty();
            }
            finalRequest = shownFull.withSteps(steps);
            parent = shown.generationId() > 0 ? shown.generationId() : null;
        }
        effects.drain();
        return Optional.of(renderer.render(finalRequest, RenderKind.FINAL, parent, finalListener));
    }

    /** {@code editor} as a draft of it is sent: draft steps, and within the pixel cap (same aspect). */
    public synchronized GenerationRequest draftOf(GenerationRequest editor) {
        GenerationRequest draft = editor.withSteps(quality.draftSteps());
        if (draftPixelCap > 0 && (long) draft.width() * draft.height() > draftPixelCap) {
            DraftSize capped = DraftSize.within(draft.width(), draft.height(), draftPixelCap);
            draft = draft.withSize(capped.width(), capped.height());
        }
        return draft;
    }

    private GenerationRequest draftRequest() {
        return draftOf(template.withSeed(seed));
    }

    private boolean isShowing(GenerationRequest request) {
        return shown != null && shown.request().equals(request);
    }

    /** The debounce ran out (timer thread). */
    private void fire() {
        locked(this::fireLocked);
    }

    private void fireLocked() {
        pendingFire = null;
        if (template == null || paused) {
            return;
        }
        GenerationRequest request = draftRequest();
        if (inDraftFlight != null && inDraftFlight.request.equals(request)) {
            inDraftFlight.superseded = false; // the edit came back to what is already rendering
            setState(inDraftFlight.started ? DraftState.RENDERING : DraftState.QUEUED, "");
            return;
        }
        if (isShowing(request)) {
            cancelInDraftFlight();
            setState(DraftState.READY, "");
            return;
        }
        ShownDraft earlier = recent.get(request);
        if (earlier != null) {
            cancelInDraftFlight();
            show(earlier);
            return;
        }
        Optional<String> refused = admission.refusal(request);
        if (refused.isPresent()) {
            cancelInDraftFlight();
            paused = true;
            emit(() -> listener.pausedChanged(true));
            setState(shown == null ? DraftState.IDLE : DraftState.STALE, refused.get());
            return;
        }
        cancelInDraftFlight();
        DraftFlight flight = new DraftFlight(request);
        inDraftFlight = flight;
        setState(DraftState.QUEUED, "");
        emit(() -> send(flight));
    }

    /** Sends {@code flight} to the renderer, outside the lock; a flight cancelled meanwhile is cancelled at once. */
    private void send(DraftFlight flight) {
        JobHandle handle = renderer.render(flight.request, RenderKind.DRAFT, null, event -> onEvent(flight, event));
        boolean cancelled;
        synchronized (this) {
            flight.handle = handle;
            cancelled = flight.cancelled;
        }
        if (cancelled) {
            handle.cancel();
        }
        handle.outcome().whenComplete((outcome, error) -> landed(flight, outcome));
    }

    private void onEvent(DraftFlight flight, JobEvent event) {
        synchronized (this) {
            if (flight != inDraftFlight || flight.superseded) {
                return;
            }
            if (event instanceof JobEvent.Started) {
                flight.started = true;
                setState(DraftState.RENDERING, "");
            } else if (event instanceof JobEvent.Progress p) {
                emit(() -> listener.draftProgress(p.fraction()));
            }
        }
        effects.drain();
    }

    private void landed(DraftFlight flight, JobOutcome outcome) {
        locked(() -> landedLocked(flight, outcome));
    }

    private void landedLocked(DraftFlight flight, JobOutcome outcome) {
        if (outcome instanceof JobOutcome.Succeeded s) {
            // Kept even when stale: if the editor returns to this request it is shown without paying again.
            recent.put(flight.request, new ShownDraft(flight.request, s.result(), s.generationId(), s.timings()));
        }
        if (flight != inDraftFlight) {
            return; // cancelled or replaced by a newer draft: never shown over it
        }
        inDraftFlight = null;
        if (flight.superseded) {
            return; // the pending fire will pick it up from the recent drafts if the request still matches
        }
        if (outcome instanceof JobOutcome.Succeeded) {
            show(recent.get(flight.request));
        } else if (outcome instanceof JobOutcome.Failed f) {
            setState(DraftState.FAILED, f.kind().title() + ": " + f.message());
        } else {
            setState(shown == null ? DraftState.IDLE : DraftState.STALE, "Draft cancelled");
        }
    }

    private void show(ShownDraft draft) {
        shown = draft;
        shownFull = template == null ? draft.request() : template.withSeed(draft.request().seed());
        emit(() -> listener.draftShown(draft));
        setState(DraftState.READY, "");
    }

    private void cancelInDraftFlight() {
        DraftFlight flight = inDraftFlight;
        inDraftFlight = null;
        if (flight != null) {
            flight.cancelled = true;
            if (flight.handle != null) {
                JobHandle handle = flight.handle;
                emit(handle::cancel);
            }
        }
    }

    private void setState(DraftState newState, String message) {
        state = newState;
        emit(() -> listener.stateChanged(newState, message));
    }

    /** Queues an effect decided under the lock. */
    private void emit(Runnable effect) {
        effects.add(effect);
    }

    /** Runs {@code decision} under the lock, then what it set off, after releasing it. */
    private void locked(Runnable decision) {
        synchronized (this) {
            decision.run();
        }
        effects.drain();
    }

}
