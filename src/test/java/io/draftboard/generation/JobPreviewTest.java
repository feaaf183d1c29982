package io.draftboard.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The preview-frame channel: a provider's intermediate pictures reach the job's listener in order, before it ends. */
class JobPreviewTest {

    /** Streams three frames, the way ComfyUI's websocket does, then delivers the image. */
    private static final class PreviewingProvider implements Provider {
        @Override
        public ProviderInfo info() {
            return new ProviderInfo("previewing", "Previewing", "test", new ProviderCapabilities(0, true, true, 64, 4096, 1, 1));
        }

        @Override
        public GenerationResult generate(GenerationRequest request, JobContext context) {
            for (int step = 1; step <= 3; step++) {
                context.progress(step / 3.0);
                context.preview(new byte[] {(byte) step}, step, 3);
            }
            context.preview(new byte[0], 3, 3); // nothing to show: not an event
            return new GenerationResult(new byte[] {1}, "image/png", request.seed(), request.width(), request.height(),
                    null, null, Cost.FREE);
        }

        @Override
        public Cost estimateCost(GenerationRequest request) {
            return Cost.FREE;
        }
    }

    @Test
    void previewFramesReachTheListenerWithTheirStepBeforeTheJobFinishes() throws Exception {
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        try (JobRunner runner = new JobRunner(1, RetryPolicy.DEFAULT, JobRecorder.NONE)) {
            JobHandle handle = runner.submit(Job.draft(GenerationRequest.of("a kite", 1, 3, 256, 256),
                    new PreviewingProvider()), events::add);
            assertThat(handle.outcome().get(10, TimeUnit.SECONDS)).isInstanceOf(JobOutcome.Succeeded.class);
        }
        List<JobEvent.Preview> previews = events.stream().filter(JobEvent.Preview.class::isInstance)
                .map(JobEvent.Preview.class::cast).toList();
        assertThat(previews).extracting(JobEvent.Preview::step).containsExactly(1, 2, 3);
        assertThat(previews).allSatisfy(p -> assertThat(p.of()).isEqualTo(3));
        assertThat(previews.get(1).image()).containsExactly(2);
        assertThat(events.indexOf(previews.get(2))).isLessThan(events.size() - 1);
        assertThat(events.get(events.size() - 1)).isInstanceOf(JobEvent.Finished.class);
        assertThat(JobContext.none()).satisfies(c -> c.preview(new byte[] {1}, 1, 1)); // the default ignores frames
    }
}
