package io.draftboard.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import atlantafx.base.theme.PrimerLight;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class CompareViewTest {
    private static final double VIEW_WIDTH = 400;
    private static final double VIEW_HEIGHT = 300;
    private static final double WHEEL_NOTCH = 40;

    private CompareView view;

    @Start
    void start(Stage stage) {
        // A draft with a quarter of the final's pixels, same 4:3 aspect: A must still cover exactly B's area.
        view = new CompareView(solid(800, 600, Color.RED), solid(1600, 1200, Color.BLUE));
        view.setLabelA("Draft");
        view.setLabelB("Final");
        Scene scene = new Scene(view, VIEW_WIDTH, VIEW_HEIGHT);
        // As in the studio: the theme defines the looked-up colours, studio.css styles the view with them.
        scene.getStylesheets().addAll(new PrimerLight().getUserAgentStylesheet(),
                CompareView.class.getResource("/io/draftboard/ui/studio.css").toExternalForm());
        stage.setScene(scene);
        // The primary stage is shared by every TestFX class in the JVM: one that sized it (WorkspaceTest restores a
        // remembered 1180 x 760 window) would otherwise leave this view larger than the sizes these tests measure.
        stage.sizeToScene();
        stage.show();
    }

    /** Empty, the view says how to fill it instead of showing a bare "A | B" and a line over nothing. */
    @Test
    void anEmptyViewSaysHowToFillItAndGivesWayToImages(FxRobot robot) {
        Label hint = robot.lookup("#compareEmpty").queryAs(Label.class);
        assertThat(hint.isVisible()).isFalse(); // images shown: no hint

        robot.interact(() -> view.setImages(null, null));

        assertThat(hint.isVisible()).isTrue();
        assertThat(hint.getText()).contains("A final opens here beside its draft", "Compare: set as A");
        assertThat(((Text) hint.lookup(".text")).getText()).isEqualTo(hint.getText()); // wrapped, never cut
        assertThat(hint.getBoundsInParent().getMinX()).isGreaterThanOrEqualTo(0);
        assertThat(hint.getBoundsInParent().getMaxX()).isLessThanOrEqualTo(VIEW_WIDTH);
        assertThat(robot.lookup(".compare-label-a").queryAs(Label.class).isVisible()).isFalse();
        assertThat(robot.lookup((javafx.scene.Node n) -> n instanceof SplitHandle).query().isVisible()).isFalse();

        robot.interact(() -> view.setImages(solid(800, 600, Color.RED), null));

        assertThat(hint.isVisible()).isFalse();
        assertThat(robot.lookup(".compare-label-a").queryAs(Label.class).isVisible()).isTrue();
    }

    @Test
    void startsFittedWithTheSplitInTheMiddleAndBothLabels(FxRobot robot) {
        assertThat(view.getZoom()).isCloseTo(VIEW_WIDTH / 1600, within(1e-9));
        assertThat(view.getSplit()).isEqualTo(0.5);
        assertThat(robot.lookup(".compare-label-a").queryAs(Label.class).getText()).isEqualTo("A \u00b7 Draft");
        assertThat(robot.lookup(".compare-label-b").queryAs(Label.class).getText()).isEqualTo("B \u00b7 Final");
        // studio.css reached the line and the theme's looked-up accent resolved (Primer Light's accent-emphasis).
        assertThat(robot.lookup(".compare-split-line").queryAs(Region.class).getBackground().getFills())
                .extracting(fill -> fill.getFill()).containsExactly(Color.web("#0969da"));
    }

    @Test
    void aShowsLeftOfTheSplitAndBRightOfIt(FxRobot robot) {
        assertThat(colourAt(robot, 100, 200)).isEqualTo(Color.RED);
        assertThat(colourAt(robot, 300, 200)).isEqualTo(Color.BLUE);

        robot.interact(() -> view.setSplit(0.9));

        assertThat(colourAt(robot, 300, 200)).isEqualTo(Color.RED);
        assertThat(colourAt(robot, 380, 200)).isEqualTo(Color.BLUE);
    }

    @Test
    void draggingWithThePrimaryButtonMovesTheSplit(FxRobot robot) {
        robot.moveTo(at(200, 150)).press(MouseButton.PRIMARY)
                .moveTo(at(260, 150)).moveTo(at(300, 150)).release(MouseButton.PRIMARY);

        assertThat(view.getSplit()).isCloseTo(300 / VIEW_WIDTH, within(0.01));
        Bounds clip = imageB(robot).getClip().getBoundsInLocal();
        assertThat(imageB(robot).localToScene(clip.getMinX(), 0).getX()).isCloseTo(300, within(4.0));
    }

    @Test
    void draggingWithTheSecondaryButtonPansBothImagesAndLeavesTheSplit(FxRobot robot) {
        robot.interact(() -> view.zoomTo100(200, 150));
        double before = imageA(robot).getLayoutX();

        robot.moveTo(at(200, 150)).press(MouseButton.SECONDARY)
                .moveTo(at(240, 150)).moveTo(at(280, 150)).release(MouseButton.SECONDARY);

        assertThat(imageA(robot).getLayoutX()).isCloseTo(before + 80, within(2.0));
        assertSameGeometry(robot);
        assertThat(view.getSplit()).isEqualTo(0.5);
    }

    @Test
    void scrollingZoomsBothImagesIdentically(FxRobot robot) {
        double fit = view.getZoom();

        wheel(robot, 120, 90, WHEEL_NOTCH, false);
        double plainWheel = view.getZoom();

        assertThat(plainWheel).isGreaterThan(fit);
        assertSameGeometry(robot);
        assertThat(imageB(robot).getFitWidth()).isCloseTo(1600 * plainWheel, within(1e-6));

        wheel(robot, 120, 90, WHEEL_NOTCH, true);
        assertThat(view.getZoom()).isGreaterThan(plainWheel);
        assertSameGeometry(robot);

        wheel(robot, 120, 90, -3 * WHEEL_NOTCH, false);
        assertThat(view.getZoom()).isCloseTo(fit, within(1e-9));
    }

    @Test
    void theWheelZoomsFromFitToEightHundredPercentAndTheZoomIsShown(FxRobot robot) {
        assertThat(zoomShown(robot)).isEqualTo("Fit \u00b7 25 %");
        for (int i = 0; i < 80; i++) {
            wheel(robot, 200, 150, WHEEL_NOTCH, false);
            assertThat(view.getZoom()).isLessThanOrEqualTo(8.0);
        }

        assertThat(view.getZoom()).isEqualTo(8.0);
        assertThat(zoomShown(robot)).isEqualTo("800 %");
        assertThat(imageB(robot).getFitWidth()).isEqualTo(1600 * 8);
        assertSameGeometry(robot);
        for (int i = 0; i < 80; i++) {
            wheel(robot, 200, 150, -WHEEL_NOTCH, false);
        }
        assertThat(view.getZoom()).isCloseTo(VIEW_WIDTH / 1600, within(1e-9));
        assertThat(zoomShown(robot)).isEqualTo("Fit \u00b7 25 %");
    }

    @Test
    void ctrlPlusMinusAndZeroZoomInStepsOutAndBackToFit(FxRobot robot) {
        robot.clickOn(view); // a click gives the view the keyboard
        double fit = view.getZoom();

        robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
        assertThat(view.getZoom()).isGreaterThan(fit);
        assertThat(zoomShown(robot)).isEqualTo(Math.round(view.getZoom() * 100) + " %");
        for (int i = 0; i < 20; i++) {
            robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
        }
        assertThat(view.getZoom()).isEqualTo(8.0);
        robot.press(KeyCode.CONTROL, KeyCode.MINUS).release(KeyCode.MINUS, KeyCode.CONTROL);
        assertThat(view.getZoom()).isEqualTo(6.0);
        assertSameGeometry(robot);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT0).release(KeyCode.DIGIT0, KeyCode.CONTROL);
        assertThat(view.getZoom()).isCloseTo(fit, within(1e-9));
        for (int i = 0; i < 5; i++) {
            robot.press(KeyCode.CONTROL, KeyCode.MINUS).release(KeyCode.MINUS, KeyCode.CONTROL);
        }
        assertThat(view.getZoom()).isCloseTo(fit, within(1e-9)); // never out past fit
        assertThat(view.getSplit()).isEqualTo(0.5);
    }

    @Test
    void theLabelsRideTheSplitAndAreNeverCutOff(FxRobot robot) {
        robot.interact(() -> {
            view.setLabelA("#12 \u00b7 Draft \u00b7 6 steps \u00b7 seed 4815162342");
            view.setLabelB("#13 \u00b7 Final \u00b7 50 steps \u00b7 seed 4815162342");
        });
        for (double split : new double[] {0, 0.02, 0.2, 0.5, 0.65, 0.98, 1}) {
            robot.interact(() -> view.setSplit(split));
            robot.interact(view::layout);
            Label a = robot.lookup(".compare-label-a").queryAs(Label.class);
            Label b = robot.lookup(".compare-label-b").queryAs(Label.class);
            Bounds boundsA = a.getBoundsInParent();
            Bounds boundsB = b.getBoundsInParent();
            double splitX = split * VIEW_WIDTH;
            for (Bounds bounds : new Bounds[] {boundsA, boundsB}) {
                assertThat(bounds.getMinX()).as("split %s", split).isGreaterThanOrEqualTo(0);
                assertThat(bounds.getMaxX()).as("split %s", split).isLessThanOrEqualTo(VIEW_WIDTH);
                assertThat(bounds.getMinY()).isGreaterThanOrEqualTo(0);
                assertThat(bounds.getMaxY()).isLessThanOrEqualTo(VIEW_HEIGHT);
            }
            assertThat(boundsA.intersects(boundsB)).as("split %s", split).isFalse();
            assertThat(drawn(a)).isEqualTo(a.getText()); // wrapped if need be, never cut with an ellipsis
            assertThat(drawn(b)).isEqualTo(b.getText());
            if (boundsA.getWidth() < splitX - 8) {
                assertThat(boundsA.getMaxX()).as("A hugs the split").isBetween(splitX - 20, splitX);
            }
            if (boundsB.getWidth() < VIEW_WIDTH - splitX - 8) {
                assertThat(boundsB.getMinX()).as("B hugs the split").isBetween(splitX, splitX + 20);
            }
        }
    }

    @Test
    void shortLabelsSitEitherSideOfTheSplitWhereverItIs(FxRobot robot) {
        for (double split : new double[] {0.3, 0.5, 0.7}) {
            robot.interact(() -> view.setSplit(split));
            robot.interact(view::layout);
            Bounds a = robot.lookup(".compare-label-a").query().getBoundsInParent();
            Bounds b = robot.lookup(".compare-label-b").query().getBoundsInParent();
            double splitX = split * VIEW_WIDTH;
            assertThat(a.getMaxX()).as("A ends just left of the split at %s", split).isBetween(splitX - 20, splitX);
            assertThat(b.getMinX()).as("B starts just right of the split at %s", split).isBetween(splitX, splitX + 20);
            assertThat(a.getMinY()).isEqualTo(b.getMinY());
        }
    }

    /** What a label draws: its text as laid out (an ellipsis in place of what did not fit), lines joined. */
    private static String drawn(Label label) {
        return ((Text) label.lookup(".text")).getText().replace("\n", " ").replaceAll("\\s+", " ").strip();
    }

    private static String zoomShown(FxRobot robot) {
        return robot.lookup(".compare-zoom").queryAs(Label.class).getText();
    }

    @Test
    void doubleClickTogglesBetweenFitAndOneHundredPercent(FxRobot robot) {
        double fit = view.getZoom();

        robot.moveTo(at(100, 100)).doubleClickOn(MouseButton.PRIMARY);
        assertThat(view.getZoom()).isEqualTo(1.0);
        assertSameGeometry(robot);

        robot.doubleClickOn(MouseButton.PRIMARY);
        assertThat(view.getZoom()).isCloseTo(fit, within(1e-9));
        assertThat(view.getSplit()).isEqualTo(0.5);
    }

    /** A and B must sit on exactly the same rectangle, whatever their pixel sizes. */
    private static void assertSameGeometry(FxRobot robot) {
        ImageView a = imageA(robot);
        ImageView b = imageB(robot);
        assertThat(a.getLayoutX()).isEqualTo(b.getLayoutX());
        assertThat(a.getLayoutY()).isEqualTo(b.getLayoutY());
        assertThat(a.getLayoutBounds()).isEqualTo(b.getLayoutBounds());
    }

    /**
     * One wheel event as desktop platforms send it (away from the user is positive, 40 px a notch). The
     * robot's scroll is no use here: headless Monocle reports a notch as 1 px with the opposite sign
     * (TestFX/Monocle#95), which would test Monocle rather than the view.
     */
    private void wheel(FxRobot robot, double x, double y, double deltaY, boolean control) {
        Point2D scene = view.localToScene(x, y);
        Point2D screen = view.localToScreen(x, y);
        robot.interact(() -> Event.fireEvent(view, new ScrollEvent(ScrollEvent.SCROLL, scene.getX(), scene.getY(),
                screen.getX(), screen.getY(), false, control, false, false, false, false, 0, deltaY, 0, deltaY,
                ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0,
                null)));
    }

    private Color colourAt(FxRobot robot, int x, int y) {
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = view.snapshot(null, null));
        return shot[0].getPixelReader().getColor(x, y);
    }

    private static WritableImage solid(int width, int height, Color colour) {
        WritableImage image = new WritableImage(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getPixelWriter().setColor(x, y, colour);
            }
        }
        return image;
    }

    private Point2D at(double x, double y) {
        return view.localToScreen(x, y);
    }

    private static ImageView imageA(FxRobot robot) {
        return robot.lookup(".compare-image-a").queryAs(ImageView.class);
    }

    private static ImageView imageB(FxRobot robot) {
        return robot.lookup(".compare-image-b").queryAs(ImageView.class);
    }
}
