package io.draftboard.ui.references;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.draftboard.imaging.PngWriter;
import io.draftboard.ui.FakeEngine;
import io.draftboard.ui.StudioFixture;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A reference chip's remove button shows on a black, a white or a red image, in the light and dark themes. */
@ExtendWith(ApplicationExtension.class)
class ReferenceChipTest {
    private static final int[] IMAGES = {0x000000, 0xFFFFFF, 0xE02020};
    private StudioFixture studio;

    @Start
    void start(Stage stage) throws Exception {
        studio = new StudioFixture(stage, List.of(new FakeEngine("quick", 0, 4)));
    }

    @AfterEach
    void tearDown() {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        studio.close();
    }

    @Test
    void theRemoveButtonStandsOutOnAnyImageInEitherTheme(FxRobot robot) throws Exception {
        Path dir = Files.createTempDirectory("chips");
        List<Path> files = new ArrayList<>();
        for (int rgb : IMAGES) {
            BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    image.setRGB(x, y, rgb);
                }
            }
            Path file = dir.resolve(Integer.toHexString(rgb) + ".png");
            Files.write(file, PngWriter.encode(image, List.of()));
            files.add(file);
        }
        robot.interact(() -> studio.model.editor().references().accept(new DropPayload.Files(files)));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> studio.model.editor().references().items().size() == 3);
        WaitForAsyncUtils.waitForFxEvents();

        for (String theme : List.of("light", "dark")) {
            robot.interact(() -> Application.setUserAgentStylesheet(theme.equals("light")
                    ? new PrimerLight().getUserAgentStylesheet() : new PrimerDark().getUserAgentStylesheet()));
            WaitForAsyncUtils.waitForFxEvents();
            for (int i = 0; i < IMAGES.length; i++) {
                Node chip = robot.lookup("#reference" + (i + 1)).query();
                Node remove = robot.lookup("#removeReference" + (i + 1)).query();
                Color image = Color.rgb((IMAGES[i] >> 16) & 0xFF, (IMAGES[i] >> 8) & 0xFF, IMAGES[i] & 0xFF);
                double standsOut = standingOut(robot, chip, remove, image);
                // A full ring and the cross, at least, clearly unlike the image (the button's box has its corners too).
                assertThat(standsOut).as("remove button on %s image %d", theme, i + 1).isGreaterThan(0.3);
            }
        }
    }

    /** The share of the button's pixels clearly unlike the image under it. */
    private static double standingOut(FxRobot robot, Node chip, Node button, Color image) {
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = chip.snapshot(null, null));
        Bounds inChip = chip.sceneToLocal(button.localToScene(button.getLayoutBounds()));
        Bounds whole = chip.getBoundsInLocal();
        PixelReader pixels = shot[0].getPixelReader();
        int unlike = 0;
        int all = 0;
        for (int y = (int) Math.ceil(inChip.getMinY() - whole.getMinY()); y < (int) (inChip.getMaxY() - whole.getMinY()); y++) {
            for (int x = (int) Math.ceil(inChip.getMinX() - whole.getMinX()); x < (int) (inChip.getMaxX() - whole.getMinX()); x++) {
                Color c = pixels.getColor(x, y);
                double d = Math.abs(c.getRed() - image.getRed()) + Math.abs(c.getGreen() - image.getGreen())
                        + Math.abs(c.getBlue() - image.getBlue());
                all++;
                if (d > 0.6) {
                    unlike++;
                }
            }
        }
        return all == 0 ? 0 : (double) unlike / all;
    }
}
