package io.draftboard.generation;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How long a render will take, learned from the recent renders of each provider: a least-squares line
 * {@code time = fixed + perUnit × steps × megapixels}. Until a provider has two different workloads on
 * record, the estimate is a plain average of what it has seen, or empty.
 */
public final class RenderTimeEstimate {
    private static final int WINDOW = 20;

    private record Sample(double work, double millis) {
    }

    private final Map<String, Deque<Sample>> samples = new HashMap<>();

    public void record(String providerId, GenerationRequest request, Duration took) {
        record(providerId, request.steps(), request.width(), request.height(), took);
    }

    /** A render known only by its numbers (history rows from earlier sessions). */
    public synchronized void record(String providerId, int steps, int width, int height, Duration took) {
        Deque<Sample> list = samples.computeIfAbsent(providerId, k -> new ArrayDeque<>());
        list.addLast(new Sample(work(steps, width, height), took.toMillis()));
        if (list.size() > WINDOW) {
            list.removeFirst();
        }
    }

    public synchronized Optional<Duration> estimate(String providerId, GenerationRequest request) {
        Deque<Sample> list = samples.get(providerId);
        if (list == null || list.isEmpty()) {
            return Optional.empty();
        }
        double n = list.size();
        double meanX = list.stream().mapToDouble(Sample::work).sum() / n;
        double meanY = list.stream().mapToDouble(Sample::millis).sum() / n;
        double sxx = list.stream().mapToDouble(s -> (s.work - meanX) * (s.work - meanX)).sum();
        double sxy = list.stream().mapToDouble(s -> (s.work - meanX) * (s.millis - meanY)).sum();
        double predicted = meanY;
        if (sxx > 1e-9) {
            double slope = Math.max(0, sxy / sxx);
            predicted = meanY + slope * (work(request.steps(), request.width(), request.height()) - meanX);
        }
        return Optional.of(Duration.ofMillis(Math.max(1, Math.round(predicted))));
    }

    /** Steps × output megapixels (10^6, as {@link GenerationRequest#outputMegapixels()} counts them). */
    private static double work(int steps, int width, int height) {
        return steps * ((double) width * height / 1_000_000.0);
    }
}
