package io.draftboard.generation;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a provider supports, narrower than {@link ModelLimits}. The UI reads it to enforce the reference
 * count and sizes, and {@link #check} rejects a request before anything is sent.
 *
 * @param outputFormats the formats the provider can return (fal has no WebP)
 */
public record ProviderCapabilities(
        int maxReferences,
        boolean canCancel,
        boolean honoursSeed,
        int minSide,
        int maxSide,
        int minSteps,
        int maxConcurrentJobs,
        Set<OutputFormat> outputFormats) {

    public ProviderCapabilities {
        outputFormats = Set.copyOf(Objects.requireNonNull(outputFormats, "outputFormats"));
        if (outputFormats.isEmpty()) {
            throw new IllegalArgumentException("a provider returns at least one output format");
        }
    }

    /** A provider that returns every {@link OutputFormat}. */
    public ProviderCapabilities(int maxReferences, boolean canCancel, boolean honoursSeed, int minSide, int maxSide,
            int minSteps, int maxConcurrentJobs) {
        this(maxReferences, canCancel, honoursSeed, minSide, maxSide, minSteps, maxConcurrentJobs,
                EnumSet.allOf(OutputFormat.class));
    }

    public void check(String providerName, GenerationRequest request) {
        if (request.references().size() > maxReferences) {
            throw new InvalidRequestException("references", providerName + " takes at most " + maxReferences
                    + " reference images (got " + request.references().size() + ")");
        }
        checkSide(providerName, "width", request.width());
        checkSide(providerName, "height", request.height());
        if (request.steps() < minSteps) {
            throw new InvalidRequestException("steps", providerName + " needs at least " + minSteps
                    + " steps (got " + request.steps() + ")");
        }
        if (!outputFormats.contains(request.outputFormat())) {
            throw new InvalidRequestException("outputFormat", providerName + " cannot return "
                    + name(request.outputFormat()) + " images; choose " + EnumSet.copyOf(outputFormats).stream()
                            .map(ProviderCapabilities::name).collect(Collectors.joining(" or ")));
        }
    }

    private static String name(OutputFormat f) {
        return f == OutputFormat.WEBP ? "WebP" : f.name().toUpperCase(Locale.ROOT);
    }

    private void checkSide(String providerName, String field, int value) {
        if (value < minSide || value > maxSide) {
            throw new InvalidRequestException(field, providerName + " takes " + field + " between " + minSide
                    + " and " + maxSide + " (got " + value + ")");
        }
    }
}
