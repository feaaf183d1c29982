package io.draftboard.history;

import java.time.Instant;
import java.util.Optional;

/**
 * Names a running process ({@code <pid>@<start millis>}) so another process on the machine can tell whether it
 * is still there: the journal records who is finishing each job, and a job whose owner is gone may be claimed.
 * The start time tells a reused pid from the process that wrote it.
 */
final class ProcessIdentity {
    /** Start times are derived from clock ticks; two readings of the same process may differ by rounding. */
    private static final long START_TOLERANCE_MILLIS = 2_000;

    private ProcessIdentity() {
    }

    /** This process. */
    static String current() {
        ProcessHandle self = ProcessHandle.current();
        return self.pid() + "@" + startMillis(self).map(String::valueOf).orElse("?");
    }

    /** True while the process {@code identity} names is running; false for anything unreadable. */
    static boolean isRunning(String identity) {
        int at = identity.indexOf('@');
        long pid;
        try {
            pid = Long.parseLong(at < 0 ? identity : identity.substring(0, at));
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return false;
        }
        Optional<Long> actual = startMillis(process.get());
        String recorded = at < 0 ? "?" : identity.substring(at + 1);
        if (actual.isEmpty() || recorded.equals("?")) {
            return true; // the pid is alive and nothing says it is another process
        }
        try {
            return Math.abs(Long.parseLong(recorded) - actual.get()) <= START_TOLERANCE_MILLIS;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }
}
