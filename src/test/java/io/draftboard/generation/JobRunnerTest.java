package io.draftboard.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobRunnerTest {
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final List<String> recorded = new CopyOnWriteArrayList<>();
    private final RetryPause recordingPause = (delay, cancelled) -> {
        pauses.add(delay);
        return cancelled.getCount() == 0;
    };
    private JobRunner runner;

    @AfterEach
    void tearDown() {
        if (runner != null) {
            runner.close();
        }
    }

    private JobRunner runner(int threads, JobRecorder recorder) {
        runner = new JobRunner(threads, RetryPolicy.DEFAULT, recorder, java.time.Clock.systemUTC(), recordingPause,
                () -> 0.5);
        return runner;
    }

    private final JobRecorder recorder = new JobRecorder() {
        final AtomicInteger ids = new AtomicInteger(100);

        @Override
        public long recordSuccess(long journalId, Job job, GenerationResult result, Timings timings) {
            recorded.add("success");
            return ids.incrementAndGet();
        }

        @Override
        public void recordFailure(long journalId, Job job, FailureKind kind, String message, Timings timings) {
            recorded.add("failure:" + kind);
        }

        @Override
        public void recordCancellation(long journalId, Job job, Timings timings, CancelCharge charge) {
            recorded.add("cancelled");
        }
    };

    private static Job job(Provider provider) {
        return Job.draft(GenerationRequest.of("a red balloon", 42, 6, 512, 512), provider);
    }

    private static JobOutcome await(JobHandle handle) throws Exception {
        return handle.outcome().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aSuccessfulJobIsRecordedBeforeItIsReportedAndEventsArriveInOrder() throws Exception {
        List<JobEvent> events = Collections.synchronizedList(new ArrayList<>());
        JobHandle handle = runner(2, recorder).submit(job(new ScriptedProvider(1)), events::add);

        JobOutcome outcome = await(handle);

        assertThat(outcome).isInstanceOf(JobOutcome.Succeeded.class);
        assertThat(((JobOutcome.Succeeded) outcome).generationId()).isEqualTo(101);
        assertThat(recorded).containsExactly("success");
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Queued", "Started", "Submitted", "Progress", "Progress", "Finished");
        Timings t = outcome.timings();
        assertThat(t.attempts()).isEqualTo(1);
        assertThat(t.queueWait().isNegative()).isFalse();
        assertThat(t.runTime().isNegative()).isFalse();
    }

    @Test
    void transientFailuresAreRetriedWithGrowingBackoff() throws Exception {
        ScriptedProvider provider = new ScriptedProvider(1)
                .failingWith(ScriptedProvider.transientFailure(), ScriptedProvider.transientFailure());

        JobOutcome outcome = await(runner(1, recorder).submit(job(provider), JobListener.NONE));

        assertThat(outcome).isInstanceOf(JobOutcome.Succeeded.class);
        assertThat(provider.calls).hasValue(3);
        assertThat(outcome.timings().attempts()).isEqualTo(3);
        // base 500 ms doubling, equal jitter with random 0.5: 375 ms then 750 ms
        assertThat(pauses).containsExactly(Duration.ofMillis(375), Duration.ofMillis(750));
    }

    @Test
    void aRateLimitWaitsExactlyWhatRetryAfterAsks() throws Exception {
        ScriptedProvider provider = new ScriptedProvider(1)
                .failingWith(ScriptedProvider.rateLimited(Duration.ofSeconds(7)));

        JobOutcome outcome = await(runner(1, recorder).submit(job(provider), JobListener.NONE));

        assertThat(outcome).isInstanceOf(JobOutcome.Succeeded.class);
        assertThat(pauses).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void failuresThatARetryCannotFixAreNotRetried() throws Exception {
        for (FailureKind kind : List.of(FailureKind.AUTH, FailureKind.CREDITS, FailureKind.MODERATED,
                FailureKind.INVALID_REQUEST, FailureKind.PERMANENT)) {
            ScriptedProvider provider = new ScriptedProvider(1)
                    .failingWith(new ProviderException(kind, "nope: " + kind));
            JobOutcome outcome = await(runner(1, recorder).submit(job(provider), JobListener.NONE));
            runner.close();

            assertThat(outcome).isInstanceOf(JobOutcome.Failed.class);
            JobOutcome.Failed failed = (JobOutcome.Failed) outcome;
            assertThat(failed.kind()).isEqualTo(kind);
            assertThat(failed.message()).isEqualTo("nope: " + kind);
            assertThat(provider.calls).as(kind.name()).hasValue(1);
        }
        assertThat(pauses).isEmpty();
        assertThat(recorded).hasSize(5).allMatch(r -> r.startsWith("failure:"));
    }

    @Test
    void retriesAreBoundedAndTheLastFailureIsReported() throws Exception {
        ScriptedProvider provider = new ScriptedProvider(1).failingWith(ScriptedProvider.transientFailure(),
                ScriptedProvider.transientFailure(), ScriptedProvider.transientFailure(),
                ScriptedProvider.transientFailure(), ScriptedProvider.transientFailure());

        JobOutcome outcome = await(runner(1, recorder).submit(job(provider), JobListener.NONE));

        assertThat(outcome).isInstanceOf(JobOutcome.Failed.class);
        assertThat(((JobOutcome.Failed) outcome).kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(provider.calls).hasValue(RetryPolicy.DEFAULT.maxAttempts());
        assertThat(recorded).containsExactly("failure:TRANSIENT");
    }

    @Test
    void aRetryAfterLongerThanWeHoldAJobForFailsAtOnce() throws Exception {
        ScriptedProvider provider = new ScriptedProvider(1)
                .failingWith(ScriptedProvider.rateLimited(Duration.ofMinutes(30)));

        JobOutcome outcome = await(runner(1, recorder).submit(job(provider), JobListener.NONE));

        assertThat(((JobOutcome.Failed) outcome).kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(provider.calls).hasValue(1);
    }

    @Test
    void cancellingARunningJobStopsItAndCallsTheProvidersCancel() throws Exception {
        ScriptedProvider provider = new ScriptedProvider(1).blocking();
        JobHandle handle = runner(1, recorder).submit(job(provider), JobListener.NONE);
        assertThat(provider.started.await(5, TimeUnit.SECONDS)).isTrue();

        handle.cancel();

        assertThat(await(handle)).isInstanceOf(JobOutcome.Cancelled.class);
        assertThat(provider.remoteCancels).hasValue(1);
        assertThat(recorded).containsExactly("cancelled");
    }

    @Test
    void cancellingAQueuedJobNeverStartsIt() throws Exception {
        ScriptedProvider busy = new ScriptedProvider(1).blocking();
        runner(1, recorder);
        JobHandle first = runner.submit(job(busy), JobListener.NONE);
        assertThat(busy.started.await(5, TimeUnit.SECONDS)).isTrue();
        ScriptedProvider other = new ScriptedProvider(1);
        JobHandle queued = runner.submit(job(other), JobListener.NONE);

        queued.cancel();

        assertThat(await(queued)).isInstanceOf(JobOutcome.Cancelled.class);
        busy.gate.countDown();
        assertThat(await(first)).isInstanceOf(JobOutcome.Succeeded.class);
        assertThat(other.calls).hasValue(0);
    }

    @Test
    void noMoreJobsRunAtOnceThanTheProviderAllows() throws Exception {
        ScriptedProvider provider = new ScriptedProvider(2).blocking();
        runner(6, recorder);
        List<JobHandle> handles = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            handles.add(runner.submit(job(provider), JobListener.NONE));
        }
        assertThat(provider.started.await(5, TimeUnit.SECONDS)).isTrue();
        provider.gate.countDown();
        for (JobHandle h : handles) {
            assertThat(await(h)).isInstanceOf(JobOutcome.Succeeded.class);
        }
        assertThat(provider.calls).hasValue(6);
        assertThat(provider.maxConcurrent.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void aResultThatCannotBeSavedIsReportedAsAFailureWithTheReason() throws Exception {
        JobRecorder full = (journalId, job, result, timings) -> {
            throw new IOException("No space left on device");
        };

        JobOutcome outcome = await(runner(1, full).submit(job(new ScriptedProvider(1)), JobListener.NONE));

        assertThat(outcome).isInstanceOf(JobOutcome.Failed.class);
        assertThat(((JobOutcome.Failed) outcome).message())
                .isEqualTo("The image was rendered but could not be saved: No space left on device");
    }

    @Test
    void aProviderBugBecomesAFailureWithASentenceNotAStackTrace() throws Exception {
        Provider broken = new ScriptedProvider(1) {
            @Override
            public GenerationResult generate(GenerationRequest request, JobContext context) {
                throw new NullPointerException("boom");
            }
        };

        JobOutcome outcome = await(runner(1, recorder).submit(job(broken), JobListener.NONE));

        assertThat(((JobOutcome.Failed) outcome).message())
                .isEqualTo("Internal error in Scripted (NullPointerException); see the log");
    }

    @Test
    void shutdownCancelsJobsInFlight() throws Exception {
        ScriptedProvider provider = new ScriptedProvider(1).blocking();
        JobHandle handle = runner(1, recorder).submit(job(provider), JobListener.NONE);
        assertThat(provider.started.await(5, TimeUnit.SECONDS)).isTrue();

        runner.shutdown(Duration.ofSeconds(5));

        assertThat(handle.outcome()).isDone();
        assertThat(await(handle)).isInstanceOf(JobOutcome.Cancelled.class);
    }
}
