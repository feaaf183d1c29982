package io.draftboard.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy =
            new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(60));

    @Test
    void backoffDoublesUpToTheCapAndJitterStaysInTheUpperHalf() {
        ProviderException e = new ProviderException(FailureKind.TRANSIENT, "503");
        assertThat(policy.delayAfter(1, e, () -> 0.0)).contains(Duration.ofMillis(250));
        assertThat(policy.delayAfter(1, e, () -> 0.999)).hasValueSatisfying(d -> assertThat(d).isLessThan(Duration.ofMillis(500)));
        assertThat(policy.delayAfter(2, e, () -> 0.0)).contains(Duration.ofMillis(500));
        assertThat(policy.delayAfter(5, e, () -> 0.0)).contains(Duration.ofSeconds(2)); // capped at 4 s, half fixed
    }

    @Test
    void onlyRateLimitsAndTransientFailuresAreRetried() {
        for (FailureKind kind : FailureKind.values()) {
            boolean retried = policy.delayAfter(1, new ProviderException(kind, "x"), () -> 0.5).isPresent();
            assertThat(retried).as(kind.name())
                    .isEqualTo(kind == FailureKind.TRANSIENT || kind == FailureKind.RATE_LIMITED);
        }
    }

    @Test
    void retryAfterIsHonouredAndTooLongAWaitGivesUp() {
        assertThat(policy.delayAfter(1, ProviderException.rateLimited("429", Duration.ofSeconds(9)), () -> 0.5))
                .contains(Duration.ofSeconds(9));
        assertThat(policy.delayAfter(1, ProviderException.rateLimited("429", Duration.ofSeconds(61)), () -> 0.5))
                .isEmpty();
    }

    @Test
    void attemptsAreBounded() {
        ProviderException e = new ProviderException(FailureKind.TRANSIENT, "503");
        assertThat(policy.delayAfter(5, e, () -> 0.5)).isPresent();
        assertThat(policy.delayAfter(6, e, () -> 0.5)).isEmpty();
    }
}
