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

    @Test
    void aDroppedLinkIsFetchedAndNamedByItsAddressShortenedWhenLong() throws Exception {
        byte[] bytes = Files.readAllBytes(png("a.png", 40, 30, 1));
        tray.setLinkFetcher(url -> bytes);
        String longUrl = "https://example.com/" + "x".repeat(60) + ".png";

        tray.accept(new DropPayload.Link(longUrl));

        assertThat(tray.items()).hasSize(1);
        assertThat(tray.messageProperty().get())
                .startsWith("Added " + longUrl.substring(0, 57) + "\u2026 as image 1 (<0.01 MP).");
        assertThat(tray.thumbnails().get(tray.items().get(0).sha256())).as("the chip's thumbnail").isNotNull();
    }

    @Test
    void aLinkThatCannotBeFetchedIsRefusedWithTheReasonAndAShortAddressStaysWhole() {
        tray.accept(new DropPayload.Link("https://example.com/a.png"));

        assertThat(tray.items()).isEmpty();
        assertThat(tray.messageProperty().get())
                .isEqualTo("Refused https://example.com/a.png: links cannot be fetched here");
    }

    @Test
    void aPastedImageIsAddedAsThePastedImage() {
        BufferedImage image = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);

        tray.accept(new DropPayload.Pixels(image));

        assertThat(tray.items()).extracting(io.draftboard.generation.Reference::width).containsExactly(800);
        assertThat(tray.messageProperty().get()).startsWith("Added the pasted image as image 1 (0.48 MP).");
    }

    @Test
    void megapixelsAreShownToTwoPlacesAndTinyImagesAsLessThanAHundredth() {
        assertThat(ReferenceTrayModel.megapixels(new io.draftboard.generation.Reference("a", "image/png", 100, 100,
                new byte[0]))).isEqualTo("0.01 MP");
        assertThat(ReferenceTrayModel.megapixels(new io.draftboard.generation.Reference("a", "image/png", 99, 100,
                new byte[0]))).isEqualTo("<0.01 MP");
        assertThat(ReferenceTrayModel.megapixels(new io.draftboard.generation.Reference("a", "image/png", 1024, 1024,
                new byte[0]))).isEqualTo("1.05 MP");
    }

    @Test
    void aProviderTakingFewerReferencesIsToldAboutButNoImageIsDropped() throws Exception {
        java.util.concurrent.atomic.AtomicInteger limit = new java.util.concurrent.atomic.AtomicInteger(3);
        ReferenceTrayModel tray3 = new ReferenceTrayModel(TaskRunnerCore.sameThread(), prompt, limit::get,
                refs -> new Cost(0, false));
        tray3.accept(new DropPayload.Files(List.of(png("a.png", 40, 30, 1), png("b.png", 40, 30, 2))));
        tray3.say("");

        limit.set(2);
        tray3.limitChanged();
        assertThat(tray3.messageProperty().get()).as("two fit").isEmpty();

        limit.set(1);
        tray3.limitChanged();
        assertThat(tray3.messageProperty().get())
                .isEqualTo("This provider takes at most 1 reference images; remove 1 before rendering.");
        assertThat(tray3.items()).hasSize(2);
    }

    @Test
    void aMoveOntoOrPastTheEndChangesNothing() throws Exception {
        tray.accept(new DropPayload.Files(List.of(png("a.png", 40, 30, 1), png("b.png", 40, 30, 2))));
        List<io.draftboard.generation.Reference> before = List.copyOf(tray.items());

        tray.move(2, 0);
        tray.move(0, 2);
        tray.move(1, 1);

        assertThat(tray.items()).containsExactlyElementsOf(before);
        assertThat(tray.messageProperty().get()).as("nothing moved: the message still holds")
                .contains("Added b.png as image 2");
    }

    @Test
    void recallPutsExactlyTheRecalledImagesInTheTrayWithTheirThumbnails() throws Exception {
        tray.accept(new DropPayload.Files(List.of(png("a.png", 40, 30, 1))));
        byte[] bytes = Files.readAllBytes(png("b.png", 40, 30, 2));
        var recalled = io.draftboard.provider.ReferencePreparer.prepare(bytes,
                io.draftboard.provider.ReferencePreparer.DEFAULT_PIXEL_BUDGET);

        tray.replaceAll(List.of(recalled));

        assertThat(tray.items()).containsExactly(recalled);
        assertThat(tray.thumbnails().get(recalled.sha256())).isNotNull();
    }
}
