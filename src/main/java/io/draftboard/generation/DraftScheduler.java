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
 * never waits on a submit or on a listener another thread is in. What becomes of each draft request, from
 * the settled edit to its landing, is decided by {@link DraftTraffic}; this class keeps the editor's side.
 */
public final class DraftScheduler {

    private final DraftRenderer renderer;
    private final DraftListener listener;
    private final LongSupplier seedSource;

    /** Effects decided under the lock, run after it is released. */
    private final SerialEffects effects = new SerialEffects();
    private final DraftShape shape;
    private final DraftFlights flights = new DraftFlights(effects);
    private final DraftScreen screen;
    private final DraftDebounce debounce;
    private final DraftTraffic traffic;

    private long seed;
    private boolean paused;
    private GenerationRequest template;

    public DraftScheduler(DelayScheduler timer, DraftRenderer renderer, DraftListener listener, Quality quality,
            Duration debounce, LongSupplier seedSource) {
        Objects.requireNonNull(timer, "timer");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.shape = new DraftShape(quality);
        this.screen = new DraftScreen(listener, effects);
        this.debounce = new DraftDebounce(timer, debounce);
        this.traffic = new DraftTraffic(flights, screen, effects, listener, this::send,
                r -> template == null || draftRequest().equals(r));
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
        flights.supersedeAll();
        debounce.cancel();
        if (paused) {
            screen.setState(screen.isShowing(draftRequest()) ? DraftState.READY : DraftState.STALE,
                    "Live drafts are paused");
            return;
        }
        screen.setState(DraftState.STALE, "");
        debounce.restart(this::fire);
    }

    /** Re-drafts the editor content after a change in how drafts are made (seed, quality, size cap...). */
    private void redraft() {
        if (template != null) {
            editLocked(template);
        }
    }

    /** The seed every draft and final uses until the user shuffles it. */
    public synchronized long seed() {
        return seed;
    }

    /** Locks {@code newSeed} (recall, seed explorer) and re-drafts the current editor content with it. */
    public void lockSeed(long newSeed) {
        locked(() -> {
            seed = newSeed;
            redraft();
        });
    }

    /**
     * Makes a draft rendered elsewhere (the seed explorer) the one on screen: its seed is locked, and the
     * final reproduces it. The editor must hold the same request apart from seed and steps.
     */
    public void adopt(ShownDraft draft) {
        locked(() -> {
            screen.remember(draft);
            seed = draft.request().seed();
            flights.letGo();
            debounce.cancel();
            traffic.show(draft, flights.sent());
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
            shape.setQuality(newQuality);
            redraft();
        });
    }

    public synchronized Quality quality() {
        return shape.quality();
    }

    public synchronized void setDebounce(Duration newDebounce) {
        debounce.setFixed(newDebounce);
    }

    /** How long to wait after each edit, decided at the edit (it may depend on how the designer types). */
    public synchronized void setPause(DraftPause newPause) {
        debounce.setPause(newPause);
    }

    /** The pause the last edit waited for. */
    public synchronized Duration debounce() {
        return debounce.last();
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
            effects.add(() -> listener.pausedChanged(nowPaused));
            if (pause) {
                debounce.cancel();
                flights.abandon();
                if (template != null && !screen.isShowing(draftRequest())) {
                    screen.setState(DraftState.STALE, "Live drafts are paused");
                }
            } else {
                redraft();
            }
        });
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    public synchronized void setAdmission(DraftAdmission newAdmission) {
        traffic.setAdmission(Objects.requireNonNull(newAdmission, "admission"));
    }

    /**
     * Drafts at most {@code maxPixels} (same aspect, sides multiples of 16) while the final keeps the editor's
     * size: a cheaper, faster preview of a large final. 0 turns the cap off.
     */
    public void setDraftPixelCap(long maxPixels) {
        locked(() -> {
            shape.setPixelCap(maxPixels);
            redraft();
        });
    }

    /**
     * Forgets every draft rendered so far (the provider changed: the same request is now a different render)
     * and drafts the editor content again.
     */
    public void invalidate() {
        locked(() -> {
            screen.forget();
            flights.letGo();
            redraft();
        });
    }

    /** Fires the pending draft now instead of waiting out the debounce. */
    public void flush() {
        locked(() -> {
            if (debounce.pending()) {
                debounce.cancel();
                fireLocked();
            }
        });
    }

    /** Cancels the pending or running draft (Esc); finals are never touched here. */
    public void cancelDraft() {
        locked(() -> {
            debounce.cancel();
            flights.stopWaiting();
            if (!flights.isEmpty()) {
                boolean paid = flights.seenThrough();
                flights.letGo();
                screen.setState(screen.idleOrStale(), paid
                        ? "That draft is already paid for: it finishes and is kept in history, not shown over newer work."
                        : "Draft cancelled");
            }
        });
    }

    public synchronized Optional<ShownDraft> shownDraft() {
        return Optional.ofNullable(screen.shown());
    }

    public synchronized DraftState state() {
        return screen.state();
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
            ShownDraft linked = screen.rendered(draftOf(finalRequest));
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
            flights.setLimit(n);
            sendWaitingEdit();
        });
    }

    /** One draft of the editor's content now, live drafts on or off ("Draft now"). */
    public void draftNow() {
        locked(() -> {
            if (template == null) {
                return;
            }
            debounce.cancel();
            boolean wasPaused = paused;
            paused = false;
            fireLocked();
            paused = paused || wasPaused; // a budget refusal inside keeps it paused
        });
    }

    /** {@code editor} as a draft of it is sent: draft steps, and within the pixel cap (same aspect). */
    public synchronized GenerationRequest draftOf(GenerationRequest editor) {
        return shape.of(editor);
    }

    private GenerationRequest draftRequest() {
        return shape.of(template.withSeed(seed));
    }

    /** The debounce ran out (timer thread). */
    private void fire() {
        locked(this::fireLocked);
    }

    private void fireLocked() {
        debounce.fired();
        if (template == null || paused) {
            return;
        }
        Optional<String> refused = traffic.dispatch(draftRequest());
        if (refused.isPresent()) {
            paused = true;
            effects.add(() -> listener.pausedChanged(true));
            screen.setState(screen.idleOrStale(), refused.get());
        }
    }

    /** An edit that waited for a slot goes out once there is one. */
    private void sendWaitingEdit() {
        if (flights.waiting() && flights.hasRoom()) {
            flights.stopWaiting();
            fireLocked();
        }
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
        locked(() -> traffic.event(flight, event));
    }

    private void landed(DraftFlight flight, JobOutcome outcome) {
        locked(() -> {
            if (traffic.land(flight, outcome)) {
                sendWaitingEdit();
            }
        });
    }

    /** Runs {@code decision} under the lock, then what it set off, after releasing it. */
    private void locked(Runnable decision) {
        synchronized (this) {
            decision.run();
        }
        effects.drain();
    }
}
