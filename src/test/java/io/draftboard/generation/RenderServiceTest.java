package io.draftboard.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the spend line and the time estimate show after drafts and finals run through the render service. */
class RenderServiceTest {
    private static final GenerationRequest REQUEST = GenerationRequest.of("a red balloon", 42, 6, 1024, 1024);

    private final JobRunner runner = new JobRunner(1, RetryPolicy.DEFAULT, new JobRecorder() {
        @Override
        public long recordSuccess(long journalId, Job job, GenerationResult result, Timings timings) {
            return 7;
        }

        @Override
        public boolean recordFailure(long journalId, Job job, FailureKind kind, String message, Timings timings,
                boolean billed) {
            return billed;
        }

        @Override
        public void recordCancellation(long journalId, Job job, Timings timings, CancelCharge charge) {
        }
    }, Clock.systemUTC(), (delay, cancelled) -> false, () -> 0.5);
    private final RenderService service = new RenderService(runner);
    private final List<String> heard = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        runner.close();
    }

    /** Fails with {@code kind}; moderated failures are not billed, as BFL documents. */
    private static ScriptedProvider failing(FailureKind kind) {
        return failing(kind, new java.util.concurrent.CountDownLatch(0));
    }

    /** Fails with {@code kind} once {@code go} opens; BFL's rule: only moderated failures are free. */
    private static ScriptedProvider failing(FailureKind kind, java.util.concurrent.CountDownLatch go) {
        ScriptedProvider provider = new ScriptedProvider(1) {
            @Override
            public GenerationResult generate(GenerationRequest request, JobContext context) throws ProviderException {
                try {
                    go.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.generate(request, context);
            }

            @Override
            public boolean billsFailure(FailureKind k) {
                return k != FailureKind.MODERATED;
            }
        };
        return provider.failingWith(new ProviderException(kind, "no"));
    }

    /** Runs {@code job}; the handle's outcome completes once the service has settled spend and time. */
    private JobOutcome run(Job job) throws Exception {
        return service.submit(job, e -> { }).outcome().get(10, TimeUnit.SECONDS);
    }

    private void listen() {
        service.addListener(new RenderService.Listener() {
            @Override
            public void charged(Job job) {
                heard.add("charged " + job.kind());
            }

            @Override
            public void started(Job job) {
                heard.add("started " + job.kind());
            }

            @Override
            public void finished(Job job, JobOutcome outcome) {
                heard.add("finished " + outcome.getClass().getSimpleName());
            }
        });
    }

    @Test
    void aPaidDraftIsChargedAndCountedAmongTheDrafts() throws Exception {
        listen();
        JobOutcome outcome = run(Job.draft(REQUEST, new ScriptedProvider(1)));

        assertThat(outcome).isInstanceOf(JobOutcome.Succeeded.class);
        assertThat(service.spend().spent().usd()).isEqualTo(0.05);
        assertThat(service.spend().paidDrafts()).isEqualTo(1);
        assertThat(service.spend().draftSpend().usd()).isEqualTo(0.05);
        assertThat(heard).containsExactly("charged DRAFT", "started DRAFT", "finished Succeeded");
    }

    @Test
    void aFinalIsChargedButNotCountedAsADraft() throws Exception {
        run(new Job(REQUEST, new ScriptedProvider(1), RenderKind.FINAL, null));

        assertThat(service.spend().spent().usd()).isEqualTo(0.05);
        assertThat(service.spend().paidDrafts()).isZero();
        assertThat(service.spend().draftSpend().usd()).isZero();
    }

    @Test
    void aModeratedDraftTheProviderDoesNotBillIsGivenBack() throws Exception {
        listen();
        JobOutcome outcome = run(Job.draft(REQUEST, failing(FailureKind.MODERATED)));

        assertThat(outcome).isInstanceOf(JobOutcome.Failed.class);
        assertThat(service.spend().spent().usd()).isZero();
        assertThat(service.spend().paidDrafts()).isZero();
        assertThat(heard).containsExactly("charged DRAFT", "started DRAFT", "finished Failed");
    }

    @Test
    void aModeratedFinalTheProviderDoesNotBillIsGivenBack() throws Exception {
        run(new Job(REQUEST, failing(FailureKind.MODERATED), RenderKind.FINAL, null));

        assertThat(service.spend().spent().usd()).isZero();
    }

    @Test
    void aFailureTheProviderSaysIsNotChargedIsGivenBackWhateverItsKind() throws Exception {
        ScriptedProvider provider = new ScriptedProvider(1)
                .failingWith(new ProviderException(FailureKind.PERMANENT, "failed job").notBilled());

        JobOutcome outcome = run(new Job(REQUEST, provider, RenderKind.FINAL, null));

        assertThat(((JobOutcome.Failed) outcome).billed()).isFalse();
        assertThat(service.spend().spent().usd()).isZero();
    }

    @Test
    void aFailureTheProviderBillsStaysCharged() throws Exception {
        run(new Job(REQUEST, failing(FailureKind.PERMANENT), RenderKind.FINAL, null));
        run(Job.draft(REQUEST, failing(FailureKind.PERMANENT)));

        assertThat(service.spend().spent().usd()).isEqualTo(0.10, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(service.spend().paidDrafts()).isEqualTo(1);
    }

    @Test
    void aRemovedListenerHearsNothingMore() throws Exception {
        RenderService.Listener listener = new RenderService.Listener() {
            @Override
            public void charged(Job job) {
                heard.add("charged");
            }
        };
        service.addListener(listener);
        service.removeListener(listener);
        run(Job.draft(REQUEST, new ScriptedProvider(1)));

        assertThat(heard).isEmpty();
    }

    @Test
    void onlyASuccessTeachesTheTimeEstimate() throws Exception {
        assertThat(service.estimate("scripted", REQUEST)).isEmpty();
        run(Job.draft(REQUEST, failing(FailureKind.PERMANENT)));
        assertThat(service.estimate("scripted", REQUEST)).isEmpty();

        run(Job.draft(REQUEST, new ScriptedProvider(1)));

        assertThat(service.estimate("scripted", REQUEST)).hasValueSatisfying(d -> assertThat(d).isPositive());
        assertThat(service.estimate("other", REQUEST)).isEmpty();
    }

    @Test
    void theHandleCompletesOnlyOnceTheServiceHasSettledTheJob() throws Exception {
        java.util.concurrent.CountDownLatch heardFinished = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        service.addListener(new RenderService.Listener() {
            @Override
            public void finished(Job job, JobOutcome outcome) {
                heardFinished.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        // The job may not end before submit returns: a job that ends first is settled on the submitting thread.
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        JobHandle handle = service.submit(Job.draft(REQUEST, failing(FailureKind.MODERATED, go)), e -> { });
        go.countDown();

        assertThat(heardFinished.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(service.spend().spent().usd()).isZero(); // refunded before anyone hears it finished
        assertThat(handle.isDone()).isFalse(); // and the handle waits for the listeners too
        release.countDown();
        assertThat(handle.outcome().get(10, TimeUnit.SECONDS)).isInstanceOf(JobOutcome.Failed.class);
    }

    @Test
    void aListenerThatThrowsDoesNotKeepTheHandleFromCompleting() throws Exception {
        service.addListener(new RenderService.Listener() {
            @Override
            public void finished(Job job, JobOutcome outcome) {
                throw new IllegalStateException("a broken listener");
            }
        });

        assertThat(run(Job.draft(REQUEST, new ScriptedProvider(1)))).isInstanceOf(JobOutcome.Succeeded.class);
    }

    @Test
    void rendersOfAnEarlierSessionTeachTheEstimate() {
        service.learn("scripted", 6, 1024, 1024, Duration.ofSeconds(3));

        assertThat(service.estimate("scripted", REQUEST)).contains(Duration.ofSeconds(3));
    }
}
