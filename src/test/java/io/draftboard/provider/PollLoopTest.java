package io.draftboard.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.RenderDurations;
import io.draftboard.generation.RenderKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PollLoopTest {
    private final WarpClock clock = WarpClock.virtual();
    private final List<Duration> sleeps = new ArrayList<>();
    private final GenerationRequest draft = GenerationRequest.of("a red balloon", 1, 6, 1024, 1024);

    private PollLoop loop(RenderDurations history) {
        return new PollLoop(new PollSchedule(), (d, c) -> {
            sleeps.add(d);
            clock.sleep(d, c);
        }, clock, Duration.ofMinutes(5), history);
    }

    /** A step that answers "done" once {@code latency} has passed on the clock. */
    private PollLoop.Step<String> readyAfter(Duration latency) {
        Duration start = Duration.ofNanos(clock.nanos());
        return () -> Duration.ofNanos(clock.nanos()).minus(start).compareTo(latency) >= 0 ? "image" : null;
    }

    private static JobContext context(RenderKind kind) {
        JobContext none = JobContext.none();
        return new JobContext() {
            @Override
            public void progress(double fraction) {
            }

            @Override
            public RenderKind kind() {
                return kind;
            }

            @Override
            public boolean isCancelled() {
                return none.isCancelled();
            }

            @Override
            public void onCancel(Runnable action) {
            }
        };
    }

    @Test
    void aJobIsPlannedFromThePastRendersOfItsProviderAndKind() throws Exception {
        AtomicReference<RenderDurations.Workload> asked = new AtomicReference<>();
        PollLoop loop = loop((workload, limit) -> {
            asked.set(workload);
            return Collections.nCopies(limit, Duration.ofSeconds(6));
        });

        loop.run("bfl", draft, "task", context(RenderKind.FINAL), readyAfter(Duration.ofMillis(6_100)));

        assertThat(asked.get()).isEqualTo(new RenderDurations.Workload("bfl", RenderKind.FINAL, 6, 1024, 1024));
        assertThat(sleeps.get(0)).isGreaterThan(Duration.ofSeconds(2)); // not 0.5 s: nothing is due before ~4.5 s
        assertThat(sleeps.size()).isLessThan(6_100 / 500); // fewer polls than a fixed 0.5 s poller
        assertThat(Duration.ofNanos(clock.nanos())).isLessThanOrEqualTo(Duration.ofMillis(6_100 * 106 / 100));
    }

    @Test
    void aJobSeenDoneIsRememberedForTheNextProcessAtTheMiddleOfItsLastWait() throws Exception {
        List<Duration> recorded = new ArrayList<>();
        AtomicReference<RenderDurations.Workload> as = new AtomicReference<>();
        PollLoop loop = loop(new RenderDurations() {
            @Override
            public List<Duration> recent(RenderDurations.Workload workload, int limit) {
                return List.of();
            }

            @Override
            public void record(RenderDurations.Workload workload, Duration took) {
                as.set(workload);
                recorded.add(took);
            }
        });

        loop.run("bfl", draft, "task", context(RenderKind.DRAFT), readyAfter(Duration.ofMillis(1_200)));

        // seen at 1.5 s (polls at 0.5, 1.0, 1.5): it finished during the last 0.5 s, best guess 1.25 s
        assertThat(recorded).containsExactly(Duration.ofMillis(1_250));
        assertThat(as.get()).isEqualTo(new RenderDurations.Workload("bfl", RenderKind.DRAFT, 6, 1024, 1024));
    }

    @Test
    void withNoPastRendersTheJobPollsAtTheFixedCadence() throws Exception {
        loop(RenderDurations.NONE).run("bfl", draft, "task", context(RenderKind.DRAFT), readyAfter(Duration.ofMillis(1_200)));

        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500));
    }

    @Test
    void aHistoryThatCannotBeReadLeavesTheJobPollingAsAFirstRun() throws Exception {
        PollLoop loop = loop((workload, limit) -> {
            throw new IllegalStateException("history database is locked");
        });

        assertThat(loop.run("bfl", draft, "task", context(RenderKind.DRAFT), readyAfter(Duration.ofMillis(700))))
                .isEqualTo("image");
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
    }

    @Test
    void aRetryAfterOnAPollOutweighsThePlan() throws Exception {
        PollLoop loop = loop((workload, limit) -> Collections.nCopies(limit, Duration.ofMillis(1_000)));
        PollLoop.Session session = loop.start("bfl", draft, "task", context(RenderKind.DRAFT));
        int[] polls = {0};

        session.until(() -> {
            if (++polls[0] == 1) {
                session.backOff(Duration.ofSeconds(3)); // 429 with Retry-After: 3
                return null;
            }
            return "image";
        });

        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(1)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void whatAProcessSawIsRememberedForItsNextJobWithoutHistory() throws Exception {
        PollLoop loop = loop(RenderDurations.NONE);
        loop.run("6@4", "task", JobContext.none(), readyAfter(Duration.ofMillis(3_000)));
        sleeps.clear();

        loop.run("6@4", "task", JobContext.none(), readyAfter(Duration.ofMillis(3_000)));

        assertThat(sleeps.get(0)).isGreaterThan(Duration.ofMillis(1_500)); // nothing due before ~2 s
        assertThat(Duration.ofNanos(clock.nanos())).isLessThanOrEqualTo(Duration.ofMillis(3_000 + 3_000 + 3_000 * 6 / 100));
    }

    @Test
    void theJobsTimeIsWrittenWhileTheImageIsFetchedAndClosingWaitsForIt() throws Exception {
        CountDownLatch imageFetched = new CountDownLatch(1);
        List<Duration> recorded = Collections.synchronizedList(new ArrayList<>());
        PollLoop loop = loop(new RenderDurations() {
            @Override
            public List<Duration> recent(RenderDurations.Workload workload, int limit) {
                return List.of();
            }

            @Override
            public void record(RenderDurations.Workload workload, Duration took) {
                try {
                    imageFetched.await(); // a slow history write: it must not hold up the download
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                recorded.add(took);
            }
        });

        try (PollLoop.Session session = loop.start("bfl", draft, "task", context(RenderKind.DRAFT))) {
            assertThat(session.until(readyAfter(Duration.ofMillis(1_200)))).isEqualTo("image");
            assertThat(recorded).isEmpty(); // until() returned with the write still going
            imageFetched.countDown();
        }

        assertThat(recorded).containsExactly(Duration.ofMillis(1_250)); // close() waited for it
    }
}
