package io.draftboard.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollPlanTest {
    /** When a job that finishes {@code latencyMs} after it was accepted is seen, and how many polls that took. */
    record Seen(long atMs, int polls) {
        double ratio(long latencyMs) {
            return atMs / (double) latencyMs;
        }
    }

    static Seen follow(PollPlan plan, long latencyMs) {
        long t = 0;
        int polls = 0;
        while (true) {
            Duration gap = plan.nextDelay(Duration.ofMillis(t));
            assertThat(gap).isGreaterThanOrEqualTo(PollPlan.FLOOR);
            t += gap.toMillis();
            polls++;
            if (t >= latencyMs) {
                return new Seen(t, polls);
            }
        }
    }

    static List<Duration> evenly(long fromMs, long toMs, int n) {
        List<Duration> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Duration.ofMillis(fromMs + (toMs - fromMs) * i / (n - 1)));
        }
        return out;
    }

    @Test
    void withNothingKnownItIsTheFixedHalfSecondCadence() {
        PollPlan cold = PollPlan.from(List.of());
        assertThat(cold).isInstanceOf(PollPlan.Cold.class);
        assertThat(cold.nextDelay(Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(cold.nextDelay(Duration.ofMillis(9_999))).isEqualTo(Duration.ofMillis(500));
        assertThat(cold.nextDelay(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(1));
        assertThat(cold.nextDelay(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void withNoHistoryAJobIsNeverSeenLaterThanByAFixedHalfSecondPoller() {
        PollSchedule adaptive = new PollSchedule();
        for (long latency = 50; latency <= 9_000; latency += 37) {
            long fixedHalfSecond = (latency + 499) / 500 * 500;
            assertThat(follow(adaptive.plan("6@4", List.of()), latency).atMs()).isLessThanOrEqualTo(fixedHalfSecond);
        }
    }

    @Test
    void aSpreadOfPastDurationsIsCoveredDenselyAndWithinThePollBudget() {
        PollPlan plan = PollPlan.from(evenly(800, 2200, 20)); // a BFL draft whose latency varies 0.8-2.2 s
        for (long latency = 800; latency <= 2200; latency += 10) {
            Seen seen = follow(plan, latency);
            // the budget, not the finest step, sets the density here: 24 geometric steps across the spread
            assertThat(seen.ratio(latency)).as("seen/latency at %d ms", latency).isLessThanOrEqualTo(1.056);
            assertThat(seen.polls()).as("polls at %d ms", latency).isLessThanOrEqualTo(25);
        }
        assertThat(follow(plan, 1500).polls()).isLessThanOrEqualTo(18);
    }

    @Test
    void aLongJobWaitsOutTheFastEndOfItsSpreadWithOnlySparsePolls() {
        PollPlan plan = PollPlan.from(evenly(6_000, 9_000, 20)); // a 30-step flex job
        Seen early = follow(plan, 50); // a refusal that comes at once is still seen within seconds
        assertThat(early.atMs()).isBetween(2_000L, 5_000L);
        for (long latency = 6_000; latency <= 9_000; latency += 25) {
            Seen seen = follow(plan, latency);
            assertThat(seen.ratio(latency)).isLessThanOrEqualTo(1.047); // the finest step: seen within 4.5 %
            assertThat(seen.polls()).isLessThanOrEqualTo(19);
        }
    }

    @Test
    void theSpreadNotOnlyTheMeanPlacesThePolls() {
        PollPlan narrow = PollPlan.from(evenly(1_450, 1_550, 20));
        PollPlan wide = PollPlan.from(evenly(800, 2_200, 20)); // the same mean
        assertThat(((PollPlan.Fitted) narrow).first()).isGreaterThan(((PollPlan.Fitted) wide).first());
        assertThat(follow(narrow, 1_500).polls()).isLessThan(follow(wide, 1_500).polls());
        assertThat(follow(narrow, 1_500).ratio(1_500)).isLessThanOrEqualTo(1.065);
    }

    @Test
    void pollsNeverComeCloserThanTheFloor() {
        PollPlan plan = PollPlan.from(evenly(5, 20, 20)); // a provider that answers in milliseconds
        for (long t = 0; t < 3_000; t += 7) {
            assertThat(plan.nextDelay(Duration.ofMillis(t))).isGreaterThanOrEqualTo(PollPlan.FLOOR);
        }
    }

    @Test
    void aJobFarLaterThanAnySeenBacksOffToTheCap() {
        PollPlan plan = PollPlan.from(evenly(900, 1_100, 20));
        Seen late = follow(plan, 30_000); // a queue at the provider
        assertThat(late.polls()).isLessThan(follow(new PollPlan.Cold(), 30_000).polls()); // fewer than with nothing known
        assertThat(late.atMs() - 30_000).isLessThanOrEqualTo(PollPlan.CAP.toMillis());
        assertThat(plan.nextDelay(Duration.ofMinutes(5))).isEqualTo(PollPlan.CAP);
    }

    @Test
    void oneSampleIsTrustedLessThanTwenty() {
        PollPlan one = PollPlan.from(List.of(Duration.ofMillis(1_500)));
        PollPlan twenty = PollPlan.from(evenly(1_500, 1_500, 20));
        assertThat(((PollPlan.Fitted) one).last()).isGreaterThan(((PollPlan.Fitted) twenty).last());
    }
}
