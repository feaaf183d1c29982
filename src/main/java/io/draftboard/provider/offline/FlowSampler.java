package io.draftboard.provider.offline;

import io.draftboard.generation.JobContext;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.stream.IntStream;

/**
 * Samples an image the way a rectified-flow model does, with a procedural "denoiser" in place of a network.
 *
 * <p>x starts as seeded Gaussian noise at t = 1. At each step the denoiser predicts the clean image:
 * the target blurred by a radius that shrinks with the noise level (coarse layout first, detail last), plus
 * a share of the current state's own high frequencies (an imperfect denoiser keeps some grain while t is
 * high). An Euler step then moves x along the straight path toward that prediction. The timesteps are
 * shifted toward high noise as flow models' schedules are, so the last of few steps is still noisy: 6 steps
 * end soft and grainy, 50 end sharp, and each step costs the same.
 */
final class FlowSampler {
    /** Flow-matching timestep shift (SD3/FLUX use about 3 at 1 MP). */
    static final double SHIFT = 3.0;
    /** Largest blur radius, as a share of the shorter side, reached at t = 1. */
    private static final double MAX_RADIUS = 0.06;
    /** How much of x's own detail the denoiser lets through, scaled by t. */
    private static final float GRAIN = 0.7f;

    private FlowSampler() {
    }

    static double shifted(double t) {
        return SHIFT * t / (1 + (SHIFT - 1) * t);
    }

    /**
     * @param contrast scales the target around mid-grey: the guidance knob (1 at guidance 5)
     */
    static BufferedImage sample(BufferedImage target, long seed, int steps, float contrast, JobContext context) {
        return sample(target, seed, steps, contrast, context, null);
    }

    /** As above; {@code observer}, when not null, sees the state after each step (the simulator's preview frames). */
    static BufferedImage sample(BufferedImage target, long seed, int steps, float contrast, JobContext context,
            OfflineProvider.StepObserver observer) {
        return sample(target, seed, steps, contrast, context, observer, null);
    }

    /** As above; {@code frames}, when not null, turns some steps into the job's preview frames. */
    static BufferedImage sample(BufferedImage target, long seed, int steps, float contrast, JobContext context,
            OfflineProvider.StepObserver observer, StepFrames frames) {
        int w = target.getWidth();
        int h = target.getHeight();
        int n = w * h;
        double maxRadius = MAX_RADIUS * Math.min(w, h);
        if (frames != null) { // before the planes are even allocated: the new composition on screen first
            frames.begin(target, contrast, radius(1f, maxRadius), steps);
        }
        float[][] clean = toPlanes(target, contrast);
        float[][] x = new float[3][n];
        float[][] prediction = new float[3][n];
        float[][] smooth = new float[3][n];
        float[][] scratch = new float[3][n];
        IntStream.range(0, 3).parallel().forEach(c -> seededNoise(x[c], seed, c));
        // Each pass is split into (channel, band) tasks, so two cores share three channels evenly.
        int bands = Math.max(2, Runtime.getRuntime().availableProcessors());
        int tasks = 3 * bands;

        for (int i = 0; i < steps; i++) {
            context.checkCancelled();
            float t = (float) shifted(1.0 - (double) i / steps);
            float next = (float) shifted(1.0 - (double) (i + 1) / steps);
            int radius = radius(t, maxRadius);
            float grain = GRAIN * t;
            float keep = next / t;
            // prediction = tent blur of the clean target (two box passes), smooth = light blur of x.
            inParallel(tasks, (c, y0, y1, x0, x1) -> BoxBlur.horizontal(clean[c], scratch[c], w, h, radius, y0, y1), w, h, bands);
            inParallel(tasks, (c, y0, y1, x0, x1) -> BoxBlur.vertical(scratch[c], prediction[c], w, h, radius, x0, x1), w, h, bands);
            inParallel(tasks, (c, y0, y1, x0, x1) -> BoxBlur.horizontal(prediction[c], scratch[c], w, h, radius, y0, y1), w, h, bands);
            inParallel(tasks, (c, y0, y1, x0, x1) -> BoxBlur.vertical(scratch[c], prediction[c], w, h, radius, x0, x1), w, h, bands);
            inParallel(tasks, (c, y0, y1, x0, x1) -> BoxBlur.horizontal(x[c], scratch[c], w, h, 2, y0, y1), w, h, bands);
            inParallel(tasks, (c, y0, y1, x0, x1) -> BoxBlur.vertical(scratch[c], smooth[c], w, h, 2, x0, x1), w, h, bands);
            inParallel(tasks, (c, y0, y1, x0, x1) -> {
                float[] xc = x[c];
                float[] pc = prediction[c];
                float[] sc = smooth[c];
                for (int k = y0 * w, end = y1 * w; k < end; k++) {
                    float predicted = pc[k] + grain * (xc[k] - sc[k]);
                    xc[k] = predicted + keep * (xc[k] - predicted); // Euler step along the straight path
                    sc[k] = predicted; // smooth is spent: it keeps the prediction for the step's preview frame
                }
            }, w, h, bands);
            context.progress((i + 1) / (double) steps);
            if (observer != null) {
                observer.step(i + 1, steps, toImage(x, w, h));
            }
            if (frames != null) {
                frames.step(i + 1, steps, smooth, w, h);
            }
        }
        return toImage(x, w, h);
    }

