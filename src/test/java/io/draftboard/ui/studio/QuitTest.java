package io.draftboard.ui.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.JobRunner;
import io.draftboard.generation.RenderService;
import io.draftboard.generation.RetryPolicy;
import io.draftboard.generation.VirtualTimer;
import io.draftboard.history.HistoryRecorder;
import io.draftboard.history.HistoryStore;
import io.draftboard.history.ImageStore;
import io.draftboard.history.JournalEntry;
import io.draftboard.settings.StudioSettings;
import io.draftboard.ui.FakeEngine;
import io.draftboard.ui.task.TaskRunnerCore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quitting with a render in flight: the studio's parts stop within a second and the job stays open in the
 * journal for the next start to resume, rather than being cancelled (and, on a paid provider, lost).
 */
class QuitTest {
    @TempDir
    Path home;

    @Test
    void theStudioStopsWithinASecondAndLeavesTheJobInFlightToTheJournal() throws Exception {
        HistoryStore history = HistoryStore.open(home.resolve("history.db"));
        ImageStore images = new ImageStore(home.resolve("images"));
        JobRunner runner = new JobRunner(2, RetryPolicy.NEVER, new HistoryRecorder(history, images));
        FakeEngine engine = new FakeEngine("paid", 0.05, 4);
        engine.hold();
        TaskRunnerCore tasks = TaskRunnerCore.pooled("quit-test", 3, Runnable::run, f -> { });
        VirtualTimer timer = new VirtualTimer();
        StudioViewModel model = new StudioViewModel(new StudioContext(new RenderService(runner), List.of(engine),
                history, images, timer, tasks, () -> 7, new StudioSettings(6, 50, 350, StudioSettings.Theme.LIGHT,
                        true, true, 0, true, Map.of())), bytes -> null, java.util.concurrent.Executors
                                .newSingleThreadExecutor());
        try {
            model.editor().promptProperty().set("a red balloon");
            timer.advance(Duration.ofSeconds(1));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (engine.requests.isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // the worker picks the draft up
            }
            assertThat(engine.requests).hasSize(1);

            long t0 = System.nanoTime();
            model.close();
            tasks.shutdown();
            runner.detach(Duration.ofMillis(300));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

            assertThat(tookMillis).isLessThan(1000);
            assertThat(new io.draftboard.history.JobJournal(history.database()).openJobs()).extracting(JournalEntry::providerId).containsExactly("paid");
        } finally {
            engine.release();
            runner.close();
            history.close();
        }
    }
}
