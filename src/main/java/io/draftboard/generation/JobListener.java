package io.draftboard.generation;

/**
 * Receives a job's events on the worker thread that runs it. Implementations must not block: a UI listener
 * hands the event to its toolkit thread.
 */
@FunctionalInterface
public interface JobListener {
    JobListener NONE = event -> {
    };

    void onEvent(JobEvent event);

    default JobListener andThen(JobListener next) {
        return event -> {
            onEvent(event);
            next.onEvent(event);
        };
    }
}
