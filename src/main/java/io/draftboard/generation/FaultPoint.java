package io.draftboard.generation;

/**
 * Named places in a job's life where the crash harness stops the process. When the environment variable
 * {@code DRAFTBOARD_PAUSE_AT} names a point, the process prints {@code DRAFTBOARD-PAUSED <point>} to stderr on
 * reaching it and then waits to be killed; otherwise a point costs one string comparison. Points:
 * {@code before-submit}, {@code after-submit}, {@code polling}, {@code downloading}, {@code writing}.
 */
public final class FaultPoint {
    private static final String PAUSE_AT = System.getenv("DRAFTBOARD_PAUSE_AT");

    private FaultPoint() {
    }

    public static void reach(String point) {
        if (PAUSE_AT == null || !PAUSE_AT.equals(point)) {
            return;
        }
        System.err.println("DRAFTBOARD-PAUSED " + point);
        System.err.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
