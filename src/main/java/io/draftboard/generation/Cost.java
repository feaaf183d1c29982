package io.draftboard.generation;

import java.util.Locale;

/**
 * What a request costs in US dollars. {@code estimated} is true when it comes from the provider's pricing
 * rule rather than from the provider's own answer (BFL echoes {@code cost} in credits; others do not).
 */
public record Cost(double usd, boolean estimated) {
    public static final Cost FREE = new Cost(0.0, false);

    public Cost {
        if (!(usd >= 0) || Double.isInfinite(usd)) {
            throw new IllegalArgumentException("cost must be a non-negative amount, got " + usd);
        }
    }

    public Cost plus(Cost other) {
        return new Cost(usd + other.usd, estimated || other.estimated);
    }

    /** "$0.00", "≈$0.10" for an estimate. */
    public String display() {
        return (estimated ? "\u2248" : "") + String.format(Locale.ROOT, "$%.2f", usd);
    }
}