    /** The denoiser's blur radius at noise level t: wide at first (layout), shrinking to detail. */
    static int radius(float t, double maxRadius) {
        return (int) Math.round(t * t * maxRadius);
    }

    /** One task's share of a pass: channel {@code c}, rows y0..y1 and columns x0..x1 of its band. */
    @FunctionalInterface
    private interface BandTask {
        void run(int c, int y0, int y1, int x0, int x1);
    }

    private static void inParallel(int tasks, BandTask task, int w, int h, int bands) {
        IntStream.range(0, tasks).parallel().forEach(k -> {
            int c = k / bands;
            int b = k % bands;
            task.run(c, h * b / bands, h * (b + 1) / bands, w * b / bands, w * (b + 1) / bands);
        });
    }

    private static float[][] toPlanes(BufferedImage image, float contrast) {
        return toPlanes(image, contrast, 1);
    }

    /**
     * An RGB image (INT_RGB) as [-1, 1] planes under {@code contrast}, each value the mean of an f-by-f block (f = 1:
     * the sampler's own planes; larger: a preview frame's, made without the full-size ones).
     */
    static float[][] toPlanes(BufferedImage image, float contrast, int f) {
        int w = image.getWidth();
        int ow = Math.max(1, w / f);
        int oh = Math.max(1, image.getHeight() / f);
        int[] argb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        float[][] planes = new float[3][ow * oh];
        float scale = contrast / (127.5f * f * f);
        float centre = 127.5f * f * f;
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                int r = 0;
                int g = 0;
                int b = 0;
                for (int dy = 0; dy < f; dy++) {
                    for (int k = (oy * f + dy) * w + ox * f, end = k + f; k < end; k++) {
                        int p = argb[k];
                        r += (p >> 16) & 0xff;
                        g += (p >> 8) & 0xff;
                        b += p & 0xff;
                    }
                }
                int o = oy * ow + ox;
                planes[0][o] = Math.max(-1f, Math.min(1f, (r - centre) * scale));
                planes[1][o] = Math.max(-1f, Math.min(1f, (g - centre) * scale));
                planes[2][o] = Math.max(-1f, Math.min(1f, (b - centre) * scale));
            }
        }
        return planes;
    }

    /** [-1, 1] planes as an RGB image. */
    static BufferedImage toImage(float[][] x, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] argb = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        for (int k = 0; k < argb.length; k++) {
            argb[k] = (channel(x[0][k]) << 16) | (channel(x[1][k]) << 8) | channel(x[2][k]);
        }
        return out;
    }

    private static int channel(float v) {
        int c = Math.round((v + 1f) * 127.5f);
        return c < 0 ? 0 : Math.min(255, c);
    }

    /**
     * Standard-normal-ish noise from a counter hash, so each value depends only on (seed, channel, index):
     * deterministic under any thread schedule. Four 16-bit uniforms summed (Irwin-Hall) are close enough to
     * Gaussian for a starting point and far cheaper than Box-Muller.
     */
    private static void seededNoise(float[] plane, long seed, int channel) {
        long base = seed * 0x9E3779B97F4A7C15L + channel * 0xD1B54A32D192ED03L;
        float norm = (float) Math.sqrt(3.0) / 65536f;
        for (int k = 0; k < plane.length; k++) {
            long z = mix(base + k * 0x9E3779B97F4A7C15L);
            long sum = (z & 0xffff) + ((z >>> 16) & 0xffff) + ((z >>> 32) & 0xffff) + (z >>> 48);
            plane[k] = (sum - 2 * 65536f) * norm;
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
