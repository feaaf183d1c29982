package io.draftboard.generation;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A provider that answers from a script: failures first, then a result; optionally blocks until released. */
class ScriptedProvider implements Provider {
    final Deque<ProviderException> failures = new ArrayDeque<>();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger concurrent = new AtomicInteger();
    final AtomicInteger maxConcurrent = new AtomicInteger();
    final AtomicInteger remoteCancels = new AtomicInteger();
    final CountDownLatch started = new CountDownLatch(1);
    volatile CountDownLatch gate = new CountDownLatch(0);
    private final int maxJobs;

    ScriptedProvider(int maxJobs) {
        this.maxJobs = maxJobs;
    }

    ScriptedProvider failingWith(ProviderException... script) {
        failures.addAll(java.util.List.of(script));
        return this;
    }

    ScriptedProvider blocking() {
        gate = new CountDownLatch(1);
        return this;
    }

    @Override
    public ProviderInfo info() {
        return new ProviderInfo("scripted", "Scripted", "test-model",
                new ProviderCapabilities(8, true, true, 64, 4096, 1, maxJobs));
    }

    @Override
    public GenerationResult generate(GenerationRequest request, JobContext context) throws ProviderException {
        calls.incrementAndGet();
        int now = concurrent.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        try {
            context.onCancel(remoteCancels::incrementAndGet);
            started.countDown();
            context.submitted("remote-" + calls.get(), "https://poll.example/" + calls.get());
            ProviderException failure;
            synchronized (failures) {
                failure = failures.poll();
            }
            if (failure != null) {
                throw failure;
            }
            context.progress(0.5);
            while (!gate.await(10, TimeUnit.MILLISECONDS)) {
                context.checkCancelled();
            }
            context.checkCancelled();
            context.progress(1.0);
            return new GenerationResult(new byte[] {42}, "image/png", request.seed(), request.width(),
                    request.height(), "remote-" + calls.get(), null, Cost.FREE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(FailureKind.TRANSIENT, "interrupted");
        } finally {
            concurrent.decrementAndGet();
        }
    }

    @Override
    public Cost estimateCost(GenerationRequest request) {
        return new Cost(0.05, true);
    }

    static ProviderException transientFailure() {
        return new ProviderException(FailureKind.TRANSIENT, "HTTP 503 from provider");
    }

    static ProviderException rateLimited(Duration retryAfter) {
        return ProviderException.rateLimited("HTTP 429: too many requests", retryAfter);
    }
}
