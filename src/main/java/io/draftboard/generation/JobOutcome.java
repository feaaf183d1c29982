package io.draftboard.generation;

/** How a job ended. */
public sealed interface JobOutcome {
    Timings timings();

    /** Rendered and recorded; {@code generationId} is its history row (0 when nothing records). */
    record Succeeded(GenerationResult result, Timings timings, long generationId) implements JobOutcome {
    }

    record Failed(FailureKind kind, String message, Timings timings) implements JobOutcome {
    }

    /** {@code charge} is what the provider said about billing the cancelled job. */
    record Cancelled(Timings timings, CancelCharge charge) implements JobOutcome {
        public Cancelled(Timings timings) {
            this(timings, CancelCharge.UNKNOWN);
        }
    }
}
