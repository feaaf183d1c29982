package io.draftboard.generation;

/**
 * What the designer sees of live drafts: the draft on screen, the drafts already paid for (an edit back to
 * one shows it again for free) and the state line. Guarded by the {@link DraftScheduler}'s lock; what the
 * listener hears is queued as effects, run after that lock is released in the order decided.
 */
final class DraftScreen {
    private final DraftListener listener;
    private final SerialEffects effects;
    /** Drafts already rendered (paid for), by request: an edit back to one shows it without paying again. */
    private final RecentDrafts recent = new RecentDrafts(64);
    private ShownDraft shown;
    /** The send number of the draft on screen: an older one that lands later is never shown over it. */
    private long shownSeq;
    private DraftState state = DraftState.IDLE;

    DraftScreen(DraftListener listener, SerialEffects effects) {
        this.listener = listener;
        this.effects = effects;
    }

    void remember(ShownDraft draft) {
        recent.put(draft.request(), draft);
    }

    /** A draft already rendered of exactly {@code request}, or null. */
    ShownDraft rendered(GenerationRequest request) {
        return recent.get(request);
    }

    /** Forgets every draft rendered so far, the one on screen included. */
    void forget() {
        recent.clear();
        shown = null;
    }

    ShownDraft shown() {
        return shown;
    }

    boolean isShowing(GenerationRequest request) {
        return shown != null && shown.request().equals(request);
    }

    /** The draft sent as number {@code seq} came after the one on screen. */
    boolean newerThanShown(long seq) {
        return seq > shownSeq;
    }

    /** Puts {@code draft} (sent as number {@code seq}) on screen; {@code current}: the editor still shows it. */
    void show(ShownDraft draft, long seq, boolean current) {
        shown = draft;
        shownSeq = seq;
        effects.add(() -> listener.draftShown(draft));
        setState(current ? DraftState.READY : DraftState.STALE, current ? "" : "A newer edit is on its way.");
    }

    /** Nothing is rendering: idle with nothing on screen, else what is on screen is stale. */
    DraftState idleOrStale() {
        return shown == null ? DraftState.IDLE : DraftState.STALE;
    }

    DraftState state() {
        return state;
    }

    void setState(DraftState newState, String message) {
        state = newState;
        effects.add(() -> listener.stateChanged(newState, message));
    }
}
