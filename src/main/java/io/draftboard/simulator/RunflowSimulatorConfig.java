package io.draftboard.simulator;

import java.time.Duration;

/**
 * How the loopback Runflow stand-in behaves: latency (fixed + per step × megapixel), the faults it injects and
 * the account's balance.
 *
 * @param requiredKey   the only token accepted, or null for any non-blank Bearer token
 * @param failWord      a prompt containing it ends {@code failed} (provider error); null: never
 * @param moderateWord  a prompt containing it ends {@code failed} by the safety checker; null: never
 * @param balanceUsd    what the account holds; a run costing more is refused with 402 {@code INSUFFICIENT_CREDIT}
 */
public record RunflowSimulatorConfig(int port, String requiredKey, Duration fixedLatency, Duration perStepMegapixel,
        String failWord, String moderateWord, double balanceUsd) {

    public static RunflowSimulatorConfig defaults() {
        return new RunflowSimulatorConfig(0, null, Duration.ofMillis(400), Duration.ofMillis(60), null, null, 100.0);
    }

    public Duration latency(int steps, double megapixels) {
        return fixedLatency.plusNanos((long) (perStepMegapixel.toNanos() * steps * megapixels));
    }

    public RunflowSimulatorConfig withPort(int p) {
        return new RunflowSimulatorConfig(p, requiredKey, fixedLatency, perStepMegapixel, failWord, moderateWord,
                balanceUsd);
    }

    public RunflowSimulatorConfig withKey(String key) {
        return new RunflowSimulatorConfig(port, key, fixedLatency, perStepMegapixel, failWord, moderateWord, balanceUsd);
    }

    public RunflowSimulatorConfig withLatency(Duration fixed, Duration perStepMp) {
        return new RunflowSimulatorConfig(port, requiredKey, fixed, perStepMp, failWord, moderateWord, balanceUsd);
    }

    public RunflowSimulatorConfig withFaults(String fail, String moderate) {
        return new RunflowSimulatorConfig(port, requiredKey, fixedLatency, perStepMegapixel, fail, moderate, balanceUsd);
    }

    public RunflowSimulatorConfig withBalance(double usd) {
        return new RunflowSimulatorConfig(port, requiredKey, fixedLatency, perStepMegapixel, failWord, moderateWord, usd);
    }
}
