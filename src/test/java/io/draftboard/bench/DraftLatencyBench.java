package io.draftboard.bench;

import io.draftboard.generation.DelayScheduler;
import io.draftboard.generation.JobRunner;
import io.draftboard.generation.RenderService;
import io.draftboard.generation.RetryPolicy;
import io.draftboard.history.HistoryRecorder;
import io.draftboard.history.HistoryStore;
import io.draftboard.history.ImageStore;
import io.draftboard.provider.offline.OfflineProvider;
import io.draftboard.settings.StudioSettings;
import io.draftboard.ui.FxExecutor;
import io.draftboard.ui.studio.StudioContext;
import io.draftboard.ui.studio.StudioViewModel;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * Keystroke to the first visible change in the preview, and to the finished draft on screen (in history), on
 * the offline engine with the real job runner, recorder, history and JavaFX decoding; the debounce is set to
 * 0 ms, so the figure is the render path alone (the studio adds its debounce, 350 ms by default).
 *
 * <pre>java -cp target/test-classes:target/classes:$(deps) io.draftboard.bench.DraftLatencyBench [runs] [side]</pre>
 */
public final class DraftLatencyBench {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int side = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get();
        var home = Files.createTempDirectory("draftboard-latency-bench");
        HistoryStore history = HistoryStore.open(home.resolve("history.db"));
        ImageStore images = new ImageStore(home.resolve("images"));
        JobRunner runner = new JobRunner(2, RetryPolicy.NEVER, new HistoryRecorder(history, images));
        var tasks = io.draftboard.ui.task.TaskRunnerCore.pooled("bench", 3, FxExecutor.INSTANCE,
                f -> System.err.println(f.message()));
        AtomicLong seeds = new AtomicLong(1);
        StudioContext context = new StudioContext(new RenderService(runner), List.of(new OfflineProvider()), history,
                images, DelayScheduler.daemon("bench-debounce"), tasks, seeds::incrementAndGet,
                new StudioSettings(6, 50, 0, StudioSettings.Theme.LIGHT, true, true, 0, true, Map.of()));
        StudioViewModel[] model = new StudioViewModel[1];
        CountDownLatch built = new CountDownLatch(1);
        Platform.runLater(() -> {
            model[0] = new StudioViewModel(context);
            model[0].editor().widthProperty().set(side);
            model[0].editor().heightProperty().set(side);
            built.countDown();
        });
        built.await();
        AtomicLong firstChange = new AtomicLong();
        AtomicLong saved = new AtomicLong();
        AtomicLong finished = new AtomicLong();
        Platform.runLater(() -> {
            model[0].preview().previewProperty().addListener((o, a, b) -> {
                firstChange.compareAndSet(0, System.nanoTime());
                // The finished pixels: its last step's frame, or the landed draft if that came first.
                if (b != null && b.caption().endsWith("step 6 of 6")) {
                    finished.compareAndSet(0, System.nanoTime());
                }
            });
            model[0].preview().shownPromptProperty().addListener((o, a, b) -> {
                finished.compareAndSet(0, System.nanoTime());
                saved.set(System.nanoTime());
            });
        });
        double[] first = new double[runs];
        double[] done = new double[runs];
        double[] pixels = new double[runs];
        for (int i = -3; i < runs; i++) { // three warm-up drafts
            firstChange.set(0);
            saved.set(0);
            finished.set(0);
            String prompt = "A red balloon on a wooden table, take " + i;
            long t0 = System.nanoTime();
            Platform.runLater(() -> model[0].editor().promptProperty().set(prompt));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (saved.get() == 0 && System.nanoTime() < until) {
                Thread.onSpinWait();
                TimeUnit.MILLISECONDS.sleep(1); // a bench's polling, not a test's synchronisation
            }
            if (i >= 0) {
                first[i] = (firstChange.get() - t0) / 1e6;
                done[i] = (saved.get() - t0) / 1e6;
                pixels[i] = (finished.get() - t0) / 1e6;
            }
        }
        Arrays.sort(first);
        Arrays.sort(done);
        Arrays.sort(pixels);
        System.out.printf(Locale.ROOT, "%dx%d draft, 6 steps, debounce 0, %d runs: keystroke -> first visible change "
                + "median %.0f ms; -> finished pixels shown %.0f ms; -> finished draft shown (saved) median %.0f ms%n",
                side, side, runs, first[runs / 2], pixels[runs / 2], done[runs / 2]);
        System.exit(0);
    }
}
