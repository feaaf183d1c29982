package io.draftboard.generation;

/**
 * What a provider supports, narrower than {@link ModelLimits}. The UI reads it to enforce the reference
 * count and sizes, and {@link #check} rejects a request before anything is sent.
 */
public record ProviderCapabilities(
        int maxReferences,
        boolean canCancel,
        boolean honoursSeed,
        int minSide,
        int maxSide,
        int minSteps,
        int maxConcurrentJobs) {

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
    }

    private void checkSide(String providerName, String field, int value) {
        if (value < minSide || value > maxSide) {
            throw new InvalidRequestException(field, providerName + " takes " + field + " between " + minSide
                    + " and " + maxSide + " (got " + value + ")");
        }
    }
}
