package io.draftboard.bench;

import io.draftboard.generation.DelayScheduler;
import io.draftboard.generation.JobRecorder;
import io.draftboard.generation.JobRunner;
import io.draftboard.generation.RetryPolicy;
import io.draftboard.history.HistoryStore;
import io.draftboard.history.ImageStore;
import io.draftboard.imaging.PngWriter;
import io.draftboard.provider.offline.OfflineProvider;
import io.draftboard.settings.StudioSettings;
import io.draftboard.ui.FxExecutor;
import io.draftboard.ui.StudioWindow;
import io.draftboard.ui.studio.StudioContext;
import io.draftboard.ui.studio.StudioViewModel;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;

/**
 * The studio's history browser over 100,000 rows, measured through the real window: how long until the
 * first page shows, a search answers, and the next page arrives while scrolling, and the worst the FX thread
 * stalled meanwhile (a pinger posts to it every 5 ms). Headless (Monocle) unless -Dheadless=false.
 *
 * <pre>mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.draftboard.bench.StudioBench</pre>
 */
public final class StudioBench {
    private static final String[] SEARCHES = {"sneaker", "neon green", "poster headline", "watercolor mug", "SALE",
            "gold tote", "app icon night", "3d clay", "isometric", "book cover rain", "\"50% OFF\"", "marble plinth",
            "violet", "landing page", "line art", "beach", "skyline", "logo mark", "navy bottle", "pastel pink"};

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        if (!"false".equals(System.getProperty("headless"))) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("headless.geometry", "1600x1200-32");
        }
        Path home = Files.createTempDirectory("draftboard-studio-bench");
        ImageStore images = new ImageStore(home.resolve("images"));
        String[] hashes = new String[64];
        for (int i = 0; i < hashes.length; i++) {
            BufferedImage image = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);
            var g = image.createGraphics();
            g.setColor(Color.getHSBColor(i / 64f, 0.6f, 0.9f));
            g.fillRect(0, 0, 512, 512);
            g.dispose();
            hashes[i] = images.put(PngWriter.encode(image, List.of()), "image/png");
        }
        try (HistoryStore seed = HistoryStore.open(home.resolve("history.db"))) {
            HistoryRows.populate(seed, rows, new SplittableRandom(11), n -> hashes[n % hashes.length]);
        }
        System.out.printf(Locale.ROOT, "studio bench: %,d history rows, %d cores%n", rows,
                Runtime.getRuntime().availableProcessors());

        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get();
        Pinger pinger = new Pinger();
        long t0 = System.nanoTime();
        HistoryStore history = HistoryStore.open(home.resolve("history.db"));
        double openMs = (System.nanoTime() - t0) / 1e6;
        ExecutorService background = Executors.newFixedThreadPool(3);
        JobRunner runner = new JobRunner(2, RetryPolicy.NEVER, JobRecorder.NONE);
        StudioContext context = new StudioContext(runner, List.of(new OfflineProvider()), history, images,
                DelayScheduler.daemon("bench-debounce"), FxExecutor.INSTANCE, background, () -> 1L,
                new StudioSettings(6, 50, 350, StudioSettings.Theme.LIGHT, true, true, 0, true, Map.of()),
                io.draftboard.ui.task.TaskRunnerCore.pooled("bench-tasks", 3, FxExecutor.INSTANCE,
                        f -> System.err.println(f.message())));
        StudioWindow[] window = new StudioWindow[1];
        long t1 = System.nanoTime();
        onFx(() -> {
            javafx.application.Application.setUserAgentStylesheet(
                    new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            window[0] = new StudioWindow(new StudioViewModel(context), () -> { }, null, "bench");
            Stage stage = new Stage();
            stage.setScene(new Scene(window[0], 1440, 900));
            stage.show();
        });
        double buildMs = (System.nanoTime() - t1) / 1e6;
        long t2 = System.nanoTime();
        var model = window[0].historyModel();
        waitUntil(() -> onFxValue(() -> model.items().size()) >= 200);
        double firstPageMs = (System.nanoTime() - t2) / 1e6;
        waitUntil(() -> onFxValue(() -> visibleThumbnails(window[0])) >= 6);
        double thumbnailsMs = (System.nanoTime() - t2) / 1e6;
        System.out.printf(Locale.ROOT, "open history.db                                %8.1f ms%n", openMs);
        System.out.printf(Locale.ROOT, "build and show the studio window (cold, FX)    %8.1f ms%n", buildMs);
        System.out.printf(Locale.ROOT, "shown -> first page of 200 listed              %8.1f ms%n", firstPageMs);
        System.out.printf(Locale.ROOT, "shown -> first thumbnails drawn                %8.1f ms%n", thumbnailsMs);
        pinger.start(); // from here on the window is up: stalls are what a designer would feel

        List<Double> search = new ArrayList<>();
        for (String q : SEARCHES) {
            long before = onFxValue(() -> model.answeredProperty().get());
            long t = System.nanoTime();
            onFx(() -> model.searchProperty().set(q));
            waitUntil(() -> onFxValue(() -> model.answeredProperty().get()) > before);
            search.add((System.nanoTime() - t) / 1e6);
            long cleared = onFxValue(() -> model.answeredProperty().get());
            onFx(() -> model.searchProperty().set(""));
            waitUntil(() -> onFxValue(() -> model.answeredProperty().get()) > cleared);
        }
        report("search typed -> results listed (20 queries)", search);

        VirtualFlow<?> flow = onFxValue(() -> (VirtualFlow<?>) window[0].lookup("#historyGrid").lookup(".virtual-flow"));
        List<Double> pages = new ArrayList<>();
        for (int page = 1; page <= 50; page++) {
            int have = onFxValue(() -> model.items().size());
            long t = System.nanoTime();
            // Scroll to the last loaded row: the grid's cells ask for the next page, as when a designer scrolls.
            onFx(() -> flow.scrollTo(flow.getCellCount() - 1));
            waitUntil(() -> onFxValue(() -> model.items().size()) > have);
            pages.add((System.nanoTime() - t) / 1e6);
        }
        report("scroll to end -> next page of 200 listed (50 pages)", pages);
        int loaded = onFxValue(() -> model.items().size());
        System.out.printf(Locale.ROOT, "rows listed after scrolling                    %,8d%n", loaded);
        pinger.stop();
        pinger.report();

        onFx(window[0]::close);
        runner.close();
        background.shutdownNow();
        history.close();
        Platform.exit();
        System.exit(0);
    }

    private static int visibleThumbnails(StudioWindow window) {
        return (int) window.lookup("#historyGrid").lookupAll(".image-view").stream()
                .filter(n -> n instanceof javafx.scene.image.ImageView v && v.getImage() != null).count();
    }

    private static void report(String label, List<Double> ms) {
        double[] a = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-46s p50 %7.1f ms   p95 %7.1f ms   max %7.1f ms%n", label, a[a.length / 2],
                a[Math.min(a.length - 1, (int) Math.ceil(a.length * 0.95) - 1)], a[a.length - 1]);
    }

    private static void onFx(Runnable r) throws Exception {
        onFxValue(() -> {
            r.run();
            return null;
        });
    }

    private static <T> T onFxValue(java.util.concurrent.Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitUntil(Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(2);
        }
    }

    /** Posts to the FX thread every 5 ms and records how late each post ran: the UI's worst stalls. */
    private static final class Pinger {
        private final ConcurrentLinkedQueue<Double> lags = new ConcurrentLinkedQueue<>();
        private volatile boolean running = true;
        private Thread thread;

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    long posted = System.nanoTime();
                    Platform.runLater(() -> lags.add((System.nanoTime() - posted) / 1e6));
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "fx-pinger");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        void report() {
            double[] a = lags.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "FX thread lag while all that ran (%,d pings)   p50 %5.1f ms   p99 %6.1f ms   max %6.1f ms%n",
                    a.length, a[a.length / 2], a[(int) (a.length * 0.99)], a[a.length - 1]);
        }
    }

    private StudioBench() {
    }
}
