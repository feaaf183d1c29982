package io.draftboard.provider.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.JobContext;
import io.draftboard.imaging.ImageCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The offline engine's step previews: through the job's preview channel, throttled, small, cheap. */
class StepFramesTest {

    /** Steps and bytes of every frame the engine sent. */
    private static class Frames implements JobContext {
        final List<int[]> steps = new ArrayList<>();
        final List<byte[]> images = new ArrayList<>();
        /** "progress" and "preview", in the order the engine called them. */
        final List<String> calls = new ArrayList<>();

        @Override
        public void progress(double fraction) {
            calls.add("progress");
        }

        @Override
        public void preview(byte[] image, int step, int of) {
            steps.add(new int[] {step, of});
            images.add(image);
            calls.add("preview");
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void onCancel(Runnable action) {
        }
    }

    @Test
    void aFiftyStepFinalSendsFramesThenItsFinishedImageLast() throws Exception {
        Frames frames = new Frames();
        var result = new OfflineProvider().generate(GenerationRequest.of("a red balloon", 7, 50, 256, 256), frames);

        assertThat(frames.steps).isNotEmpty();
        int[] last = frames.steps.get(frames.steps.size() - 1);
        assertThat(last).containsExactly(50, 50);
        // Pixels first: the finished picture itself, uncompressed, before the PNG that is stored was made.
        var shown = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(frames.images.get(frames.images.size() - 1)));
        var stored = ImageCodec.decode(result.image());
        assertThat(shown.getWidth()).isEqualTo(256);
        assertThat(shown.getRGB(0, 0, 256, 256, null, 0, 256)).isEqualTo(stored.getRGB(0, 0, 256, 256, null, 0, 256));
        for (int i = 1; i < frames.steps.size(); i++) {
            assertThat(frames.steps.get(i)[0]).isGreaterThan(frames.steps.get(i - 1)[0]);
        }
        var first = ImageCodec.probe(frames.images.get(0));
        assertThat(first.mediaType()).isEqualTo(ImageCodec.JPEG);
    }

    @Test
    void theNewCompositionShowsBeforeTheFirstStepIsDone() throws Exception {
        Frames frames = new Frames();
        var result = new OfflineProvider().generate(
                GenerationRequest.of("a red balloon on a yellow background", 7, 6, 512, 512), frames);

        assertThat(frames.calls.get(0)).isEqualTo("preview");
        assertThat(frames.steps.get(0)).containsExactly(1, 6);
        // The prediction, not the noisy state: at the first step the state is nearly all noise (mid-grey on
        // average), the prediction already has the picture's colours.
        double[] finished = meanColour(result.image());
        double[] first = meanColour(frames.images.get(0));
        for (int c = 0; c < 3; c++) {
            assertThat(Math.abs(first[c] - finished[c])).as("channel %d", c).isLessThanOrEqualTo(16);
        }
    }

    @Test
    void everyFrameOfAFinalHasThePicturesColours() throws Exception {
        Frames frames = new Frames();
        var request = GenerationRequest.of("a blue vase on an orange table", 3, 20, 512, 512);
        AtomicLong reads = new AtomicLong();
        // A virtual clock on which each step starts 300 ms after the last and a frame costs nothing: every step
        // is due a frame (the clock is read as a frame starts and again once it is encoded).
        var image = FlowSampler.sample(OfflineProvider.target(request, List.of()), 3, 20, 1f, frames, null,
                new StepFrames(frames, () -> reads.getAndIncrement() / 2 * 300_000_000L));
        double[] finished = OfflineProviderTest.meanColour(image);

        assertThat(frames.steps).extracting(s -> s[0]).hasSize(20).startsWith(1, 1, 2, 3);
        for (byte[] frame : frames.images) {
            double[] mean = meanColour(frame);
            for (int c = 0; c < 3; c++) {
                assertThat(Math.abs(mean[c] - finished[c])).isLessThanOrEqualTo(16);
            }
        }
    }

