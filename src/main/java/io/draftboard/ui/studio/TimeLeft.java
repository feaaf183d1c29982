package io.draftboard.ui.studio;

import java.time.Duration;

/**
 * What is left of a running job, as the preview's line and the final's overlay both tell it: from the
 * provider's progress once it reports some, before that from the estimate learned from recent renders while
 * that has not run out, and never "0 s left" for a job that is still running.
 */
sealed interface TimeLeft {
    /** In the caller's words: {@code seconds} formats the number, the others stand alone. */
    String text(String seconds, String finishing, String unknown);

    /** Every step is done: the picture is being finished and saved. */
    record Finishing() implements TimeLeft {
        @Override
        public String text(String seconds, String finishing, String unknown) {
            return finishing;
        }
    }

    record Seconds(double left) implements TimeLeft {
        @Override
        public String text(String seconds, String finishing, String unknown) {
            return String.format(java.util.Locale.ROOT, seconds, left);
        }
    }

    /** No estimate, or past it with no progress reported (a cold start, a busy provider). */
    record Unknown() implements TimeLeft {
        @Override
        public String text(String seconds, String finishing, String unknown) {
            return unknown;
        }
    }

    static TimeLeft of(double elapsedSeconds, double progress, Duration estimate) {
        if (progress >= 1) {
            return new Finishing();
        }
        if (progress > 0.05) {
            return new Seconds(elapsedSeconds * (1 - progress) / progress);
        }
        if (estimate != null && elapsedSeconds < estimate.toMillis() / 1000.0) {
            return new Seconds(estimate.toMillis() / 1000.0 - elapsedSeconds);
        }
        return new Unknown();
    }
}
