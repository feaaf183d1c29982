package io.draftboard.generation;

import java.util.ArrayList;
import java.util.List;

/**
 * The live drafts sent and not landed, and how money decides their fate: with no in-flight limit a draft the
 * editor moved on from is cancelled; with a limit {@code n > 0} (paid drafts) it is seen through, at most
 * {@code n} fly at once, and an edit that finds every slot taken waits for one. Guarded by the
 * {@link DraftScheduler}'s lock; the cancels it decides run as effects after that lock is released.
 */
final class DraftFlights {
    private final SerialEffects effects;
    /** Oldest first. More than one only when paid drafts are seen through. */
    private final List<DraftFlight> flights = new ArrayList<>();
    /** 0: a superseded draft is cancelled (free, or the provider can cancel); n: seen through, at most n in flight. */
    private int limit;
    /** An edit fired while every slot was taken: the latest editor content goes out when one lands. */
    private boolean waiting;
    private long sent;

    DraftFlights(SerialEffects effects) {
        this.effects = effects;
    }

    void setLimit(int n) {
        limit = n;
    }

    /** Drafts are paid for whether or not they are wanted, so they are seen through, never cancelled. */
    boolean seenThrough() {
        return limit > 0;
    }

    /** Another draft may be sent now without going over the limit. */
    boolean hasRoom() {
        return limit == 0 || flights.size() < limit;
    }

    boolean isEmpty() {
        return flights.isEmpty();
    }

    /** How many drafts have been sent so far: the number the next one follows. */
    long sent() {
        return sent;
    }

    boolean waiting() {
        return waiting;
    }

    void waitForSlot() {
        waiting = true;
    }

    void stopWaiting() {
        waiting = false;
    }

    /** An edit came: whatever is in flight is no longer what the editor shows. */
    void supersedeAll() {
        flights.forEach(f -> f.superseded = true);
    }

    /** The draft in flight for exactly {@code request}, or null. */
    DraftFlight sameAs(GenerationRequest request) {
        return flights.stream().filter(f -> f.request.equals(request)).findFirst().orElse(null);
    }

    /** A new draft of {@code request}, numbered after every one sent before it. */
    DraftFlight launch(GenerationRequest request) {
        DraftFlight flight = new DraftFlight(request, ++sent);
        flights.add(flight);
        return flight;
    }

    /** Still in flight and still what the editor wants: its events are worth showing. */
    boolean wanted(DraftFlight flight) {
        return flights.contains(flight) && !flight.superseded;
    }

    /** {@code flight} landed; false if it had already been let go of (cancelled). */
    boolean land(DraftFlight flight) {
        return flights.remove(flight);
    }

    /** Lets go of the drafts in flight and of the edit waiting for a slot: something else is on screen. */
    void abandon() {
        letGo();
        stopWaiting();
    }

    /**
     * The drafts in flight are no longer wanted on screen: cancelled where that saves money, else (paid and
     * uncancellable) left to finish and be kept.
     */
    void letGo() {
        if (seenThrough()) {
            supersedeAll();
            return;
        }
        for (DraftFlight flight : flights) {
            flight.cancelled = true;
            if (flight.handle != null) {
                JobHandle handle = flight.handle;
                effects.add(handle::cancel);
            }
        }
        flights.clear();
    }
}
