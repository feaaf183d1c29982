package io.draftboard.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small rules behind the studio's cost, debounce and prompt numbering. */
class StudioMathTest {
    @Test
    void draftSizeKeepsTheAspectOnTheSixteenPixelGridWithinTheCap() {
        assertThat(DraftSize.within(2048, 2048, 1L << 20)).isEqualTo(new DraftSize(1024, 1024));
        assertThat(DraftSize.within(1024, 768, 1L << 20)).isEqualTo(new DraftSize(1024, 768));
        DraftSize wide = DraftSize.within(2560, 1440, 1L << 20);
        assertThat((long) wide.width() * wide.height()).isLessThanOrEqualTo(1L << 20);
        assertThat(wide.width() % 16 + wide.height() % 16).isZero();
    }

    @Test
    void sessionSpendRefusesOnlyPaidDraftsBeyondTheBudget() {
        SessionSpend spend = new SessionSpend();
        Cost draft = new Cost(0.06, true);
        assertThat(spend.refusal(draft)).isEmpty(); // no budget set
        spend.setBudget(0.12);
        spend.charge(draft);
        assertThat(spend.refusal(draft)).isEmpty();
        spend.charge(draft);
        assertThat(spend.refusal(draft)).hasValueSatisfying(m -> assertThat(m).contains("$0.12 of $0.12"));
        assertThat(spend.refusal(Cost.FREE)).isEmpty();
        assertThat(spend.spent().usd()).isCloseTo(0.12, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void debounceStretchesOnlyWhenRendersAverageOverOneAndAHalfSeconds() {
        AdaptiveDebounce debounce = new AdaptiveDebounce(Duration.ofMillis(350));
        assertThat(debounce.recordRender(Duration.ofMillis(250))).isEqualTo(Duration.ofMillis(350));
        for (int i = 0; i < 10; i++) {
            debounce.recordRender(Duration.ofMillis(2500));
        }
        assertThat(debounce.current()).isEqualTo(Duration.ofMillis(850));
        for (int i = 0; i < 10; i++) {
            debounce.recordRender(Duration.ofSeconds(30));
        }
        assertThat(debounce.current()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void mentionsFollowTheirReferencesWhenReorderedOrRemoved() {
        String prompt = "put the logo from image 1 on the mug in image 2, lit like Image 3";
        assertThat(ImageMentions.renumber(prompt, List.of("a", "b", "c"), List.of("b", "a", "c")))
                .isEqualTo("put the logo from image 2 on the mug in image 1, lit like Image 3");
        assertThat(ImageMentions.renumber(prompt, List.of("a", "b", "c"), List.of("a", "c")))
                .isEqualTo("put the logo from image 1 on the mug in image ?, lit like Image 2");
        assertThat(ImageMentions.renumber("image 12 and image1", List.of("a"), List.of("a")))
                .isEqualTo("image 12 and image1");
    }

    @Test
    void renderTimeIsLearnedPerProviderAsALineInStepsTimesMegapixels() {
        RenderTimeEstimate times = new RenderTimeEstimate();
        GenerationRequest draft = GenerationRequest.of("x", 1, 6, 1024, 1024);
        assertThat(times.estimate("offline", draft)).isEmpty();
        times.record("offline", draft, Duration.ofMillis(230));
        assertThat(times.estimate("offline", draft.withSteps(50))).contains(Duration.ofMillis(230)); // one point: its mean
        times.record("offline", 50, 1024, 1024, Duration.ofMillis(800));
        assertThat(times.estimate("offline", draft.withSteps(28)).orElseThrow().toMillis()).isBetween(510L, 520L);
        assertThat(times.estimate("bfl", draft)).isEmpty();
    }
}
