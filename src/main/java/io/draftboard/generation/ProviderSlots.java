package io.draftboard.generation;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * At most {@link ProviderCapabilities#maxConcurrentJobs()} jobs per provider at once: the rest wait here,
 * locally, rather than provoke a storm of 429s. Thread-safe.
 */
final class ProviderSlots {
    private static final Duration SLOT_POLL = Duration.ofMillis(50);

    private final Map<String, Semaphore> slots = new ConcurrentHashMap<>();

    /** A job's claim on one of {@code provider}'s slots, not yet taken. */
    JobSlot slotFor(Provider provider) {
        ProviderInfo info = provider.info();
        int permits = Math.max(1, info.capabilities().maxConcurrentJobs());
        return new JobSlot(slots.computeIfAbsent(info.id(), k -> new Semaphore(permits, true)));
    }

    /** One job's slot; touched only by the worker thread running that job. */
    static final class JobSlot {
        private final Semaphore slot;
        private boolean holding;

        private JobSlot(Semaphore slot) {
            this.slot = Objects.requireNonNull(slot, "slot");
        }

        /** Waits for the slot; false if the job was cancelled meanwhile. */
        boolean acquire(BooleanSupplier cancelled) throws InterruptedException {
            while (!cancelled.getAsBoolean()) {
                if (slot.tryAcquire(SLOT_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                    holding = true;
                    return true;
                }
            }
            return false;
        }

        /** Gives the slot back to the provider's other jobs, if this job holds it. */
        void release() {
            if (holding) {
                holding = false;
                slot.release();
            }
        }
    }
}
