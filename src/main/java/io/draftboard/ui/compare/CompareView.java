package io.draftboard.ui.compare;

import java.util.function.UnaryOperator;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;

/**
 * A/B comparison of two images of the same scene, e.g. a draft (A, left) against its final (B, right). Both
 * are drawn over each other with one shared zoom and pan; a vertical split shows A to its left and B to its
 * right. Primary drag moves the split, secondary or middle drag pans, the wheel zooms around the cursor and a
 * double-click toggles fit and 100 %.
 *
 * <p>Zoom is measured in B's pixels. A is stretched over exactly B's area whatever its own pixel size, so a
 * 1 MP draft lines up with its 4 MP final.
 */
public final class CompareView extends Region {
    /** What the view asks for in a layout: the images adapt to any size, so their pixel size is no guide. */
    private static final double PREF_WIDTH = 640;
    private static final double PREF_HEIGHT = 480;
    private static final double LABEL_MARGIN = 8;

    private final ImageView viewA = imageView("compare-image-a");
    private final ImageView viewB = imageView("compare-image-b");
    private final SplitHandle handle = new SplitHandle();
    private final DoubleProperty split = new SimpleDoubleProperty(this, "split", 0.5);
    private final StringProperty labelA = new SimpleStringProperty(this, "labelA", "");
    private final StringProperty labelB = new SimpleStringProperty(this, "labelB", "");
    private final Label cornerA = cornerLabel("A", labelA, "compare-label-a");
    private final Label cornerB = cornerLabel("B", labelB, "compare-label-b");
    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(this, "zoom", 0);
    /** The split in view pixels; the property itself is not clamped, so callers may set anything. */
    private final DoubleBinding splitX = Bindings.createDoubleBinding(
            () -> Math.min(Math.max(split.get(), 0), 1) * getWidth(), split, widthProperty());
    /** Images decoded in the background learn their size late; the viewport must follow. */
    private final InvalidationListener sizeKnown = o -> requestLayout();

    /** Null while there is no image or no size to fit it into. */
    private Viewport viewport;

    public CompareView() {
        getStyleClass().add("compare-view");
        setClip(sizeOf(this));
        viewB.setClip(clipRightOfSplit());
        getChildren().addAll(viewA, viewB, handle, cornerA, cornerB);
        splitX.addListener(o -> requestLayout());
        CompareGestures.attach(this);
    }

    public CompareView(Image a, Image b) {
        this();
        setImages(a, b);
    }

    /**
     * Shows new images; either may be null. The zoom and pan are kept if the new B (or A, without B) has the
     * same pixel size as before, so stepping through renders of one size keeps the detail in view; otherwise
     * the view fits the new image.
     */
    public void setImages(Image a, Image b) {
        Image before = reference();
        if (before != null) {
            before.widthProperty().removeListener(sizeKnown);
        }
        viewA.setImage(a);
        viewB.setImage(b);
        Image now = reference();
        if (now != null) {
            now.widthProperty().addListener(sizeKnown);
        }
        syncViewport();
        requestLayout();
    }

    public Image getImageA() {
        return viewA.getImage();
    }

    public Image getImageB() {
        return viewB.getImage();
    }

    /** Where A ends and B begins, as a fraction of the view's width: 0 shows only B, 1 only A. */
    public DoubleProperty splitProperty() {
        return split;
    }

    public double getSplit() {
        return split.get();
    }

    public void setSplit(double value) {
        split.set(value);
    }

    /** Shown after "A · " in the top-left corner. */
    public StringProperty labelAProperty() {
        return labelA;
    }

    public String getLabelA() {
        return labelA.get();
    }

    public void setLabelA(String value) {
        labelA.set(value);
    }

    /** Shown after "B · " in the top-right corner. */
    public StringProperty labelBProperty() {
        return labelB;
    }

    public String getLabelB() {
        return labelB.get();
    }

    public void setLabelB(String value) {
        labelB.set(value);
    }

    /** View pixels per pixel of B: 1.0 is 100 %. 0 until there is an image and a size to show it at. */
    public ReadOnlyDoubleProperty zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    public double getZoom() {
        return zoom.get();
    }

    /** Shows the whole image. */
    public void fit() {
        change(Viewport::fitted);
    }

    /** Zooms to 100 % (or stays at fit if the image is smaller than the view), keeping the focus point in place. */
    public void zoomTo100(double focusX, double focusY) {
        change(v -> v.zoomTo(1.0, focusX, focusY));
    }

    void zoomBy(double factor, double focusX, double focusY) {
        change(v -> v.zoomAround(factor, focusX, focusY));
    }

