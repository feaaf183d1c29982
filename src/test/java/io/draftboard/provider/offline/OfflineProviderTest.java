package io.draftboard.provider.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobCancelledException;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.Reference;
import io.draftboard.imaging.ContentHash;
import io.draftboard.imaging.ImageCodec;
import io.draftboard.imaging.PngWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class OfflineProviderTest {
    private static final String BALLOON = "A red balloon on a wooden table, headline \"SALE\"";
    private final OfflineProvider engine = new OfflineProvider();

    private BufferedImage render(GenerationRequest request) throws Exception {
        GenerationResult result = engine.generate(request, JobContext.none());
        return ImageIO.read(new ByteArrayInputStream(result.image()));
    }

    private static final class RecordingContext implements JobContext {
        final List<Double> progress = new ArrayList<>();
        final AtomicBoolean cancelled = new AtomicBoolean();
        int cancelAfter = Integer.MAX_VALUE;

        @Override
        public void progress(double fraction) {
            progress.add(fraction);
            if (progress.size() >= cancelAfter) {
                cancelled.set(true);
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }

        @Override
        public void onCancel(Runnable action) {
        }
    }

    @Test
    void theSameRequestGivesByteIdenticalPngs() throws Exception {
        GenerationRequest r = GenerationRequest.of(BALLOON, 42, 6, 256, 256);
        byte[] a = engine.generate(r, JobContext.none()).image();
        byte[] b = engine.generate(r, JobContext.none()).image();
        assertThat(a).isEqualTo(b);
        assertThat(engine.generate(r.withSeed(43), JobContext.none()).image()).isNotEqualTo(a);
        assertThat(engine.generate(r.withPrompt("A blue balloon"), JobContext.none()).image()).isNotEqualTo(a);
    }

    @Test
    void theOutputIsAPngOfTheRequestedSize() throws Exception {
        GenerationResult result = engine.generate(GenerationRequest.of("teal waves", 3, 4, 320, 192), JobContext.none());
        assertThat(result.mediaType()).isEqualTo("image/png");
        assertThat(result.seed()).isEqualTo(3);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(result.image()));
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(192);
        assertThat(result.cost().usd()).isZero();
    }

    @Test
    void fiftyStepsLandMuchCloserToTheCleanPictureThanSix() throws Exception {
        GenerationRequest six = GenerationRequest.of(BALLOON, 42, 6, 384, 384);
        BufferedImage target = OfflineProvider.target(six, List.of());

        double errorSix = meanAbsoluteError(render(six), target);
        double errorFifty = meanAbsoluteError(render(six.withSteps(50)), target);

        assertThat(errorFifty).isLessThan(errorSix / 2);
        // Rougher, not just softer: a flat stretch of background is grainy at 6 steps and clean at 50.
        BufferedImage flatSix = render(six).getSubimage(0, 300, 60, 60);
        BufferedImage flatFifty = render(six.withSteps(50)).getSubimage(0, 300, 60, 60);
        assertThat(detail(flatSix)).isGreaterThan(detail(flatFifty) * 3);
    }

    @Test
    void aSixStepDraftStillApproximatesTheFinalsComposition() throws Exception {
        GenerationRequest six = GenerationRequest.of(BALLOON, 42, 6, 256, 256);
        BufferedImage draft = render(six);
        BufferedImage fin = render(six.withSteps(50));
        BufferedImage otherSeed = render(six.withSeed(7).withSteps(50));
        // Compared at a coarse scale (composition, not detail): the draft is nearer its own final.
        assertThat(meanAbsoluteError(shrink(draft), shrink(fin)))
                .isLessThan(meanAbsoluteError(shrink(otherSeed), shrink(fin)));
    }

    @Test
    void progressIsReportedOncePerStepAndEndsAtOne() throws Exception {
        RecordingContext ctx = new RecordingContext();
        engine.generate(GenerationRequest.of("x", 1, 6, 64, 64), ctx);
        assertThat(ctx.progress).hasSize(6).isSorted();
        assertThat(ctx.progress.get(5)).isEqualTo(1.0);
    }

    @Test
    void cancellingMidRenderStopsAtTheNextStep() {
        RecordingContext ctx = new RecordingContext();
        ctx.cancelAfter = 3;
        assertThatThrownBy(() -> engine.generate(GenerationRequest.of("x", 1, 50, 128, 128), ctx))
                .isInstanceOf(JobCancelledException.class);
        assertThat(ctx.progress).hasSize(3);
    }

    @Test
    void colourWordsColourTheImage() throws Exception {
        BufferedImage red = render(GenerationRequest.of("a red balloon", 5, 30, 256, 256));
        BufferedImage night = render(GenerationRequest.of("blue night city", 5, 30, 256, 256));
        assertThat(share(red, c -> c.getRed() > 150 && c.getGreen() < 90 && c.getBlue() < 110)).isGreaterThan(0.08);
        double[] mean = meanColour(night);
        assertThat(mean[2]).isGreaterThan(mean[0]);
        assertThat((mean[0] + mean[1] + mean[2]) / 3).isLessThan(110);
    }

    @Test
    void quotedTextIsTypesetOnAPlate() throws Exception {
        GenerationRequest with = GenerationRequest.of("a poster, headline \"SALE\"", 9, 50, 512, 512);
        GenerationRequest without = GenerationRequest.of("a poster, headline", 9, 50, 512, 512);
        BufferedImage text = render(with);
        BufferedImage plain = render(without);
        // The headline sits in the top band: there the images differ, and the text is light-on-dark ink.
        BufferedImage bandWith = text.getSubimage(0, 0, 512, 150);
        BufferedImage bandWithout = plain.getSubimage(0, 0, 512, 150);
        assertThat(meanAbsoluteError(bandWith, bandWithout)).isGreaterThan(20);
        assertThat(share(bandWith, c -> luma(c) > 220)).isGreaterThan(0.03);
        assertThat(share(bandWith, c -> luma(c) < 40)).isGreaterThan(0.10);
    }

    @Test
    void aReferenceImageShowsInTheOutput() throws Exception {
        BufferedImage green = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = green.createGraphics();
        g.setColor(new Color(0x10C020));
        g.fillRect(0, 0, 64, 64);
        g.dispose();
        byte[] png = PngWriter.encode(green, List.of());
        Reference ref = new Reference(ContentHash.sha256(png), "image/png", 64, 64, png);

        BufferedImage out = render(GenerationRequest.of("minimal", 2, 30, 256, 256).withReferences(List.of(ref)));

        assertThat(share(out, c -> c.getGreen() > c.getRed() + 50 && c.getGreen() > c.getBlue() + 50)).isGreaterThan(0.5);
    }

    @Test
    void anUnreadableReferenceIsAnInvalidRequest() {
        byte[] junk = "not an image".getBytes();
        Reference ref = new Reference(ContentHash.sha256(junk), "image/png", 8, 8, junk);
        assertThatThrownBy(() -> engine.generate(GenerationRequest.of("x", 1, 2, 64, 64).withReferences(List.of(ref)),
                JobContext.none()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.INVALID_REQUEST);
                    assertThat(e.getMessage()).isEqualTo("reference image 1 cannot be read: not a PNG, JPEG or WebP image");
                });
    }

    @Test
    void everyDocumentedWordParsesWithoutClashes() {
        SceneSpec spec = SceneSpec.read("pastel pink flowers and a neon orange bottle, left, grid, \u201cOPEN\u201d");
        assertThat(spec.subjects()).extracting(s -> s.shape().name()).containsExactly("FLOWER", "BOTTLE");
        assertThat(spec.subjects().get(0).colour()).isNotNull();
        assertThat(spec.quotedText()).containsExactly("OPEN");
        assertThat(spec.layouts()).extracting(Enum::name).contains("LEFT", "GRID");
        assertThat(ImageCodec.sniff(new byte[0])).isNull();
    }

    // ---- measures -----------------------------------------------------------------------------------

    interface ColourTest {
        boolean test(Color c);
    }

    static double share(BufferedImage img, ColourTest test) {
        long hits = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (test.test(new Color(img.getRGB(x, y)))) {
                    hits++;
                }
            }
        }
        return (double) hits / ((long) img.getWidth() * img.getHeight());
    }

    static double[] meanColour(BufferedImage img) {
        double[] sum = new double[3];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                sum[0] += (p >> 16) & 0xff;
                sum[1] += (p >> 8) & 0xff;
                sum[2] += p & 0xff;
            }
        }
        double n = (double) img.getWidth() * img.getHeight();
        return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
    }

    static double luma(Color c) {
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }

    static double meanAbsoluteError(BufferedImage a, BufferedImage b) {
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                sum += Math.abs(((p >> 16) & 0xff) - ((q >> 16) & 0xff)) + Math.abs(((p >> 8) & 0xff) - ((q >> 8) & 0xff))
                        + Math.abs((p & 0xff) - (q & 0xff));
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }

    /** Mean absolute difference between neighbours: high for sharp edges, low for blur. */
    static double detail(BufferedImage img) {
        double sum = 0;
        for (int y = 0; y < img.getHeight() - 1; y++) {
            for (int x = 0; x < img.getWidth() - 1; x++) {
                double l = luma(new Color(img.getRGB(x, y)));
                sum += Math.abs(l - luma(new Color(img.getRGB(x + 1, y)))) + Math.abs(l - luma(new Color(img.getRGB(x, y + 1))));
            }
        }
        return sum / ((double) img.getWidth() * img.getHeight());
    }

    static BufferedImage shrink(BufferedImage img) {
        BufferedImage small = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(io.draftboard.imaging.Resize.to(img, 16, 16), 0, 0, null);
        g.dispose();
        return small;
    }

    @Test
    void withoutALayoutWordTheSeedDecidesTheComposition() {
        // The seed explorer is only useful if seeds differ in layout: compare where the subject's ink sits.
        GenerationRequest a = GenerationRequest.of("a green coffee mug", 1, 50, 256, 256);
        java.util.List<double[]> centres = new java.util.ArrayList<>();
        for (long seed = 1; seed <= 6; seed++) {
            centres.add(inkCentre(OfflineProvider.target(a.withSeed(seed), List.of())));
        }
        double spreadX = centres.stream().mapToDouble(c -> c[0]).max().orElseThrow()
                - centres.stream().mapToDouble(c -> c[0]).min().orElseThrow();
        assertThat(spreadX).as("horizontal spread of the subject across six seeds, in pixels").isGreaterThan(20);

        GenerationRequest pinned = GenerationRequest.of("a green coffee mug on the left", 1, 50, 256, 256);
        for (long seed = 1; seed <= 6; seed++) {
            assertThat(inkCentre(OfflineProvider.target(pinned.withSeed(seed), List.of()))[0]).isLessThan(128);
        }
    }

    /** The centre of the pixels that differ most from the image's mean colour: where the subject is. */
    private static double[] inkCentre(java.awt.image.BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        double[] mean = new double[3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = image.getRGB(x, y);
                mean[0] += (p >> 16) & 0xff;
                mean[1] += (p >> 8) & 0xff;
                mean[2] += p & 0xff;
            }
        }
        for (int c = 0; c < 3; c++) {
            mean[c] /= (double) w * h;
        }
        double sx = 0;
        double sy = 0;
        double total = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = image.getRGB(x, y);
                double d = Math.abs(((p >> 16) & 0xff) - mean[0]) + Math.abs(((p >> 8) & 0xff) - mean[1])
                        + Math.abs((p & 0xff) - mean[2]);
                double weight = d > 60 ? d : 0;
                sx += weight * x;
                sy += weight * y;
                total += weight;
            }
        }
        return new double[] {sx / total, sy / total};
    }
}
