package io.draftboard.ui.studio;

import io.draftboard.generation.Cost;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The final's progress as the preview overlay shows it: a final is paid for and can take a minute, so how far
 * it is, how long it has run, what is left and what it costs get more than a thin bar. Properties only, no
 * nodes: tested without a toolkit. FX thread only.
 */
public final class FinalProgress {
    private static final TimeLeft LEFT = new TimeLeft("about %.1f s left", "finishing\u2026", "estimating\u2026");
    private final LongSupplier nanos;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper percent = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper elapsed = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper left = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper cost = new ReadOnlyStringWrapper("");
    private long startedNanos;
    private Duration estimate;

    public FinalProgress(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** A final was sent; {@code expected} is the render service's estimate for it, or null when unknown. */
    public void start(Duration expected, Cost price) {
        startedNanos = nanos.getAsLong();
        estimate = expected;
        fraction.set(0);
        cost.set(price.usd() > 0 ? "Cost " + price.display() : "Free");
        running.set(true);
        tick();
    }

    public void progress(double value) {
        fraction.set(Math.max(0, Math.min(1, value)));
        tick();
    }

    /** Elapsed and time left, read again (the preview's clock calls it five times a second). */
    public void tick() {
        if (!running.get()) {
            return;
        }
        double seconds = (nanos.getAsLong() - startedNanos) / 1e9;
        double p = fraction.get();
        percent.set(p > 0 ? String.format(Locale.ROOT, "%.0f %%", p * 100) : "starting");
        elapsed.set(String.format(Locale.ROOT, "%.1f s elapsed", seconds));
        left.set(LEFT.say(seconds, p, estimate));
    }

    /** The final landed, failed or was cancelled: the overlay goes. */
    public void stop() {
        running.set(false);
        fraction.set(0);
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty percentProperty() {
        return percent.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty elapsedProperty() {
        return elapsed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty leftProperty() {
        return left.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty costProperty() {
        return cost.getReadOnlyProperty();
    }
}
