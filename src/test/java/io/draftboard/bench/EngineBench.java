package io.draftboard.bench;

import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.JobContext;
import io.draftboard.provider.offline.OfflineProvider;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times the offline engine end to end (scene, sampling, step preview frames, PNG encoding) on warm JIT. Goals on 2 cores:
 * 1024x1024 at 6 steps under 300 ms, at 50 steps under 2 s.
 *
 * <pre>mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.draftboard.bench.EngineBench</pre>
 */
public final class EngineBench {
    private static final String PROMPT = "A red balloon on a wooden table, headline \"SALE\"";

    public static void main(String[] args) throws Exception {
        OfflineProvider engine = new OfflineProvider();
        System.out.printf(Locale.ROOT, "offline engine, %d cores, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        for (int i = 0; i < 6; i++) { // warm-up
            engine.generate(GenerationRequest.of(PROMPT, i, i % 2 == 0 ? 6 : 20, 1024, 1024), JobContext.none());
        }
        double six = report(engine, 1024, 1024, 6, 15);
        report(engine, 1024, 1024, 20, 8);
        double fifty = report(engine, 1024, 1024, 50, 6);
        report(engine, 512, 512, 6, 15);
        System.out.printf(Locale.ROOT, "ratio 50/6 steps at 1024x1024: %.2f (steps ratio 8.33)%n", fifty / six);
    }

    private static double report(OfflineProvider engine, int w, int h, int steps, int runs) throws Exception {
        double[] ms = new double[runs];
        Frames frames = new Frames();
        for (int i = 0; i < runs; i++) {
            GenerationRequest r = GenerationRequest.of(PROMPT, 1000 + i, steps, w, h);
            long t0 = System.nanoTime();
            engine.generate(r, frames);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        double median = ms[runs / 2];
        double p90 = ms[(int) Math.min(runs - 1, Math.ceil(runs * 0.9) - 1)];
        System.out.printf(Locale.ROOT, "%4dx%-4d %2d steps: median %7.1f ms  p90 %7.1f ms  (%d runs)  "
                + "%.1f step frames/run, %.1f KB each%n", w, h, steps, median, p90, runs,
                frames.count / (double) runs, frames.count == 0 ? 0 : frames.bytes / 1024.0 / frames.count);
        return median;
    }

    /** Counts the step previews the engine sends (its last frame, the finished image itself, is not counted). */
    private static final class Frames implements JobContext {
        int count;
        long bytes;

        @Override
        public void progress(double fraction) {
        }

        @Override
        public void preview(byte[] image, int step, int of) {
            if (step < of) {
                count++;
                bytes += image.length;
            }
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void onCancel(Runnable action) {
        }
    }
}
