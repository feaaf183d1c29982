package io.draftboard.ui.studio;

import io.draftboard.generation.DraftListener;
import io.draftboard.generation.DraftScheduler;
import io.draftboard.generation.DraftState;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.Job;
import io.draftboard.generation.JobHandle;
import io.draftboard.generation.JobRecorder;
import io.draftboard.generation.JobRunner;
import io.draftboard.generation.Provider;
import io.draftboard.generation.Quality;
import io.draftboard.generation.RenderService;
import io.draftboard.generation.RetryPolicy;
import io.draftboard.generation.ShownDraft;
import io.draftboard.generation.VirtualTimer;
import io.draftboard.settings.StudioSettings;
import io.draftboard.ui.task.TaskRunnerCore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An editor over a real scheduler on a virtual clock, whose renderer only records the drafts it is handed:
 * what the designer's edits send, without a toolkit. Seeds count up from 1234, so a shuffle shows.
 */
final class DraftingEditor implements AutoCloseable {
    static final StudioSettings SETTINGS = new StudioSettings(6, 50, 350, StudioSettings.Theme.LIGHT, true, true, 0,
            true, Map.of());

    final JobRunner jobs = new JobRunner(1, RetryPolicy.NEVER, JobRecorder.NONE);
    final RenderService renders = new RenderService(jobs);
    final VirtualTimer timer = new VirtualTimer();
    final List<String> invalid = new ArrayList<>();
    final List<String> said = new ArrayList<>();
    private final List<GenerationRequest> drafts = new ArrayList<>();
    private final AtomicLong seeds = new AtomicLong(1234);
    final DraftScheduler scheduler;
    final EditorModel editor;

    DraftingEditor(List<Provider> providers) {
        this(providers, SETTINGS);
    }

    DraftingEditor(List<Provider> providers, StudioSettings settings) {
        scheduler = new DraftScheduler(timer, (request, kind, parentId, listener) -> {
            drafts.add(request);
            return new JobHandle(drafts.size(), new Job(request, providers.get(0), kind, parentId),
                    new CompletableFuture<>(), () -> { });
        }, new DraftListener() {
            @Override
            public void stateChanged(DraftState state, String message) {
            }

            @Override
            public void draftShown(ShownDraft draft) {
            }
        }, Quality.DEFAULT, Duration.ofMillis(350), seeds::getAndIncrement);
        editor = new EditorModel(scheduler, renders, providers, settings, TaskRunnerCore.sameThread(f -> { }),
                new EditorModel.Notices() {
                    @Override
                    public void invalid(String reason) {
                        invalid.add(reason);
                    }

                    @Override
                    public void say(String text) {
                        said.add(text);
                    }
                });
    }

    /** Lets the debounce run out; the drafts sent meanwhile, as the scheduler sent them. */
    List<GenerationRequest> settle() {
        timer.advance(Duration.ofSeconds(5));
        List<GenerationRequest> sent = List.copyOf(drafts);
        drafts.clear();
        return sent;
    }

    @Override
    public void close() {
        jobs.close();
    }
}
