package io.draftboard.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sentences a designer reads when a request does not fit a provider, and the small types behind them. */
class RequestRulesTest {
    private static final ProviderCapabilities CAPS = new ProviderCapabilities(1, true, true, 256, 1024, 4, 1);

    private static Reference reference(String sha256) {
        return new Reference(sha256, "image/png", 1000, 500, new byte[] {1});
    }

    @Test
    void aRequestWithinTheLimitsPasses() {
        CAPS.check("Flux", GenerationRequest.of("x", 1, 4, 256, 1024));
    }

    @Test
    void eachLimitSaysWhatItIsAndWhatWasAsked() {
        GenerationRequest ok = GenerationRequest.of("x", 1, 4, 512, 512);
        assertThatThrownBy(() -> CAPS.check("Flux", ok.withReferences(List.of(reference("a"), reference("b")))))
                .hasMessage("Flux takes at most 1 reference images (got 2)");
        assertThatThrownBy(() -> CAPS.check("Flux", ok.withSize(240, 512)))
                .hasMessage("Flux takes width between 256 and 1024 (got 240)");
        assertThatThrownBy(() -> CAPS.check("Flux", ok.withSize(512, 1040)))
                .hasMessage("Flux takes height between 256 and 1024 (got 1040)");
        assertThatThrownBy(() -> CAPS.check("Flux", ok.withSteps(3)))
                .hasMessage("Flux needs at least 4 steps (got 3)");
    }

    @Test
    void aProviderReturnsAtLeastOneFormat() {
        assertThatThrownBy(() -> new ProviderCapabilities(1, true, true, 256, 1024, 4, 1, java.util.Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReferenceIsKnownByItsImageAndCountsItsMegapixels() {
        Reference a = reference("abcdef0123456789");
        assertThat(a.megapixels()).isEqualTo(0.5);
        assertThat(a).isEqualTo(new Reference("abcdef0123456789", "image/jpeg", 10, 10, new byte[] {2}));
        assertThat(a).isNotEqualTo(reference("other")).isNotEqualTo("abcdef0123456789");
        assertThat(a.hashCode()).isEqualTo("abcdef0123456789".hashCode());
        assertThat(a).hasToString("Reference[abcdef012345, 1000x500]");
        assertThat(reference("short")).hasToString("Reference[short, 1000x500]");
        assertThatThrownBy(() -> new Reference("a", "image/png", 0, 5, new byte[0]))
                .hasMessage("reference image has no pixels");
        assertThatThrownBy(() -> new Reference("a", "image/png", 5, 0, new byte[0]))
                .hasMessage("reference image has no pixels");
        new Reference("a", "image/png", 1, 1, new byte[0]);
    }

    @Test
    void aRedactedFailureKeepsEverythingButTheSecret() {
        IllegalStateException cause = new IllegalStateException("socket");
        ProviderException e = new ProviderException(FailureKind.RATE_LIMITED, "key sk-123 refused",
                Duration.ofSeconds(7), cause);

        ProviderException clean = e.redacted(m -> m.replace("sk-123", "[key]"));

        assertThat(clean.getMessage()).isEqualTo("key [key] refused");
        assertThat(clean.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(clean.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(clean.getCause()).isSameAs(cause);
        assertThat(clean.getStackTrace()).isEqualTo(e.getStackTrace());
        assertThat(e.redacted(m -> m)).isSameAs(e);
    }

    @Test
    void outputFormatsHaveTheirFileNames() {
        assertThat(OutputFormat.JPEG.mediaType()).isEqualTo("image/jpeg");
        assertThat(OutputFormat.JPEG.extension()).isEqualTo("jpg");
        assertThat(OutputFormat.WEBP.wireName()).isEqualTo("webp");
        assertThat(OutputFormat.parse(" JPG ")).isEqualTo(OutputFormat.JPEG);
    }

    @Test
    void bothListenersHearEveryEventInOrder() {
        List<String> heard = new ArrayList<>();
        JobListener first = e -> heard.add("first");
        JobEvent event = new JobEvent.Status(1, java.time.Instant.EPOCH, "x");

        first.andThen(e -> heard.add("second")).onEvent(event);

        assertThat(heard).containsExactly("first", "second");
    }

    @Test
    void aJobsTotalTimeRunsFromQueuedToFinished() {
        java.time.Instant t = java.time.Instant.EPOCH;
        Timings timings = new Timings(t, t.plusSeconds(2), t.plusSeconds(5), 1);
        assertThat(timings.total()).isEqualTo(Duration.ofSeconds(5));
        assertThat(timings.queueWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(timings.runTime()).isEqualTo(Duration.ofSeconds(3));
    }
}
