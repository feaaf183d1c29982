package io.draftboard.generation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    private DraftPause pause;
    private Duration debounce;
    private long seed;
    private boolean paused;
    private GenerationRequest template;
    private DelayScheduler.Scheduled pendingFire;
    /** Drafts sent and not landed, oldest first. More than one only when paid drafts are seen through. */
    private final List<DraftFlight> flights = new ArrayList<>();
    /** 0: a superseded draft is cancelled (free, or the provider can cancel); n: seen through, at most n in flight. */
    private int inFlightLimit;
    /** An edit fired while every slot was taken: the latest editor content goes out when one lands. */
    private boolean waiting;
    private long sent;
    /** The send number of the draft on screen: an older one that lands later is never shown over it. */
    private long shownSeq;
    private ShownDraft shown;
    private DraftState state = DraftState.IDLE;
    private DraftAdmission admission = DraftAdmission.ALWAYS;
    private long draftPixelCap;

    /** Effects decided under the lock, run after it is released. */
    private final SerialEffects effects = new SerialEffects();

    public DraftScheduler(DelayScheduler timer, DraftRenderer renderer, DraftListener listener, Quality quality,
            Duration debounce, LongSupplier seedSource) {
        this.timer = Objects.requireNonNull(timer, "timer");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.quality = Objects.requireNonNull(quality, "quality");
        this.debounce = Objects.requireNonNull(debounce, "debounce");
        this.pause = DraftPause.fixed(debounce);
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
        flights.forEach(f -> f.superseded = true);
        if (pendingFire != null) {
            pendingFire.cancel();
        }
        if (paused) {
            pendingFire = null;
            setState(isShowing(draftRequest()) ? DraftState.READY : DraftState.STALE, "Live drafts are paused");
            return;
        }
        setState(DraftState.STALE, "");
        debounce = pause.afterEdit(timer.nanoTime());
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
            letGoOfFlights();
            if (pendingFire != null) {
                pendingFire.cancel();
                pendingFire = null;
            }
            show(draft, sent);
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
        pause = DraftPause.fixed(Objects.requireNonNull(newDebounce, "debounce"));
        debounce = newDebounce;
    }

    /** How long to wait after each edit, decided at the edit (it may depend on how the designer types). */
    public synchronized void setPause(DraftPause newPause) {
        pause = Objects.requireNonNull(newPause, "pause");
    }

    /** The pause the last edit waited for. */
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
                letGoOfFlights();
                waiting = false;
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
            letGoOfFlights();
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
            waiting = false;
            if (!flights.isEmpty()) {
                boolean paid = inFlightLimit > 0;
                letGoOfFlights();
                setState(shown == null ? DraftState.IDLE : DraftState.STALE, paid
                        ? "That draft is already paid for: it finishes and is kept in history, not shown over newer work."
                        : "Draft cancelled");
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
     * Renders {@code editor} (the request the editor shows now, whatever is on screen) at {@code steps} with the
     * locked seed. It is linked to a draft only when a draft of exactly that request exists, so a final is
     * never filed under a picture of something else.
     */
    public JobHandle renderFinal(GenerationRequest editor, int steps, JobListener finalListener) {
        GenerationRequest finalRequest;
        Long parent;
        synchronized (this) {
            finalRequest = editor.withSeed(seed).withSteps(steps);
            ShownDraft linked = recent.get(draftOf(finalRequest));
            parent = linked != null && linked.generationId() > 0 ? linked.generationId() : null;
        }
        effects.drain();
        return renderer.render(finalRequest, RenderKind.FINAL, parent, finalListener);
    }

    /**
     * Sets how live drafts treat money. 0: a draft the editor has moved on from is cancelled (free engines,
     * providers that can cancel). {@code n > 0}: a sent draft is never cancelled, because it is billed either
     * way; it is seen through and kept, at most {@code n} are in flight, and edits made meanwhile coalesce into
     * one next draft, sent when one lands.
     */
    public void setInFlightLimit(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("in-flight limit must not be negative");
        }
        locked(() -> {
            inFlightLimit = n;
            if (waiting && (n == 0 || flights.size() < n)) {
                waiting = false;
                fireLocked();
            }
        });
    }

    /** One draft of the editor's content now, live drafts on or off ("Draft now"). */
    public void draftNow() {
        locked(() -> {
            if (template == null) {
                return;
            }
            if (pendingFire != null) {
                pendingFire.cancel();
            }
            boolean wasPaused = paused;
            paused = false;
            fireLocked();
            paused = paused || wasPaused; // a budget refusal inside keeps it paused
        });
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
        DraftFlight same = flights.stream().filter(f -> f.request.equals(request)).findFirst().orElse(null);
        if (same != null) {
            same.superseded = false; // the edit came back to what is already rendering
            waiting = false;
            setState(same.started ? DraftState.RENDERING : DraftState.QUEUED, "");
            return;
        }
        if (isShowing(request)) {
            letGoOfFlights();
            waiting = false;
            setState(DraftState.READY, "");
            return;
        }
        ShownDraft earlier = recent.get(request);
        if (earlier != null) {
            letGoOfFlights();
            waiting = false;
            show(earlier, sent);
            return;
        }
        Optional<String> refused = admission.refusal(request);
        if (refused.isPresent()) {
            letGoOfFlights();
            waiting = false;
            paused = true;
            emit(() -> listener.pausedChanged(true));
            setState(shown == null ? DraftState.IDLE : DraftState.STALE, refused.get());
            return;
        }
        if (inFlightLimit > 0 && flights.size() >= inFlightLimit) {
            waiting = true;
            setState(DraftState.QUEUED, "Waiting for the paid draft in flight; the newest edit goes next.");
            return;
        }
        letGoOfFlights();
        DraftFlight flight = new DraftFlight(request, ++sent);
        flights.add(flight);
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
            if (!flights.contains(flight) || flight.superseded) {
                return;
            }
            if (event instanceof JobEvent.Started) {
                flight.started = true;
                setState(DraftState.RENDERING, "");
            } else if (event instanceof JobEvent.Progress p) {
                emit(() -> listener.draftProgress(p.fraction()));
            } else if (event instanceof JobEvent.Preview frame) {
                emit(() -> listener.draftPreview(frame.image(), frame.step(), frame.of()));
            }
        }
        effects.drain();
    }

    private void landed(DraftFlight flight, JobOutcome outcome) {
        locked(() -> landedLocked(flight, outcome));
    }

    private void landedLocked(DraftFlight flight, JobOutcome outcome) {
        ShownDraft landed = null;
        if (outcome instanceof JobOutcome.Succeeded s) {
            // Kept even when stale: if the editor returns to this request it is shown without paying again.
            landed = new ShownDraft(flight.request, s.result(), s.generationId(), s.timings());
            recent.put(flight.request, landed);
        }
        if (!flights.remove(flight)) {
            return; // cancelled: never shown over newer work
        }
        if (inFlightLimit > 0) {
            seenThrough(flight, landed, outcome);
            return;
        }
        if (flight.superseded) {
            return; // the pending fire will pick it up from the recent drafts if the request still matches
        }
        if (landed != null) {
            show(landed, flight.seq);
        } else if (outcome instanceof JobOutcome.Failed f) {
            setState(DraftState.FAILED, f.kind().title() + ": " + f.message());
        } else {
            setState(shown == null ? DraftState.IDLE : DraftState.STALE, "Draft cancelled");
        }
    }

    /**
     * A paid draft landed: it is shown if nothing newer is on screen (stale if the editor has moved on: the
     * designer paid for it), else kept in history as superseded; then the edit waiting for its slot goes.
     */
    private void seenThrough(DraftFlight flight, ShownDraft landed, JobOutcome outcome) {
        if (landed != null && flight.seq > shownSeq) {
            show(landed, flight.seq);
        } else if (landed != null) {
            ShownDraft kept = landed;
            emit(() -> listener.draftSuperseded(kept));
        } else if (outcome instanceof JobOutcome.Failed f && !flight.superseded) {
            setState(DraftState.FAILED, f.kind().title() + ": " + f.message());
        }
        if (waiting && flights.size() < inFlightLimit) {
            waiting = false;
            fireLocked();
        }
    }

    private void show(ShownDraft draft, long seq) {
        shown = draft;
        shownSeq = seq;
        emit(() -> listener.draftShown(draft));
        boolean current = template == null || draftRequest().equals(draft.request());
        setState(current ? DraftState.READY : DraftState.STALE, current ? "" : "A newer edit is on its way.");
    }

    /**
     * The drafts in flight are no longer wanted on screen: cancelled where that saves money, else (paid and
     * uncancellable) left to finish and be kept.
     */
    private void letGoOfFlights() {
        if (inFlightLimit > 0) {
            flights.forEach(f -> f.superseded = true);
            return;
        }
        for (DraftFlight flight : flights) {
            flight.cancelled = true;
            if (flight.handle != null) {
                JobHandle handle = flight.handle;
                emit(handle::cancel);
            }
        }
        flights.clear();
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
