package io.draftboard.provider.offline;

/**
 * Separable running-sum box blur on one float plane: O(1) per pixel whatever the radius, so every sampling
 * step costs the same. Two passes approximate a tent filter. Edges clamp.
 */
final class BoxBlur {
    private BoxBlur() {
    }

    /** {@code dst} = box blur of {@code src} with radius {@code r}; {@code tmp} is scratch of the same size. */
    static void blur(float[] src, float[] dst, float[] tmp, int w, int h, int r) {
        if (r <= 0) {
            System.arraycopy(src, 0, dst, 0, src.length);
            return;
        }
        horizontal(src, tmp, w, h, Math.min(r, w - 1 == 0 ? 0 : r));
        vertical(tmp, dst, w, h, r);
    }

    /** Two box passes: smoother than one, still O(1) per pixel. */
    static void tent(float[] src, float[] dst, float[] tmp, int w, int h, int r) {
        blur(src, dst, tmp, w, h, r);
        blur(dst, dst, tmp, w, h, r);
    }

    private static void horizontal(float[] src, float[] dst, int w, int h, int r) {
        float inv = 1f / (2 * r + 1);
        int last = w - 1;
        for (int y = 0; y < h; y++) {
            int row = y * w;
            float sum = src[row] * (r + 1);
            for (int i = 1; i <= r; i++) {
                sum += src[row + Math.min(i, last)];
            }
            for (int x = 0; x < w; x++) {
                dst[row + x] = sum * inv;
                sum += src[row + Math.min(x + r + 1, last)] - src[row + Math.max(x - r, 0)];
            }
        }
    }

    private static void vertical(float[] src, float[] dst, int w, int h, int r) {
        float inv = 1f / (2 * r + 1);
        int last = h - 1;
        float[] sum = new float[w];
        for (int x = 0; x < w; x++) {
            float s = src[x] * (r + 1);
            for (int i = 1; i <= r; i++) {
                s += src[Math.min(i, last) * w + x];
            }
            sum[x] = s;
        }
        for (int y = 0; y < h; y++) {
            int row = y * w;
            int add = Math.min(y + r + 1, last) * w;
            int sub = Math.max(y - r, 0) * w;
            for (int x = 0; x < w; x++) {
                dst[row + x] = sum[x] * inv;
                sum[x] += src[add + x] - src[sub + x];
            }
        }
    }
}
