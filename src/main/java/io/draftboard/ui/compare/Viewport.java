package io.draftboard.ui.compare;

/**
 * Where an image sits in a view: the image is drawn {@code scale} view pixels per image pixel with its
 * top-left corner at ({@code offsetX}, {@code offsetY}) in view coordinates. Immutable and free of JavaFX so
 * the zoom and pan rules can be tested without a toolkit.
 *
 * <p>The scale stays between {@link #fitScale()} (the whole image visible) and {@link #maxScale()} (800 %, or
 * the fit scale if that is larger still): zooming further out would only add empty margin; up to 800 % a
 * designer can inspect single pixels of a draft against its final (edges, text strokes, banding).
 * The offset is clamped so that the image covers as much of the view as it can: an axis where the image is
 * wider than the view has no margin, an axis where it is narrower is centred.
 */
record Viewport(double imageWidth, double imageHeight, double viewWidth, double viewHeight, double scale,
        double offsetX, double offsetY) {

    /** The closest look: 800 %, eight view pixels per image pixel. */
    public static final double MAX_ZOOM = 8.0;

    /** Relative tolerance for "at fit": scales go through exp/multiply round trips. */
    private static final double FIT_TOLERANCE = 1e-9;

    public Viewport {
        requirePositive("image width", imageWidth);
        requirePositive("image height", imageHeight);
        requirePositive("view width", viewWidth);
        requirePositive("view height", viewHeight);
        requirePositive("scale", scale);
    }

    /** The whole image, centred. */
    public static Viewport fit(double imageWidth, double imageHeight, double viewWidth, double viewHeight) {
        return new Viewport(imageWidth, imageHeight, viewWidth, viewHeight, 1, 0, 0).fitted();
    }

    public double fitScale() {
        return Math.min(viewWidth / imageWidth, viewHeight / imageHeight);
    }

    public double maxScale() {
        return Math.max(fitScale(), MAX_ZOOM);
    }

    public boolean isFit() {
        return Math.abs(scale - fitScale()) <= FIT_TOLERANCE * fitScale();
    }

    public double displayedWidth() {
        return imageWidth * scale;
    }

    public double displayedHeight() {
        return imageHeight * scale;
    }

    /** The image x coordinate (in image pixels) under view x. */
    public double imageX(double viewX) {
        return (viewX - offsetX) / scale;
    }

    /** The image y coordinate (in image pixels) under view y. */
    public double imageY(double viewY) {
        return (viewY - offsetY) / scale;
    }

    public Viewport fitted() {
        return withTransform(fitScale(), 0, 0);
    }

    /** Multiplies the scale by {@code factor}, keeping the image point under ({@code viewX}, {@code viewY}) there. */
    public Viewport zoomAround(double factor, double viewX, double viewY) {
        return zoomTo(scale * factor, viewX, viewY);
    }

    /** Sets the scale (clamped), keeping the image point under ({@code viewX}, {@code viewY}) there. */
    public Viewport zoomTo(double targetScale, double viewX, double viewY) {
        double s = Math.min(Math.max(targetScale, fitScale()), maxScale());
        return withTransform(s, viewX - imageX(viewX) * s, viewY - imageY(viewY) * s);
    }

    public Viewport panBy(double dx, double dy) {
        return withTransform(scale, offsetX + dx, offsetY + dy);
    }

    /**
     * The same image in a view of another size. A fitted image stays fitted; otherwise the image point at the
     * centre of the view stays at the centre, so resizing a window does not lose the detail being inspected.
     */
    public Viewport resized(double newViewWidth, double newViewHeight) {
        if (isFit()) {
            return fit(imageWidth, imageHeight, newViewWidth, newViewHeight);
        }
        Viewport recentred = new Viewport(imageWidth, imageHeight, newViewWidth, newViewHeight, scale,
                offsetX + (newViewWidth - viewWidth) / 2, offsetY + (newViewHeight - viewHeight) / 2);
        return recentred.zoomTo(scale, newViewWidth / 2, newViewHeight / 2);
    }

    private Viewport withTransform(double s, double x, double y) {
        return new Viewport(imageWidth, imageHeight, viewWidth, viewHeight, s,
                clampOffset(x, imageWidth * s, viewWidth), clampOffset(y, imageHeight * s, viewHeight));
    }

    private static double clampOffset(double offset, double extent, double view) {
        if (extent <= view) {
            return (view - extent) / 2;
        }
        return Math.min(Math.max(offset, view - extent), 0);
    }

    private static void requirePositive(String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
    }
}
