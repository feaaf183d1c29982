package io.draftboard.generation;

/**
 * The quality slider: a position is a step count from 1 to 50. Drafts render at {@link #draftSteps()},
 * finals at {@link #finalSteps()}; both are user settings.
 */
public record Quality(int draftSteps, int finalSteps) {
    public static final int DEFAULT_DRAFT_STEPS = 6;
    public static final int DEFAULT_FINAL_STEPS = 50;
    public static final Quality DEFAULT = new Quality(DEFAULT_DRAFT_STEPS, DEFAULT_FINAL_STEPS);

    public enum Tier { DRAFT, BALANCED, FINAL }

    public Quality {
        checkSteps("draftSteps", draftSteps);
        checkSteps("finalSteps", finalSteps);
        if (draftSteps >= finalSteps) {
            throw new InvalidRequestException("draftSteps", "draft steps (" + draftSteps
                    + ") must be fewer than final steps (" + finalSteps + ")");
        }
    }

    /** Steps for a slider position; positions outside 1–50 snap to the nearest end. */
    public int stepsAt(double sliderPosition) {
        long rounded = Math.round(sliderPosition);
        return (int) Math.max(ModelLimits.MIN_STEPS, Math.min(ModelLimits.MAX_STEPS, rounded));
    }

    public Tier tierOf(int steps) {
        if (steps <= draftSteps) {
            return Tier.DRAFT;
        }
        return steps >= finalSteps ? Tier.FINAL : Tier.BALANCED;
    }

    /** The slider's label: "Draft · 6", "Balanced · 20", "Final · 50". */
    public String label(int steps) {
        String name = switch (tierOf(steps)) {
            case DRAFT -> "Draft";
            case BALANCED -> "Balanced";
            case FINAL -> "Final";
        };
        return name + " \u00b7 " + steps;
    }

    private static void checkSteps(String field, int steps) {
        if (steps < ModelLimits.MIN_STEPS || steps > ModelLimits.MAX_STEPS) {
            throw new InvalidRequestException(field, field + " must be between " + ModelLimits.MIN_STEPS + " and "
                    + ModelLimits.MAX_STEPS + " (got " + steps + ")");
        }
    }
}
