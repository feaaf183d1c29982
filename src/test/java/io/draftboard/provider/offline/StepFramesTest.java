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
    private static final class Frames implements JobContext {
        final List<int[]> steps = new ArrayList<>();
        final List<byte[]> images = new ArrayList<>();

        @Override
        public void progress(double fraction) {
        }

        @Override
        public void preview(byte[] image, int step, int of) {
            steps.add(new int[] {step, of});
            images.add(image);
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
        assertThat(frames.images.get(frames.images.size() - 1)).isSameAs(result.image()); // pixels first
        for (int i = 1; i < frames.steps.size(); i++) {
            assertThat(frames.steps.get(i)[0]).isGreaterThan(frames.steps.get(i - 1)[0]);
        }
        var first = ImageCodec.probe(frames.images.get(0));
        assertThat(first.mediaType()).isEqualTo(ImageCodec.JPEG);
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
    void aFrameIsAtMostMaxSidePixelsAcross() {
        var image = StepFrames.downscale(new float[3][1024 * 768], 1024, 768);
        assertThat(image.getWidth()).isLessThanOrEqualTo(StepFrames.MAX_SIDE);
        assertThat(image.getHeight()).isEqualTo(192);
        assertThat(image.getRGB(0, 0) & 0xffffff).isEqualTo(0x808080); // 0 in the sampler's range is mid-grey
    }
}
