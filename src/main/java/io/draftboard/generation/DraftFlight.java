package io.draftboard.generation;

/** One live draft sent to the renderer, as the {@link DraftScheduler} tracks it; guarded by its lock. */
final class DraftFlight {
    final GenerationRequest request;
    /** Its place in the order drafts were sent. */
    final long seq;
    JobHandle handle;
    /** An edit came after it: if it lands it is kept, not shown. */
    boolean superseded;
    boolean started;
    /** Cancelled before the renderer handed back its handle: cancelled as soon as it does. */
    boolean cancelled;

    DraftFlight(GenerationRequest request, long seq) {
        this.request = request;
        this.seq = seq;
    }
}
