package io.draftboard.ui.studio;

import java.time.Duration;
import java.util.Locale;

/**
 * What is left of a running job, in one caller's words ({@code seconds} formats the number), as the preview's
 * line and the final's overlay both tell it: from the provider's progress once it reports some, before that from
 * the estimate learned from recent renders while that has not run out, and never "0 s left" for a job that is
 * still running.
 */
record TimeLeft(String seconds, String finishing, String unknown) {
    String say(double elapsedSeconds, double progress, Duration estimate) {
        if (progress >= 1) { // every step done: the picture is being finished and saved
            return finishing;
        }
        if (progress > 0.05) {
            return String.format(Locale.ROOT, seconds, elapsedSeconds * (1 - progress) / progress);
        }
        if (estimate != null && elapsedSeconds < estimate.toMillis() / 1000.0) {
            return String.format(Locale.ROOT, seconds, estimate.toMillis() / 1000.0 - elapsedSeconds);
        }
        return unknown; // no estimate, or past it with no progress reported (a cold start, a busy provider)
    }
}
