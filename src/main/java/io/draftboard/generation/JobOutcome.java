package io.draftboard.generation;

/** How a job ended. */
public sealed interface JobOutcome {
    Timings timings();

    /** Rendered and recorded; {@code generationId} is its history row (0 when nothing records). */
    record Succeeded(GenerationResult result, Timings timings, long generationId) implements JobOutcome {
    }

    record Failed(FailureKind kind, String message, Timings timings) implements JobOutcome {
    }

    record Cancelled(Timings timings) implements JobOutcome {
    }
}
