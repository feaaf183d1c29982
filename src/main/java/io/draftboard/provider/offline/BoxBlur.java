package io.draftboard.provider.offline;

/**
 * Separable running-sum box blur on float planes: O(1) per pixel whatever the radius, so every sampling step
 * costs the same. The passes work on a band of rows (horizontal) or of columns (vertical), so a caller can
 * spread one plane over every core; two box passes approximate a tent filter. Edges clamp.
 */
final class BoxBlur {
    private BoxBlur() {
    }

    /** {@code dst} = box blur of {@code src} with radius {@code r}; {@code tmp} is scratch of the same size. */
    static void blur(float[] src, float[] dst, float[] tmp, int w, int h, int r) {
        horizontal(src, tmp, w, h, r, 0, h);
        vertical(tmp, dst, w, h, r, 0, w);
    }

    /** Two box passes: smoother than one, still O(1) per pixel. */
    static void tent(float[] src, float[] dst, float[] tmp, int w, int h, int r) {
        blur(src, dst, tmp, w, h, r);
        blur(dst, dst, tmp, w, h, r);
    }

    /** Rows {@code y0} (inclusive) to {@code y1} (exclusive) of {@code dst} = {@code src} blurred along x. */
    static void horizontal(float[] src, float[] dst, int w, int h, int r, int y0, int y1) {
        if (r <= 0) {
            System.arraycopy(src, y0 * w, dst, y0 * w, (y1 - y0) * w);
            return;
        }
        float inv = 1f / (2 * r + 1);
        int last = w - 1;
        // The middle of a row needs no edge clamping; keeping the clamps to the two ends lets the JIT run
        // the hot loop without a min/max per pixel.
        int left = Math.min(w, r + 1);
        int right = Math.max(left, w - r - 1);
        for (int y = y0; y < y1; y++) {
            int row = y * w;
            float sum = src[row] * (r + 1);
            for (int i = 1; i <= r; i++) {
                sum += src[row + Math.min(i, last)];
            }
            int x = 0;
            for (; x < left; x++) {
                dst[row + x] = sum * inv;
                sum += src[row + Math.min(x + r + 1, last)] - src[row + Math.max(x - r, 0)];
            }
            for (; x < right; x++) {
                dst[row + x] = sum * inv;
                sum += src[row + x + r + 1] - src[row + x - r];
            }
            for (; x < w; x++) {
                dst[row + x] = sum * inv;
                sum += src[row + Math.min(x + r + 1, last)] - src[row + Math.max(x - r, 0)];
            }
        }
    }

    /** Columns {@code x0} (inclusive) to {@code x1} (exclusive) of {@code dst} = {@code src} blurred along y. */
    static void vertical(float[] src, float[] dst, int w, int h, int r, int x0, int x1) {
        if (r <= 0) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(src, y * w + x0, dst, y * w + x0, x1 - x0);
            }
            return;
        }
        float inv = 1f / (2 * r + 1);
        int last = h - 1;
        int span = x1 - x0;
        float[] sum = new float[span];
        for (int x = 0; x < span; x++) {
            float s = src[x0 + x] * (r + 1);
            for (int i = 1; i <= r; i++) {
                s += src[Math.min(i, last) * w + x0 + x];
            }
            sum[x] = s;
        }
        for (int y = 0; y < h; y++) {
            int row = y * w + x0;
            int add = Math.min(y + r + 1, last) * w + x0;
            int sub = Math.max(y - r, 0) * w + x0;
            for (int x = 0; x < span; x++) {
                dst[row + x] = sum[x] * inv;
                sum[x] += src[add + x] - src[sub + x];
            }
        }
    }
}
