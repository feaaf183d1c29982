package io.draftboard.provider.offline;

import io.draftboard.generation.JobContext;
import io.draftboard.imaging.JpegWriter;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.function.LongSupplier;

/**
 * Turns the sampler's steps into preview frames for {@link JobContext#preview}, the channel ComfyUI's websocket
 * frames use too. A frame shows the denoiser's prediction of the clean picture at that step, as ComfyUI's step
 * previews do (not the noisy state, which at the first steps is nearly all noise): the composition first, blurred,
 * then ever finer detail. A frame costs the engine time on its own thread, so it is kept cheap and
 * rare: box-averaged straight from the sampler's float planes down to at most {@link #MAX_SIDE} pixels, JPEG
 * encoded, and sent at most once per {@link #MIN_INTERVAL_NANOS} and never more often than twenty times its own
 * cost, so frames take at most about a twentieth of the engine's time even on a loaded machine. The last step
 * sends no frame here: the finished image itself follows at once. The first frame does not wait for the first
 * full-size step: {@link #begin} makes the first step's prediction at frame size from the target itself, a few
 * milliseconds where the step takes a hundred.
 */
final class StepFrames {
    /** At most five frames a second: enough to watch the picture converge, and each one redraws the window. */
    static final long MIN_INTERVAL_NANOS = 200_000_000L;
    /** Frames wait at least this many times what the last one cost. */
    static final int COST_FACTOR = 20;
    /** A preview pane shows the picture converging at a few hundred pixels; ComfyUI's previews are about this size. */
    static final int MAX_SIDE = 320;
    private static final float QUALITY = 0.8f;

    private final JobContext context;
    private final LongSupplier nanos;
    private long next;
    private boolean sentAny;

    StepFrames(JobContext context, LongSupplier nanos) {
        this.context = context;
        this.nanos = nanos;
    }

    /**
     * Sampling of {@code of} steps is about to start from {@code target}: sends the first step's prediction (the
     * target under the contrast and the tent blur of {@code radius} pixels that the first step applies), made at
     * frame size. Nothing when the render is a single step: its finished image follows at once.
     */
    void begin(BufferedImage target, float contrast, int radius, int of) {
        if (of <= 1) {
            return;
        }
        long start = nanos.getAsLong();
        int w = target.getWidth();
        int h = target.getHeight();
        int f = factor(w, h);
        int ow = Math.max(1, w / f);
        int oh = Math.max(1, h / f);
        float[][] small = FlowSampler.toPlanes(target, contrast, f);
        int r = Math.round(radius / (float) f);
        float[] tmp = new float[ow * oh];
        for (float[] plane : small) {
            BoxBlur.tent(plane, plane, tmp, ow, oh, r);
        }
        send(FlowSampler.toImage(small, ow, oh), 1, of, start);
    }

    /** Step {@code step} of {@code of} is done; {@code predicted} holds that step's prediction in [-1, 1] per channel. */
    void step(int step, int of, float[][] predicted, int w, int h) {
        if (step >= of) {
            return;
        }
        long start = nanos.getAsLong();
        if (sentAny && start - next < 0) {
            return;
        }
        send(downscale(predicted, w, h), step, of, start);
    }

    private void send(BufferedImage image, int step, int of, long start) {
        byte[] frame = JpegWriter.encode(image, QUALITY);
        long cost = nanos.getAsLong() - start;
        sentAny = true;
        next = start + Math.max(MIN_INTERVAL_NANOS, COST_FACTOR * cost);
        context.preview(frame, step, of);
    }

    /** The smallest whole factor that brings the longer side within {@link #MAX_SIDE}. */
    private static int factor(int w, int h) {
        return Math.max(1, (Math.max(w, h) + MAX_SIDE - 1) / MAX_SIDE);
    }

    /**
     * An f-by-f box average, f the smallest whole factor that brings the longer side within {@link #MAX_SIDE}:
     * row by row, so the planes are read in order.
     */
    static BufferedImage downscale(float[][] x, int w, int h) {
        int f = factor(w, h);
        int ow = Math.max(1, w / f);
        int oh = Math.max(1, h / f);
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        int[] argb = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        float norm = 127.5f / (f * f);
        float[] sums = new float[ow];
        for (int c = 0; c < 3; c++) {
            float[] plane = x[c];
            int shift = 16 - 8 * c;
            for (int oy = 0; oy < oh; oy++) {
                java.util.Arrays.fill(sums, 0f);
                for (int dy = 0; dy < f; dy++) {
                    int row = (oy * f + dy) * w;
                    for (int ox = 0, k = row; ox < ow; ox++) {
                        float s = 0;
                        for (int dx = 0; dx < f; dx++) {
                            s += plane[k++];
                        }
                        sums[ox] += s;
                    }
                }
                for (int ox = 0; ox < ow; ox++) {
                    int v = Math.round(sums[ox] * norm + 127.5f);
                    argb[oy * ow + ox] |= (v < 0 ? 0 : Math.min(255, v)) << shift;
                }
            }
        }
        return out;
    }
}
