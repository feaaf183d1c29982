package io.draftboard.ui.compare;

import io.draftboard.ui.help.Shortcut;
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
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.TextAlignment;

/**
 * A/B comparison of two images of the same scene, e.g. a draft (A, left) against its final (B, right). Both
 * are drawn over each other with one shared zoom and pan; a vertical split shows A to its left and B to its
 * right. Primary drag moves the split, secondary or middle drag pans, the wheel zooms around the cursor and a
 * double-click toggles fit and 100 %; Ctrl+= / Ctrl+- / Ctrl+0 zoom in, out and back to fit (from fit up to
 * 800 %), and the zoom is shown in the bottom corner. The A and B labels ride the split, each on its own
 * side, and are never cut: a long label wraps, and one pushed against an edge slides back into view.
 *
 * <p>Zoom is measured in B's pixels. A is stretched over exactly B's area whatever its own pixel size, so a
 * 1 MP draft lines up with its 4 MP final.
 */
public final class CompareView extends Region {
    /** What the view asks for in a layout: the images adapt to any size, so their pixel size is no guide. */
    private static final double PREF_WIDTH = 640;
    private static final double PREF_HEIGHT = 480;
    private static final double LABEL_MARGIN = 8;
    /** Between a label and the split rule beside it. */
    private static final double LABEL_GAP = 10;
    /** Where Ctrl+= and Ctrl+- stop (the wheel zooms smoothly between them). */
    private static final double[] ZOOM_STEPS = {0.05, 0.0625, 0.083, 0.1, 0.125, 0.167, 0.25, 0.333, 0.5, 0.667, 1,
        1.5, 2, 3, 4, 6, 8};

    private final ImageView viewA = imageView("compare-image-a");
    private final ImageView viewB = imageView("compare-image-b");
    private final SplitHandle handle = new SplitHandle();
    private final DoubleProperty split = new SimpleDoubleProperty(this, "split", 0.5);
    private final StringProperty labelA = new SimpleStringProperty(this, "labelA", "");
    private final StringProperty labelB = new SimpleStringProperty(this, "labelB", "");
    private final Label cornerA = cornerLabel("A", labelA, "compare-label-a");
    private final Label cornerB = cornerLabel("B", labelB, "compare-label-b");
    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(this, "zoom", 0);
    private final Label zoomLabel = new Label();
    /** The menu items that fill the view from history; the empty view names them, so they are said once. */
    public static final String SET_AS_A = "Compare: set as A";
    public static final String COMPARE_WITH_A = "Compare with A";
    /** An empty view says how to fill it: it has no button of its own, the ways in are elsewhere. */
    private final Label emptyHint = new Label("Nothing to compare yet. A final opens here beside its draft;"
            + " or right-click a render in history, \u201c" + SET_AS_A + "\u201d, then \u201c" + COMPARE_WITH_A
            + "\u201d on another.");
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
        zoomLabel.getStyleClass().addAll("compare-label", "compare-zoom");
        zoomLabel.setMouseTransparent(true);
        zoomLabel.visibleProperty().bind(zoom.greaterThan(0));
        emptyHint.setId("compareEmpty");
        emptyHint.getStyleClass().add("text-muted");
        emptyHint.setWrapText(true); // a narrow column wraps the sentence rather than cutting it
        emptyHint.setTextAlignment(TextAlignment.CENTER);
        emptyHint.visibleProperty().bind(viewA.imageProperty().isNull().and(viewB.imageProperty().isNull()));
        cornerA.visibleProperty().bind(emptyHint.visibleProperty().not());
        cornerB.visibleProperty().bind(emptyHint.visibleProperty().not());
        handle.visibleProperty().bind(emptyHint.visibleProperty().not());
        getChildren().addAll(viewA, viewB, handle, cornerA, cornerB, zoomLabel, emptyHint);
        splitX.addListener(o -> requestLayout());
        setFocusTraversable(true);
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

