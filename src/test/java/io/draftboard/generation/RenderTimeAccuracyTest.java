package io.draftboard.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 §4: the slider's time is learned per provider from the renders it saw, and grows with steps and
 * megapixels. Renders run through the real runner and render service on an injected clock that the provider
 * advances by a modelled render time (fixed cost plus a cost per step-megapixel, with ±10 % noise).
 */
class RenderTimeAccuracyTest {
    /** The clock renders are timed with; the provider moves it on as a real render takes time. */
    private static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-03T09:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Takes 0.4 s plus 55 ms per step-megapixel, off by a noise factor that cycles through ±10 %. */
    private static final class TimedProvider implements Provider {
        private final String id;
        private final ManualClock clock;
        private final double[] noise = {1.08, 0.93, 1.0, 1.10, 0.91, 1.04};
        private int renders;

        TimedProvider(String id, ManualClock clock) {
            this.id = id;
            this.clock = clock;
        }

        static double modelSeconds(GenerationRequest r) {
            return 0.4 + 0.055 * r.steps() * (r.width() * (double) r.height() / 1_000_000.0);
        }

        @Override
        public ProviderInfo info() {
            return new ProviderInfo(id, id, "model", new ProviderCapabilities(8, true, true, 64, 4096, 1, 1));
        }

        @Override
        public GenerationResult generate(GenerationRequest r, JobContext context) {
            double seconds = modelSeconds(r) * noise[renders++ % noise.length];
            clock.advance(Duration.ofNanos((long) (seconds * 1e9)));
            return new GenerationResult(new byte[] {42}, "image/png", r.seed(), r.width(), r.height(), null, null,
                    Cost.FREE);
        }

        @Override
        public Cost estimateCost(GenerationRequest request) {
            return Cost.FREE;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final JobRunner runner = new JobRunner(1, RetryPolicy.DEFAULT, (journalId, job, result, timings) -> 1,
            clock, (delay, cancelled) -> false, () -> 0.5);
    private final RenderService service = new RenderService(runner);

    @AfterEach
    void tearDown() {
        runner.close();
    }

    private void render(Provider provider, int steps, int width, int height) throws Exception {
        GenerationRequest r = GenerationRequest.of("a poster", 7, steps, width, height);
        // The handle's outcome completes once the service has learned the time.
        JobOutcome outcome = service.submit(Job.draft(r, provider), event -> { }).outcome().get(10, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(JobOutcome.Succeeded.class);
    }

    @Test
    void afterFiveRendersTheNextIsEstimatedWithinAQuarterOfItsTimeAndOnlyOnItsProvider() throws Exception {
        TimedProvider bfl = new TimedProvider("bfl", clock);
        GenerationRequest next = GenerationRequest.of("a poster", 7, 28, 1536, 1024);
        assertThat(service.estimate("bfl", next)).as("before any render it is not known").isEmpty();

        render(bfl, 6, 1024, 1024);
        render(bfl, 50, 1024, 1024);
        render(bfl, 6, 512, 512);
        render(bfl, 20, 1536, 1536);
        render(bfl, 50, 768, 768);

        double actual = TimedProvider.modelSeconds(next);
        double estimated = service.estimate("bfl", next).orElseThrow().toNanos() / 1e9;
        assertThat(estimated).isBetween(actual * 0.75, actual * 1.25);
        assertThat(service.estimate("fal", next)).as("another provider has not rendered anything yet").isEmpty();

        // More steps or more pixels never look faster.
        double fewerSteps = service.estimate("bfl", GenerationRequest.of("a poster", 7, 6, 1536, 1024))
                .orElseThrow().toNanos() / 1e9;
        double fewerPixels = service.estimate("bfl", GenerationRequest.of("a poster", 7, 28, 512, 512))
                .orElseThrow().toNanos() / 1e9;
        assertThat(fewerSteps).isLessThan(estimated);
        assertThat(fewerPixels).isLessThan(estimated);
    }
}
