package io.draftboard.generation;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Where a draft request goes and what comes back of it: whether a settled edit is sent (or is already
 * rendering, on screen, paid for, refused by the admission, or waits for a slot), what a draft's events show
 * while it renders, and what its landing puts on screen. Guarded by the {@link DraftScheduler}'s lock, like the
 * flights and the screen it steers; the sends, cancels and listener calls it decides are queued as effects.
 */
final class DraftTraffic {
    private final DraftFlights flights;
    private final DraftScreen screen;
    private final SerialEffects effects;
    private final DraftListener listener;
    private final Consumer<DraftFlight> send;
    private final Predicate<GenerationRequest> current;
    private DraftAdmission admission = DraftAdmission.ALWAYS;

    /**
     * @param send    sends a flight to the renderer; queued as an effect, so it runs after the lock is released
     * @param current whether a draft of a request is what the editor holds now (asked under the lock)
     */
    DraftTraffic(DraftFlights flights, DraftScreen screen, SerialEffects effects, DraftListener listener,
            Consumer<DraftFlight> send, Predicate<GenerationRequest> current) {
        this.flights = flights;
        this.screen = screen;
        this.effects = effects;
        this.listener = listener;
        this.send = send;
        this.current = current;
    }

    void setAdmission(DraftAdmission newAdmission) {
        admission = newAdmission;
    }

    /**
     * The editor settled on {@code request} (a draft request): it is sent unless a draft of it is already in
     * flight, on screen or paid for, or every slot is taken (then it waits). Returns the admission's refusal, the
     * flights let go of, for the scheduler to pause live drafts with.
     */
    Optional<String> dispatch(GenerationRequest request) {
        DraftFlight same = flights.sameAs(request);
        if (same != null) {
            same.superseded = false; // the edit came back to what is already rendering
            flights.stopWaiting();
            screen.setState(same.started ? DraftState.RENDERING : DraftState.QUEUED, "");
            return Optional.empty();
        }
        if (screen.isShowing(request)) {
            flights.abandon();
            screen.setState(DraftState.READY, "");
            return Optional.empty();
        }
        ShownDraft earlier = screen.rendered(request);
        if (earlier != null) {
            flights.abandon();
            show(earlier, flights.sent());
            return Optional.empty();
        }
        Optional<String> refused = admission.refusal(request);
        if (refused.isPresent()) {
            flights.abandon();
            return refused;
        }
        if (!flights.hasRoom()) {
            flights.waitForSlot();
            screen.setState(DraftState.QUEUED, "Waiting for the paid draft in flight; the newest edit goes next.");
            return Optional.empty();
        }
        flights.letGo();
        DraftFlight flight = flights.launch(request);
        screen.setState(DraftState.QUEUED, "");
        effects.add(() -> send.accept(flight));
        return Optional.empty();
    }

    /** What {@code flight} reported while rendering; only the draft the editor still wants is heard. */
    void event(DraftFlight flight, JobEvent event) {
        if (!flights.wanted(flight)) {
            return;
        }
        if (event instanceof JobEvent.Started) {
            flight.started = true;
            screen.setState(DraftState.RENDERING, "");
        } else if (event instanceof JobEvent.Progress p) {
            effects.add(() -> listener.draftProgress(p.fraction()));
        } else if (event instanceof JobEvent.Preview frame) {
            effects.add(() -> listener.draftPreview(frame.image(), frame.step(), frame.of()));
        }
    }

    /**
     * {@code flight} landed with {@code outcome}. Returns true when it was a paid draft seen through: its slot
     * is free for an edit that waited for one.
     */
    boolean land(DraftFlight flight, JobOutcome outcome) {
        ShownDraft landed = null;
        if (outcome instanceof JobOutcome.Succeeded s) {
            // Kept even when stale: if the editor returns to this request it is shown without paying again.
            landed = new ShownDraft(flight.request, s.result(), s.generationId(), s.timings());
            screen.remember(landed);
        }
        if (!flights.land(flight)) {
            return false; // cancelled: never shown over newer work
        }
        if (flights.seenThrough()) {
            seenThrough(flight, landed, outcome);
            return true;
        }
        if (flight.superseded) {
            return false; // the pending fire will pick it up from the recent drafts if the request still matches
        }
        if (landed != null) {
            show(landed, flight.seq);
        } else if (outcome instanceof JobOutcome.Failed f) {
            screen.setState(DraftState.FAILED, f.kind().title() + ": " + f.message());
        } else {
            screen.setState(screen.idleOrStale(), "Draft cancelled");
        }
        return false;
    }

    /**
     * A paid draft landed: it is shown if nothing newer is on screen (stale if the editor has moved on: the
     * designer paid for it), else kept in history as superseded.
     */
    private void seenThrough(DraftFlight flight, ShownDraft landed, JobOutcome outcome) {
        if (landed != null && screen.newerThanShown(flight.seq)) {
            show(landed, flight.seq);
        } else if (landed != null) {
            ShownDraft kept = landed;
            effects.add(() -> listener.draftSuperseded(kept));
        } else if (outcome instanceof JobOutcome.Failed f && !flight.superseded) {
            screen.setState(DraftState.FAILED, f.kind().title() + ": " + f.message());
        }
    }

    /** Puts {@code draft}, sent as number {@code seq}, on screen: ready if the editor still holds it, else stale. */
    void show(ShownDraft draft, long seq) {
        screen.show(draft, seq, current.test(draft.request()));
    }
}
