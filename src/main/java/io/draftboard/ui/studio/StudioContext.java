package io.draftboard.ui.studio;

import io.draftboard.generation.DelayScheduler;
import io.draftboard.generation.JobRunner;
import io.draftboard.generation.Provider;
import io.draftboard.history.HistoryStore;
import io.draftboard.history.ImageStore;
import io.draftboard.settings.StudioSettings;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * The services one studio window works with, handed down from the composition root (tests build their own
 * with fake providers and a temporary history).
 *
 * @param providers  the picker's choices, the default (offline engine) first
 * @param fx         runs on the JavaFX thread
 * @param background runs decoding, SQLite and file work off it
 * @param tasks      background work with its result or failure delivered on the FX thread
 */
public record StudioContext(
        JobRunner jobs,
        List<Provider> providers,
        HistoryStore history,
        ImageStore images,
        DelayScheduler timer,
        Executor fx,
        Executor background,
        LongSupplier seeds,
        StudioSettings settings,
        io.draftboard.ui.task.TaskRunner tasks) {

    public StudioContext {
        providers = List.copyOf(providers);
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("at least one provider is needed");
        }
    }
}
