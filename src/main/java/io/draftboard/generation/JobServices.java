package io.draftboard.generation;

import java.time.Clock;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/** What every job a {@link JobRunner} runs shares: one retry policy, the recorder, time, and the provider slots. */
record JobServices(RetryPolicy policy, JobRecorder recorder, Clock clock, RetryPause pause, DoubleSupplier random,
        ProviderSlots slots) {
    JobServices {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(recorder, "recorder");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(pause, "pause");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(slots, "slots");
    }
}
