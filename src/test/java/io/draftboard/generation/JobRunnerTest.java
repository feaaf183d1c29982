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
        public boolean recordFailure(long journalId, Job job, FailureKind kind, String message, Timings timings,
                boolean billed) {
            recorded.add("failure:" + kind);
            return billed;
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

    /** A provider that reports what it is doing, then renders. */
    private static final class ChattyProvider extends ScriptedProvider {
        ChattyProvider() {
            super(1);
        }

        @Override
        public GenerationResult generate(GenerationRequest request, JobContext context) throws ProviderException {
            context.status("in queue at the provider");
            context.preview(new byte[0], 1, 4); // nothing to show: no event
            context.preview(new byte[] {9}, 2, 4);
            context.downloading(2048);
            context.progress(7); // clamped
            context.progress(-1);
            return super.generate(request, context);
        }
    }

    @Test
    void whatTheProviderSaysReachesTheListenerInOrder() throws Exception {
        List<JobEvent> events = Collections.synchronizedList(new ArrayList<>());
        await(runner(1, recorder).submit(job(new ChattyProvider()), events::add));

        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Queued", "Started",
                "Status", "Preview", "Downloading", "Progress", "Progress", "Submitted", "Progress", "Progress",
                "Finished");
        assertThat(events).filteredOn(JobEvent.Status.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((JobEvent.Status) e).text()).isEqualTo("in queue at the provider"));
        assertThat(events).filteredOn(JobEvent.Preview.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((JobEvent.Preview) e).step()).isEqualTo(2));
        assertThat(events).filteredOn(JobEvent.Downloading.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((JobEvent.Downloading) e).bytes()).isEqualTo(2048));
        assertThat(events).filteredOn(JobEvent.Progress.class::isInstance)
                .extracting(e -> ((JobEvent.Progress) e).fraction()).containsExactly(1.0, 0.0, 0.5, 1.0);
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheJob() throws Exception {
        JobOutcome outcome = await(runner(1, recorder).submit(job(new ScriptedProvider(1)), e -> {
            throw new IllegalStateException("listener bug");
        }));

        assertThat(outcome).isInstanceOf(JobOutcome.Succeeded.class);
        assertThat(recorded).containsExactly("success");
    }

    @Test
    void theProvidersJobIdIsJournalledAsSoonAsItIsKnown() throws Exception {
        List<String> trail = new CopyOnWriteArrayList<>();
        JobRecorder journal = new JobRecorder() {
            @Override
            public long opened(Job job) {
                trail.add("opened");
                return 31;
            }

            @Override
            public void submitted(long journalId, String remoteId, String pollingUrl) {
                trail.add("submitted " + journalId + " " + remoteId + " " + pollingUrl);
            }

            @Override
            public long recordSuccess(long journalId, Job job, GenerationResult result, Timings timings) {
                trail.add("done " + journalId);
                return 1;
            }
        };

        await(runner(1, journal).submit(job(new ScriptedProvider(1)), JobListener.NONE));

        assertThat(trail).containsExactly("opened", "submitted 31 remote-1 https://poll.example/1", "done 31");
    }

    @Test
    void aJobIdThatCannotBeJournalledDoesNotStopTheJob() throws Exception {
        JobRecorder flaky = new JobRecorder() {
            @Override
            public void submitted(long journalId, String remoteId, String pollingUrl) throws IOException {
                throw new IOException("disk hiccup");
            }

            @Override
            public long recordSuccess(long journalId, Job job, GenerationResult result, Timings timings) {
                return 5;
            }
        };
        List<JobEvent> events = Collections.synchronizedList(new ArrayList<>());

        JobOutcome outcome = await(runner(1, flaky).submit(job(new ScriptedProvider(1)), events::add));

        assertThat(outcome).isInstanceOf(JobOutcome.Succeeded.class);
        assertThat(events).anyMatch(JobEvent.Submitted.class::isInstance);
    }

    @Test
    void aJobThatCannotBeJournalledIsNeverSent() throws Exception {
        ScriptedProvider provider = new ScriptedProvider(1);
        JobRecorder readOnly = new JobRecorder() {
            @Override
            public long opened(Job job) throws IOException {
                throw new IOException("Read-only file system");
            }

            @Override
            public long recordSuccess(long journalId, Job job, GenerationResult result, Timings timings) {
                return 1;
            }
        };

        JobOutcome outcome = await(runner(1, readOnly).submit(job(provider), JobListener.NONE));

        assertThat(((JobOutcome.Failed) outcome).message()).isEqualTo(
                "The job could not be written to the journal, so it was not sent: Read-only file system");
        assertThat(((JobOutcome.Failed) outcome).kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(provider.calls).hasValue(0);
    }

    @Test
    void aResumedJobIsPolledNotSentAgainUnderItsOwnJournalEntry() throws Exception {
        List<String> trail = new CopyOnWriteArrayList<>();
        ScriptedProvider provider = new ScriptedProvider(1) {
            @Override
            public GenerationResult resume(GenerationRequest request, Resumption from, JobContext context) {
                trail.add("resumed " + from.remoteId());
                return new GenerationResult(new byte[] {1}, "image/png", request.seed(), request.width(),
                        request.height(), from.remoteId(), null, Cost.FREE);
            }
        };
        JobRecorder journal = new JobRecorder() {
            @Override
            public long opened(Job job) {
                trail.add("opened");
                return 1;
            }

            @Override
            public long recordSuccess(long journalId, Job job, GenerationResult result, Timings timings) {
                trail.add("done " + journalId);
                return 2;
            }
        };
        Job resumed = new Job(GenerationRequest.of("a red balloon", 42, 6, 512, 512), provider, RenderKind.FINAL,
                null, new Resumption(77, "remote-9", "https://poll.example/9"));

        assertThat(await(runner(1, journal).submit(resumed, JobListener.NONE)))
                .isInstanceOf(JobOutcome.Succeeded.class);
        assertThat(trail).containsExactly("resumed remote-9", "done 77");
        assertThat(provider.calls).hasValue(0);
    }

    @Test
    void aCancelHookAddedAfterTheCancelRunsAtOnceAndAFailingHookIsSurvived() throws Exception {
        List<String> hooks = new CopyOnWriteArrayList<>();
        ScriptedProvider provider = new ScriptedProvider(1) {
            @Override
            public GenerationResult generate(GenerationRequest request, JobContext context) throws ProviderException {
                context.onCancel(() -> {
                    throw new IllegalStateException("remote cancel failed");
                });
                context.onCancel(() -> hooks.add("first"));
                java.util.concurrent.CountDownLatch cancelled = new java.util.concurrent.CountDownLatch(1);
                context.onCancel(cancelled::countDown);
                started.countDown();
                try {
                    cancelled.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                context.onCancel(() -> hooks.add("late"));
                throw new JobCancelledException();
            }
        };
        JobHandle handle = runner(1, recorder).submit(job(provider), JobListener.NONE);
        assertThat(provider.started.await(5, TimeUnit.SECONDS)).isTrue();

        handle.cancel();
        handle.cancel();

        assertThat(await(handle)).isInstanceOf(JobOutcome.Cancelled.class);
        assertThat(hooks).containsExactly("first", "late");
        assertThat(recorded).containsExactly("cancelled");
    }

    @Test
    void aFailureAfterTheUserCancelledIsReportedAsCancelledAndNotRetried() throws Exception {
        CountDownLatchHolder go = new CountDownLatchHolder();
        ScriptedProvider provider = new ScriptedProvider(1) {
            @Override
            public GenerationResult generate(GenerationRequest request, JobContext context) throws ProviderException {
                calls.incrementAndGet();
                started.countDown();
                go.await();
                throw transientFailure();
            }
        };
        JobHandle handle = runner(1, recorder).submit(job(provider), JobListener.NONE);
        assertThat(provider.started.await(5, TimeUnit.SECONDS)).isTrue();
        handle.cancel();
        go.open();

        assertThat(await(handle)).isInstanceOf(JobOutcome.Cancelled.class);
        assertThat(provider.calls).hasValue(1);
        assertThat(pauses).isEmpty();
        assertThat(recorded).containsExactly("cancelled");
    }

    @Test
    void aCancelDuringTheRetryWaitEndsTheJobCancelled() throws Exception {
        JobHandle[] handle = new JobHandle[1];
        java.util.concurrent.CountDownLatch submitted = new java.util.concurrent.CountDownLatch(1);
        runner = new JobRunner(1, RetryPolicy.DEFAULT, recorder, java.time.Clock.systemUTC(), (delay, cancelled) -> {
            submitted.await(5, TimeUnit.SECONDS);
            handle[0].cancel();
            return cancelled.getCount() == 0;
        }, () -> 0.5);
        ScriptedProvider provider = new ScriptedProvider(1).failingWith(ScriptedProvider.transientFailure());
        handle[0] = runner.submit(job(provider), JobListener.NONE);
        submitted.countDown();

        JobOutcome outcome = await(handle[0]);

        assertThat(outcome).isInstanceOf(JobOutcome.Cancelled.class);
        assertThat(outcome.timings().attempts()).isEqualTo(1);
        assertThat(provider.calls).hasValue(1);
        assertThat(recorded).containsExactly("cancelled");
    }

    @Test
    void aFailureThatCannotBeRecordedIsStillReported() throws Exception {
        JobRecorder broken = new JobRecorder() {
            @Override
            public long recordSuccess(long journalId, Job job, GenerationResult result, Timings timings) {
                return 1;
            }

            @Override
            public boolean recordFailure(long journalId, Job job, FailureKind kind, String message, Timings timings,
                    boolean billed) throws IOException {
                throw new IOException("disk gone");
            }
        };
        ScriptedProvider provider = new ScriptedProvider(1)
                .failingWith(new ProviderException(FailureKind.MODERATED, "Request Moderated"));

        JobOutcome outcome = await(runner(1, broken).submit(job(provider), JobListener.NONE));

        assertThat(((JobOutcome.Failed) outcome).kind()).isEqualTo(FailureKind.MODERATED);
        assertThat(((JobOutcome.Failed) outcome).message()).isEqualTo("Request Moderated");
    }

    @Test
    void aJobSubmittedAfterShutdownFailsAtOnceSayingWhy() throws Exception {
        runner(1, recorder).shutdown(Duration.ofSeconds(1));

        JobOutcome outcome = await(runner.submit(job(new ScriptedProvider(1)), JobListener.NONE));

        assertThat(((JobOutcome.Failed) outcome).message()).isEqualTo("Draftboard is shutting down");
        assertThat(runner.activeJobs()).isZero();
    }

    @Test
    void activeJobsCountsWhatIsQueuedOrRunningAndDetachLeavesThemRunning() throws Exception {
        ScriptedProvider provider = new ScriptedProvider(1).blocking();
        JobHandle handle = runner(1, recorder).submit(job(provider), JobListener.NONE);
        assertThat(provider.started.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.activeJobs()).isEqualTo(1);

        runner.detach(Duration.ofMillis(1));

        assertThat(handle.isDone()).isFalse();
        assertThat(provider.remoteCancels).hasValue(0);
        provider.gate.countDown();
        assertThat(await(handle)).isInstanceOf(JobOutcome.Succeeded.class);
        assertThat(runner.activeJobs()).isZero();
    }

    /** A gate a provider waits on, opened by the test. */
    private static final class CountDownLatchHolder {
        private final java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);

        void await() {
            try {
                latch.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void open() {
            latch.countDown();
        }
    }
}