    /** The next zoom step up (Ctrl+=), around the middle of the view; at most 800 %. */
    public void zoomIn() {
        if (viewport != null) {
            double next = Viewport.MAX_ZOOM;
            for (double step : ZOOM_STEPS) {
                if (step > viewport.scale() * 1.001) {
                    next = step;
                    break;
                }
            }
            double target = next;
            change(v -> v.zoomTo(target, getWidth() / 2, getHeight() / 2));
        }
    }

    /** The next zoom step down (Ctrl+-), around the middle of the view; never past fit. */
    public void zoomOut() {
        if (viewport != null) {
            double next = 0;
            for (double step : ZOOM_STEPS) {
                if (step < viewport.scale() * 0.999) {
                    next = step;
                }
            }
            double target = next;
            change(v -> v.zoomTo(target, getWidth() / 2, getHeight() / 2));
        }
    }

    /**
     * Zooms for Ctrl+= / Ctrl+- / Ctrl+0 (the studio forwards them while Compare shows; the view takes them
     * itself when it has focus). True when {@code e} was one of them.
     */
    public boolean zoomKey(KeyEvent e) {
        if (Shortcut.COMPARE_ZOOM_IN.matches(e)) {
            zoomIn();
        } else if (Shortcut.COMPARE_ZOOM_OUT.matches(e)) {
            zoomOut();
        } else if (Shortcut.COMPARE_FIT.matches(e)) {
            fit();
        } else {
            return false;
        }
        return true;
    }

    /** The zoom as the view shows it: "Fit · 25 %", "150 %"; empty with nothing to show. */
    public String zoomText() {
        return zoomLabel.getText();
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
        placeLabels(w);
        double zw = zoomLabel.prefWidth(-1);
        double zh = zoomLabel.prefHeight(zw);
        zoomLabel.resizeRelocate(w - LABEL_MARGIN - zw, h - LABEL_MARGIN - zh, zw, zh);
        double hintWidth = Math.max(0, Math.min(emptyHint.prefWidth(-1), w - 4 * LABEL_MARGIN));
        double hintHeight = emptyHint.prefHeight(hintWidth);
        emptyHint.resizeRelocate((w - hintWidth) / 2, (h - hintHeight) / 2, hintWidth, hintHeight);
    }

    /**
     * A sits just left of the split and B just right of it, so each names the side it is on. Neither is ever
     * cut: a label wider than the view wraps, one that would cross an edge slides back inside (over the
     * split if it must), and when the two would then overlap, B drops below A.
     */
    private void placeLabels(double w) {
        double room = Math.max(0, w - 2 * LABEL_MARGIN);
        double widthA = Math.min(cornerA.prefWidth(-1), room);
        double widthB = Math.min(cornerB.prefWidth(-1), room);
        double heightA = cornerA.prefHeight(widthA);
        double heightB = cornerB.prefHeight(widthB);
        double x = splitX.get();
        double xA = clamp(x - LABEL_GAP - widthA, LABEL_MARGIN, w - LABEL_MARGIN - widthA);
        double xB = clamp(x + LABEL_GAP, LABEL_MARGIN, w - LABEL_MARGIN - widthB);
        double yB = LABEL_MARGIN;
        if (xA < xB + widthB && xB < xA + widthA) {
            yB = LABEL_MARGIN + heightA + 4;
        }
        cornerA.resizeRelocate(xA, LABEL_MARGIN, widthA, heightA);
        cornerB.resizeRelocate(xB, yB, widthB, heightB);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(v, Math.max(lo, hi)));
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
        zoomLabel.setText(next == null ? "" : (next.isFit() ? "Fit \u00b7 " : "") + percent(next.scale()));
        if (next != null) {
            place(viewA, next);
            place(viewB, next);
        }
    }

    private static String percent(double scale) {
        double p = scale * 100;
        return (p < 10 ? String.format(java.util.Locale.ROOT, "%.1f", p) : Long.toString(Math.round(p))) + " %";
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
        label.setWrapText(true);
        return label;
    }
}
