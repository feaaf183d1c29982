package io.draftboard.generation;

import java.util.Objects;

/**
 * What a provider said about billing when one of its jobs was cancelled: a job cancelled while still queued is
 * usually not billed, one cancelled mid-render usually is. Recorded in history and the session spend instead
 * of assuming the worst for every cancel.
 *
 * @param reason a short phrase for the journal and history, e.g. "removed from fal's queue before it started"
 */
public record CancelCharge(Billing billing, String reason) {

    public enum Billing {
        /** The provider says it never ran the job: nothing is charged. */
        NOT_BILLED,
        /** The provider had started or finished the job: it is charged, at the provider's price. */
        BILLED,
        /** The provider said nothing usable (no cancel, no answer): it may be charged, so it counts. */
        UNKNOWN
    }

    /** What is known about a cancel that no provider answered. */
    public static final CancelCharge UNKNOWN = new CancelCharge(Billing.UNKNOWN, "cancelled; it may still be billed");

    public CancelCharge {
        Objects.requireNonNull(billing, "billing");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean billed() {
        return billing != Billing.NOT_BILLED;
    }
}