    void toggleZoom(double focusX, double focusY) {
        if (viewport != null && viewport.isFit()) {
            zoomTo100(focusX, focusY);
        } else {
            fit();
        }
    }

    void panBy(double dx, double dy) {
        change(v -> v.panBy(dx, dy));
    }

    void moveSplitTo(double x) {
        if (getWidth() > 0) {
            split.set(Math.min(Math.max(x / getWidth(), 0), 1));
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return PREF_WIDTH;
    }

    @Override
    protected double computePrefHeight(double width) {
        return PREF_HEIGHT;
    }

    @Override
    protected void layoutChildren() {
        syncViewport();
        double w = getWidth();
        double h = getHeight();
        double handleWidth = handle.prefWidth(h);
        handle.resizeRelocate(splitX.get() - handleWidth / 2, 0, handleWidth, h);
        // Each label may take half the width, so long texts truncate instead of overlapping.
        double labelMax = Math.max(0, (w - 3 * LABEL_MARGIN) / 2);
        double widthA = Math.min(cornerA.prefWidth(-1), labelMax);
        double widthB = Math.min(cornerB.prefWidth(-1), labelMax);
        cornerA.resizeRelocate(LABEL_MARGIN, LABEL_MARGIN, widthA, cornerA.prefHeight(widthA));
        cornerB.resizeRelocate(w - LABEL_MARGIN - widthB, LABEL_MARGIN, widthB, cornerB.prefHeight(widthB));
    }

    /** Brings the viewport in line with the current image and view sizes. */
    private void syncViewport() {
        Image image = reference();
        double w = getWidth();
        double h = getHeight();
        if (image == null || image.getWidth() <= 0 || image.getHeight() <= 0 || w <= 0 || h <= 0) {
            update(null);
        } else if (viewport == null || viewport.imageWidth() != image.getWidth()
                || viewport.imageHeight() != image.getHeight()) {
            update(Viewport.fit(image.getWidth(), image.getHeight(), w, h));
        } else if (viewport.viewWidth() != w || viewport.viewHeight() != h) {
            update(viewport.resized(w, h));
        }
    }

    /** B defines the geometry; A alone (a draft before its final exists) stands in for it. */
    private Image reference() {
        return viewB.getImage() != null ? viewB.getImage() : viewA.getImage();
    }

    /** Zoom and pan mean nothing until there is something shown. */
    private void change(UnaryOperator<Viewport> step) {
        if (viewport != null) {
            update(step.apply(viewport));
        }
    }

    private void update(Viewport next) {
        viewport = next;
        zoom.set(next == null ? 0 : next.scale());
        if (next != null) {
            place(viewA, next);
            place(viewB, next);
        }
    }

    /** The one place both images get their geometry, so they cannot drift apart. */
    private static void place(ImageView view, Viewport viewport) {
        view.setLayoutX(viewport.offsetX());
        view.setLayoutY(viewport.offsetY());
        view.setFitWidth(viewport.displayedWidth());
        view.setFitHeight(viewport.displayedHeight());
    }

    /** B's clip, in B's own coordinates: from the split to the right edge of the view. */
    private Rectangle clipRightOfSplit() {
        Rectangle clip = new Rectangle();
        clip.xProperty().bind(splitX.subtract(viewB.layoutXProperty()));
        clip.yProperty().bind(viewB.layoutYProperty().negate());
        clip.widthProperty().bind(widthProperty().subtract(splitX));
        clip.heightProperty().bind(heightProperty());
        return clip;
    }

    private static Rectangle sizeOf(Region region) {
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(region.widthProperty());
        clip.heightProperty().bind(region.heightProperty());
        return clip;
    }

    private static ImageView imageView(String styleClass) {
        ImageView view = new ImageView();
        view.getStyleClass().addAll("compare-image", styleClass);
        // Stretched, not letterboxed: A must cover exactly B's area to line up with it.
        view.setPreserveRatio(false);
        view.setSmooth(true);
        view.setMouseTransparent(true);
        return view;
    }

    private static Label cornerLabel(String letter, StringProperty text, String styleClass) {
        Label label = new Label();
        label.getStyleClass().addAll("compare-label", styleClass);
        label.textProperty().bind(Bindings.createStringBinding(
                () -> text.get() == null || text.get().isBlank() ? letter : letter + " \u00b7 " + text.get(), text));
        // Over an arbitrary image the text needs its own backdrop (studio.css .compare-label).
        label.setMouseTransparent(true);
        return label;
    }
}
