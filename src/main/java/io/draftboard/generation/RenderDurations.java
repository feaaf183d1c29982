package io.draftboard.generation;

import java.time.Duration;
import java.util.List;

/**
 * How long renders like this one took before, across runs: what lets a fresh process (each CLI command, each
 * studio start) poll a remote job as well as one that has been running all day. History implements it; the
 * composition root hands it to the providers' polling, which may not reach history itself.
 */
@FunctionalInterface
public interface RenderDurations {

    /**
     * The render being waited for.
     *
     * @param kind draft or final, or null when the caller does not know (then any kind is taken)
     */
    record Workload(String providerId, RenderKind kind, int steps, int width, int height) {
        /** Steps × output megapixels: the work a flow model does, what durations are scaled by. */
        public double work() {
            return steps * (width * (double) height / 1_000_000.0);
        }
    }

    /**
     * How long at most {@code limit} of the provider's most recent renders of the same kind took at the provider,
     * newest first, each scaled to {@code workload}'s steps × megapixels. Empty when there are none.
     */
    List<Duration> recent(Workload workload, int limit);

    /** A render of {@code workload} took {@code took} at the provider: remembered for the renders after it. */
    default void record(Workload workload, Duration took) {
    }

    /** Nothing remembered: every process starts from the provider-agnostic cadence. */
    RenderDurations NONE = (workload, limit) -> List.of();
}
