package io.draftboard.ui.references;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.Cost;
import io.draftboard.imaging.PngWriter;
import io.draftboard.ui.task.TaskRunnerCore;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tray's rules, on direct executors: no toolkit needed. */
class ReferenceTrayModelTest {
    @TempDir
    Path dir;

    private final SimpleStringProperty prompt = new SimpleStringProperty("");
    private final ReferenceTrayModel tray = new ReferenceTrayModel(TaskRunnerCore.sameThread(), prompt, () -> 2,
            refs -> new Cost(0.01 * refs.size(), true));

    private Path png(String name, int w, int h, int colour) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, colour);
        Path file = dir.resolve(name);
        Files.write(file, PngWriter.encode(image, List.of()));
        return file;
    }

    @Test
    void imagesAreAddedTextAndFoldersRefusedAndTheLimitHolds() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");
        tray.accept(new DropPayload.Files(List.of(png("a.png", 40, 30, 1), text)));
        assertThat(tray.items()).hasSize(1);
        assertThat(tray.messageProperty().get()).contains("Added a.png as image 1")
                .contains("Refused notes.txt: not a PNG, JPEG or WebP image");

        tray.accept(new DropPayload.Files(List.of(dir)));
        assertThat(tray.messageProperty().get()).contains("folder");

        tray.accept(new DropPayload.Files(List.of(png("b.png", 40, 30, 2), png("c.png", 40, 30, 3))));
        assertThat(tray.items()).hasSize(2);
        assertThat(tray.messageProperty().get()).contains("at most 2 reference images");
        assertThat(tray.costImpact(0).usd()).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-9));
    }

    /** Issue 10 §6: "Added b.png as image 2" must not stay up once chip 2 is gone or has moved. */
    @Test
    void aMessageAboutTheChipsGoesAwayWhenTheChipsChange() throws Exception {
        tray.accept(new DropPayload.Files(List.of(png("a.png", 40, 30, 1), png("b.png", 40, 30, 2))));
        assertThat(tray.messageProperty().get()).contains("Added b.png as image 2");
        tray.remove(1);
        assertThat(tray.messageProperty().get()).isEmpty();

        tray.accept(new DropPayload.Files(List.of(png("c.png", 40, 30, 3))));
        assertThat(tray.messageProperty().get()).contains("Added c.png as image 2");
        tray.move(1, 0);
        assertThat(tray.messageProperty().get()).isEmpty();
    }

    @Test
    void reorderingAndRemovingKeepPromptMentionsOnTheirImages() throws Exception {
        tray.accept(new DropPayload.Files(List.of(png("a.png", 40, 30, 1), png("b.png", 40, 30, 2))));
        prompt.set("logo from image 1 on the mug in image 2");
        tray.move(0, 1);
        assertThat(prompt.get()).isEqualTo("logo from image 2 on the mug in image 1");
        tray.remove(0);
        assertThat(prompt.get()).isEqualTo("logo from image 1 on the mug in image ?");
    }

    @Test
    void aDuplicateIsNotAddedTwice() throws Exception {
        Path a = png("a.png", 40, 30, 1);
        tray.accept(new DropPayload.Files(List.of(a)));
        tray.accept(new DropPayload.Files(List.of(a)));
        assertThat(tray.items()).hasSize(1);
        assertThat(tray.messageProperty().get()).contains("already in the tray as image 1");
    }

    @Test
    void filesDroppedTogetherAreNumberedInDropOrder() throws Exception {
        // Two arrivals and the drop's own end reach the "FX thread" here: three deliveries.
        java.util.concurrent.CountDownLatch delivered = new java.util.concurrent.CountDownLatch(3);
        TaskRunnerCore pool = TaskRunnerCore.pooled("tray-test", 3, r -> {
            synchronized (this) {
                r.run();
            }
            delivered.countDown();
        }, f -> { });
        ReferenceTrayModel threaded = new ReferenceTrayModel(pool, prompt, () -> 8, refs -> new Cost(0, false));
        Path big = png("big.png", 1600, 1200, 1);
        Path small = png("small.png", 16, 16, 2);
        threaded.accept(new DropPayload.Files(List.of(big, small)));
        assertThat(delivered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        pool.shutdown();

        assertThat(threaded.items()).extracting(io.draftboard.generation.Reference::width).containsExactly(1600, 16);
        assertThat(threaded.messageProperty().get()).startsWith("Added big.png as image 1");
    }
}
