package io.draftboard.ui.studio;

import io.draftboard.generation.DelayScheduler;
import io.draftboard.generation.Provider;
import io.draftboard.generation.RenderService;
import io.draftboard.history.HistoryStore;
import io.draftboard.history.ImageStore;
import io.draftboard.settings.StudioSettings;
import io.draftboard.ui.task.TaskRunner;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The services one studio window works with, handed down from the composition root (tests build their own
 * with fake providers and a temporary history).
 *
 * @param renders   every render goes through it: charged, queued, timed
 * @param providers the picker's choices, the default (offline engine) first
 * @param timer     the debounce's clock
 * @param tasks     background work (decoding, SQLite, files) and delivery onto the FX thread
 */
public record StudioContext(
        RenderService renders,
        List<Provider> providers,
        HistoryStore history,
        ImageStore images,
        DelayScheduler timer,
        TaskRunner tasks,
        LongSupplier seeds,
        StudioSettings settings) {

    public StudioContext {
        providers = List.copyOf(providers);
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("at least one provider is needed");
        }
    }
}
