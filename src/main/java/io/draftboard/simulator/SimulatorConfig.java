package io.draftboard.simulator;

import java.time.Duration;

/**
 * How the loopback BFL simulator behaves: its latency model (fixed + per step × megapixel) and the faults
 * it injects, so end-to-end tests and benchmarks can exercise the real {@code provider.bfl} here.
 *
 * @param rateLimitEvery  every Nth submit answers 429 with {@code retryAfter} (0: never)
 * @param failFirst       the first N requests of any kind answer 503 (a 5xx burst)
 * @param moderateWord    a prompt containing it ends as Request Moderated (null: never)
 * @param slowDownload    extra time spent sending each result image
 * @param resultUrlTtl    how long a result link stays valid after the task is ready
 * @param requiredKey     the only key accepted, or null to accept any non-blank key
 */
public record SimulatorConfig(
        int port,
        Duration fixedLatency,
        Duration perStepMegapixel,
        int rateLimitEvery,
        Duration retryAfter,
        int failFirst,
        String moderateWord,
        Duration slowDownload,
        Duration resultUrlTtl,
        int maxActiveTasks,
        String requiredKey) {

    public static SimulatorConfig defaults() {
        return new SimulatorConfig(0, Duration.ofMillis(400), Duration.ofMillis(60), 0, Duration.ofSeconds(1), 0, null,
                Duration.ZERO, Duration.ofMinutes(10), 24, null);
    }

    /** The latency a job of {@code steps} at {@code megapixels} is given. */
    public Duration latency(int steps, double megapixels) {
        return fixedLatency.plusNanos((long) (perStepMegapixel.toNanos() * steps * megapixels));
    }

    public SimulatorConfig withPort(int p) {
        return new SimulatorConfig(p, fixedLatency, perStepMegapixel, rateLimitEvery, retryAfter, failFirst,
                moderateWord, slowDownload, resultUrlTtl, maxActiveTasks, requiredKey);
    }

    public SimulatorConfig withLatency(Duration fixed, Duration perStepMp) {
        return new SimulatorConfig(port, fixed, perStepMp, rateLimitEvery, retryAfter, failFirst, moderateWord,
                slowDownload, resultUrlTtl, maxActiveTasks, requiredKey);
    }

    public SimulatorConfig withFaults(int rateLimitEveryN, Duration wait, int failFirstN, String moderate) {
        return new SimulatorConfig(port, fixedLatency, perStepMegapixel, rateLimitEveryN, wait, failFirstN, moderate,
                slowDownload, resultUrlTtl, maxActiveTasks, requiredKey);
    }

    public SimulatorConfig withDownloads(Duration slow, Duration ttl) {
        return new SimulatorConfig(port, fixedLatency, perStepMegapixel, rateLimitEvery, retryAfter, failFirst,
                moderateWord, slow, ttl, maxActiveTasks, requiredKey);
    }
}
