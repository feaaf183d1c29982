package io.draftboard.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ViewportTest {
    private static final Offset<Double> EPS = within(1e-9);

    @Test
    void aLandscapeImageFitsToTheViewWidthAndIsCentredVertically() {
        Viewport v = Viewport.fit(2000, 1000, 800, 600);

        assertThat(v.scale()).isCloseTo(0.4, EPS);
        assertThat(v.displayedWidth()).isCloseTo(800, EPS);
        assertThat(v.offsetX()).isCloseTo(0, EPS);
        assertThat(v.offsetY()).isCloseTo((600 - 400) / 2.0, EPS);
        assertThat(v.isFit()).isTrue();
    }

    @Test
    void aPortraitImageFitsToTheViewHeightAndIsCentredHorizontally() {
        Viewport v = Viewport.fit(1000, 3000, 800, 600);

        assertThat(v.scale()).isCloseTo(0.2, EPS);
        assertThat(v.displayedHeight()).isCloseTo(600, EPS);
        assertThat(v.offsetY()).isCloseTo(0, EPS);
        assertThat(v.offsetX()).isCloseTo((800 - 200) / 2.0, EPS);
    }

    @Test
    void zoomStopsAtEightHundredPercent() {
        Viewport v = Viewport.fit(2000, 1000, 800, 600).zoomAround(1000, 400, 300);

        assertThat(v.scale()).isEqualTo(8.0);
        assertThat(v.zoomAround(1.5, 10, 10).scale()).isEqualTo(8.0);
    }

    @Test
    void zoomStopsAtFitOnTheWayOut() {
        Viewport v = Viewport.fit(2000, 1000, 800, 600).zoomAround(2, 400, 300).zoomAround(0.01, 400, 300);

        assertThat(v.scale()).isCloseTo(0.4, EPS);
        assertThat(v.isFit()).isTrue();
    }

    @Test
    void anImageSmallerThanTheViewZoomsInToEightHundredPercentButNeverOutPastFit() {
        // Fit is already 400 %: shrinking it would only add margin; the pixels can still be looked at closer.
        Viewport v = Viewport.fit(200, 100, 800, 600);

        assertThat(v.scale()).isCloseTo(4, EPS);
        assertThat(v.maxScale()).isCloseTo(8, EPS);
        assertThat(v.zoomAround(0.5, 100, 100)).isEqualTo(v);
        assertThat(v.zoomAround(4, 100, 100).scale()).isCloseTo(8, EPS);
        assertThat(Viewport.fit(100, 50, 1000, 1000).maxScale()).isCloseTo(10, EPS); // fit above 800 % stays fit
    }

    @Test
    void zoomKeepsTheImagePointUnderTheCursorInPlace() {
        Viewport before = Viewport.fit(4000, 3000, 800, 600).zoomAround(2, 400, 300);
        double cursorX = 250;
        double cursorY = 420;
        double ix = before.imageX(cursorX);
        double iy = before.imageY(cursorY);

        Viewport after = before.zoomAround(1.7, cursorX, cursorY);

        assertThat(after.scale()).isCloseTo(before.scale() * 1.7, EPS);
        assertThat(after.imageX(cursorX)).isCloseTo(ix, within(1e-6));
        assertThat(after.imageY(cursorY)).isCloseTo(iy, within(1e-6));
    }

    @Test
    void zoomTo100KeepsTheFocusPoint() {
        Viewport v = Viewport.fit(4000, 3000, 800, 600);
        double ix = v.imageX(500);
        double iy = v.imageY(200);

        Viewport full = v.zoomTo(1.0, 500, 200);

        assertThat(full.scale()).isEqualTo(1.0);
        assertThat(full.imageX(500)).isCloseTo(ix, within(1e-6));
        assertThat(full.imageY(200)).isCloseTo(iy, within(1e-6));
    }

    @Test
    void panStopsWhereAnImageEdgeMeetsTheViewEdge() {
        Viewport full = Viewport.fit(4000, 3000, 800, 600).zoomTo(1.0, 400, 300);

        Viewport farLeft = full.panBy(1e6, 1e6);
        assertThat(farLeft.offsetX()).isEqualTo(0);
        assertThat(farLeft.offsetY()).isEqualTo(0);

        Viewport farRight = full.panBy(-1e6, -1e6);
        assertThat(farRight.offsetX()).isEqualTo(800 - 4000);
        assertThat(farRight.offsetY()).isEqualTo(600 - 3000);

        Viewport nudged = farLeft.panBy(-30, -40);
        assertThat(nudged.offsetX()).isEqualTo(-30);
        assertThat(nudged.offsetY()).isEqualTo(-40);
    }

    @Test
    void anAxisNarrowerThanTheViewStaysCentredWhilePanning() {
        // 2:1 image in a 4:3 view at 1.25 x fit (1000 x 500): wider than the view, still shorter than it.
        Viewport v = Viewport.fit(2000, 1000, 800, 600).zoomAround(1.25, 400, 300);

        Viewport panned = v.panBy(-50, -50);

        assertThat(panned.offsetX()).isCloseTo(v.offsetX() - 50, EPS);
        assertThat(panned.offsetY()).isCloseTo((600 - 500) / 2.0, EPS);
        assertThat(v.panBy(0, 250).offsetY()).isCloseTo(v.offsetY(), EPS);
    }

    @Test
    void aFittedImageStaysFittedWhenTheViewIsResized() {
        Viewport v = Viewport.fit(2000, 1000, 800, 600).resized(1200, 400);

        assertThat(v).isEqualTo(Viewport.fit(2000, 1000, 1200, 400));
    }

    @Test
    void aZoomedImageKeepsItsScaleAndCentreWhenTheViewIsResized() {
        Viewport v = Viewport.fit(4000, 3000, 800, 600).zoomTo(0.5, 300, 200);
        double cx = v.imageX(400);
        double cy = v.imageY(300);

        Viewport r = v.resized(1000, 700);

        assertThat(r.scale()).isEqualTo(0.5);
        assertThat(r.imageX(500)).isCloseTo(cx, within(1e-6));
        assertThat(r.imageY(350)).isCloseTo(cy, within(1e-6));
    }

    @Test
    void emptySizesAreRejected() {
        assertThatThrownBy(() -> Viewport.fit(0, 100, 800, 600)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Viewport.fit(100, 100, 800, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
