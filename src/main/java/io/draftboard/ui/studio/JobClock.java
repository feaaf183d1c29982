package io.draftboard.ui.studio;

import io.draftboard.generation.GenerationRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Elapsed time and what is left of the job the preview is waiting for: from its progress once the provider
 * reports some, before that from the estimate learned from recent renders ({@link TimeLeft}). FX thread only.
 */
final class JobClock {
    private static final TimeLeft LEFT = new TimeLeft("%.1f s left", "finishing", "estimating");
    private final LongSupplier nanos;
    private GenerationRequest request;
    private long startedNanos;
    private Duration estimate;

    JobClock(LongSupplier nanos) {
        this.nanos = nanos;
    }

    void start(GenerationRequest started, Duration expected) {
        request = started;
        startedNanos = nanos.getAsLong();
        estimate = expected;
    }

    /** True when {@code finished} was the job being timed (an older job ending leaves the clock running). */
    boolean stop(GenerationRequest finished) {
        if (finished.equals(request)) {
            request = null;
            return true;
        }
        return false;
    }

    /** "3.2 s · 1.1 s left", or empty when nothing is timed. */
    String read(double progress) {
        if (request == null) {
            return "";
        }
        double elapsed = (nanos.getAsLong() - startedNanos) / 1e9;
        return String.format(Locale.ROOT, "%.1f s \u00b7 %s", elapsed, LEFT.say(elapsed, progress, estimate));
    }
}
