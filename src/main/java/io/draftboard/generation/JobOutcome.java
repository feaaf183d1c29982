package io.draftboard.generation;

/** How a job ended. */
public sealed interface JobOutcome {
    Timings timings();

    /** Rendered and recorded; {@code generationId} is its history row (0 when nothing records). */
    record Succeeded(GenerationResult result, Timings timings, long generationId) implements JobOutcome {
    }

    /**
     * {@code billed}: whether the provider charges for it, as it documents ({@link Provider#billsFailure} for a
     * kind of failure, {@link ProviderException#notBilled()} for one failure); true when it does not say.
     */
    record Failed(FailureKind kind, String message, Timings timings, boolean billed) implements JobOutcome {
        public Failed(FailureKind kind, String message, Timings timings) {
            this(kind, message, timings, true);
        }
    }

    /** {@code charge} is what the provider said about billing the cancelled job. */
    record Cancelled(Timings timings, CancelCharge charge) implements JobOutcome {
        public Cancelled(Timings timings) {
            this(timings, CancelCharge.UNKNOWN);
        }
    }
}
