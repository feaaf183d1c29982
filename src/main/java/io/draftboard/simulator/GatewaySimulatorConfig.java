package io.draftboard.simulator;

import java.time.Duration;

/**
 * How the loopback OpenAI-compatible gateway behaves.
 *
 * @param requiredKey  the only Bearer token accepted, or null for any non-blank one
 * @param model        the one model id it serves; any other is 404 {@code model_not_found}
 * @param asyncJobs    answer 202 with a job to poll at {@code /v1/jobs/{id}} (AIgateway's heavy models)
 * @param reportCost   put what each image cost in {@code metadata.cost} (Lumenfall)
 * @param failWord     a prompt containing it fails upstream; null: never
 * @param moderateWord a prompt containing it is refused by the content policy; null: never
 */
public record GatewaySimulatorConfig(int port, String requiredKey, String model, boolean asyncJobs, boolean reportCost,
        String failWord, String moderateWord, Duration fixedLatency, Duration perStepMegapixel) {
    public static final String FLEX = "black-forest-labs/flux-2-flex";

    public static GatewaySimulatorConfig defaults() {
        return new GatewaySimulatorConfig(0, null, FLEX, false, false, null, null, Duration.ofMillis(200),
                Duration.ofMillis(20));
    }

    public Duration latency(int steps, double megapixels) {
        return fixedLatency.plusNanos((long) (perStepMegapixel.toNanos() * steps * megapixels));
    }

    public GatewaySimulatorConfig withModes(boolean async, boolean cost) {
        return new GatewaySimulatorConfig(port, requiredKey, model, async, cost, failWord, moderateWord, fixedLatency,
                perStepMegapixel);
    }

    public GatewaySimulatorConfig withModel(String m) {
        return new GatewaySimulatorConfig(port, requiredKey, m, asyncJobs, reportCost, failWord, moderateWord,
                fixedLatency, perStepMegapixel);
    }
}
