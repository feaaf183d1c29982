package io.draftboard.imaging;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * High-quality downscaling: halve with bilinear filtering until within 2× of the target, then one last
 * bilinear step. A single bilinear step from far larger skips pixels and aliases; halving averages them.
 */
public final class Resize {
    private Resize() {
    }

    /** Scales down so neither side exceeds {@code maxSide}; never scales up. */
    public static BufferedImage toFit(BufferedImage image, int maxSide) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (w <= maxSide && h <= maxSide) {
            return image;
        }
        double scale = (double) maxSide / Math.max(w, h);
        return to(image, Math.max(1, (int) Math.round(w * scale)), Math.max(1, (int) Math.round(h * scale)));
    }

    /** Scales down so width × height is at most {@code maxPixels}, keeping the aspect ratio. */
    public static BufferedImage toPixelBudget(BufferedImage image, long maxPixels) {
        long pixels = (long) image.getWidth() * image.getHeight();
        if (pixels <= maxPixels) {
            return image;
        }
        double scale = Math.sqrt((double) maxPixels / pixels);
        int w = Math.max(1, (int) Math.floor(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.floor(image.getHeight() * scale));
        return to(image, w, h);
    }

    /** Scales to exactly {@code width} × {@code height} (downscaling progressively). */
    public static BufferedImage to(BufferedImage image, int width, int height) {
        int type = image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage current = image;
        int w = image.getWidth();
        int h = image.getHeight();
        while (w / 2 >= width && h / 2 >= height) {
            w /= 2;
            h /= 2;
            current = step(current, w, h, type);
        }
        if (w != width || h != height) {
            current = step(current, width, height, type);
        }
        return current;
    }

    private static BufferedImage step(BufferedImage src, int w, int h, int type) {
        BufferedImage dst = new BufferedImage(w, h, type);
        Graphics2D g = dst.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return dst;
    }
}
