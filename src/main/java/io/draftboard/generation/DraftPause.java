package io.draftboard.generation;

import java.time.Duration;

/** How long live drafting waits after an edit before a draft fires. */
@FunctionalInterface
public interface DraftPause {
    /** An edit happened at {@code nanos} (the debounce clock's time): the pause to wait from it. */
    Duration afterEdit(long nanos);

    static DraftPause fixed(Duration pause) {
        return nanos -> pause;
    }
}