    @Test
    void theEarlyFirstFrameLooksLikeTheFirstStepsOwn() throws Exception {
        Frames frames = new Frames();
        var request = GenerationRequest.of("a red balloon on a yellow wall, headline \"SALE\"", 5, 6, 1024, 1024);
        AtomicLong reads = new AtomicLong();
        FlowSampler.sample(OfflineProvider.target(request, List.of()), 5, 6, 1f, frames, null,
                new StepFrames(frames, () -> reads.getAndIncrement() / 2 * 300_000_000L));

        // frames: the early one (made from the scene at frame size), then step 1's from the full-size sampler
        assertThat(frames.steps.get(0)).containsExactly(1, 6);
        assertThat(frames.steps.get(1)).containsExactly(1, 6);
        var early = ImageCodec.decode(frames.images.get(0));
        var sampled = ImageCodec.decode(frames.images.get(1));
        assertThat(early.getWidth()).isEqualTo(sampled.getWidth()).isEqualTo(256);
        // ~8 levels apart (the sampler's grain, JPEG); unblurred it would be ~24, blurred at full-size radius ~29.
        assertThat(OfflineProviderTest.meanAbsoluteError(early, sampled)).isLessThan(12.0);
    }

    @Test
    void aSingleStepRenderSendsOnlyItsFinishedImage() throws Exception {
        Frames frames = new Frames();
        new OfflineProvider().generate(GenerationRequest.of("a red balloon", 7, 1, 256, 256), frames);

        assertThat(frames.steps).hasSize(1);
        assertThat(frames.steps.get(0)).containsExactly(1, 1);
    }

    @Test
    void theLastStepSendsNoFrameOfItsOwn() {
        Frames sent = new Frames();
        new StepFrames(sent, () -> 0L).step(6, 6, new float[3][16 * 16], 16, 16);

        assertThat(sent.steps).isEmpty();
    }

    @Test
    void aCostlyFrameHoldsTheNextOneBackTwentyTimesItsCost() {
        Frames sent = new Frames();
        AtomicLong now = new AtomicLong();
        List<Long> sentAt = new ArrayList<>();
        // Each look at the clock is 40 ms on: a frame (two looks) costs 40 ms, so the next waits 800 ms.
        StepFrames frames = new StepFrames(new Frames() {
            @Override
            public void preview(byte[] image, int step, int of) {
                sentAt.add(now.get());
                sent.preview(image, step, of);
            }
        }, () -> now.addAndGet(40_000_000L));
        for (int step = 1; step < 50; step++) {
            frames.step(step, 50, new float[3][8 * 8], 8, 8);
            now.addAndGet(60_000_000L);
        }

        assertThat(sentAt).hasSizeGreaterThan(2);
        for (int i = 1; i < sentAt.size(); i++) {
            assertThat(sentAt.get(i) - sentAt.get(i - 1)).isGreaterThanOrEqualTo(800_000_000L);
        }
    }

    @Test
    void framesComeAtMostFiveTimesASecondAndNeverAtTheLastStep() {
        Frames sent = new Frames();
        AtomicLong now = new AtomicLong();
        StepFrames frames = new StepFrames(sent, now::get);
        float[][] x = new float[3][64 * 64];
        for (int step = 1; step <= 50; step++) {
            frames.step(step, 50, x, 64, 64);
            now.addAndGet(30_000_000L); // a step every 30 ms (virtual)
        }

        assertThat(sent.steps).extracting(s -> s[0]).containsExactly(1, 8, 15, 22, 29, 36, 43);
    }

    @Test
    void aFrameIsAsLargeAsFitsWithinMaxSide() {
        assertThat(StepFrames.downscale(new float[3][960 * 640], 960, 640).getWidth()).isEqualTo(320);
    }

    @Test
    void aFrameIsAtMostMaxSidePixelsAcross() {
        var image = StepFrames.downscale(new float[3][1024 * 768], 1024, 768);
        assertThat(image.getWidth()).isLessThanOrEqualTo(StepFrames.MAX_SIDE);
        assertThat(image.getHeight()).isEqualTo(192);
        assertThat(image.getRGB(0, 0) & 0xffffff).isEqualTo(0x808080); // 0 in the sampler's range is mid-grey
    }

    /** Mean red, green and blue of an encoded frame or image, 0-255. */
    private static double[] meanColour(byte[] encoded) throws Exception {
        return OfflineProviderTest.meanColour(ImageCodec.decode(encoded));
    }
}
