package io.draftboard.ui.studio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every portrait preset is its landscape twin turned on its side, and every preset keeps to its budget. */
class SizePresetTest {
    @Test
    void threeByFourIsFourByThreeOnItsSide() {
        SizePreset landscape = SizePreset.of(4, 3, 1);
        SizePreset portrait = SizePreset.of(3, 4, 1);

        assertThat(portrait.width()).isEqualTo(landscape.height());
        assertThat(portrait.height()).isEqualTo(landscape.width());
    }

    @Test
    void everyPresetWithATwinMirrorsItAndStaysWithinItsMegapixelsOnTheGrid() {
        for (SizePreset p : SizePreset.ALL) {
            String[] ratio = p.label().split(" ")[0].split(":");
            String twinAspect = ratio[1] + ":" + ratio[0];
            String megapixels = p.label().substring(p.label().indexOf('\u00b7') + 2);
            SizePreset.ALL.stream().filter(q -> q.label().equals(twinAspect + " \u00b7 " + megapixels)).findFirst()
                    .ifPresent(twin -> assertThat(twin.width() + "x" + twin.height()).as(p.label())
                            .isEqualTo(p.height() + "x" + p.width()));
            double budget = Double.parseDouble(megapixels.replace(" MP", "")) * (1 << 20);
            assertThat((double) p.width() * p.height()).as(p.label()).isLessThanOrEqualTo(budget);
            assertThat(p.width() % 16).isZero();
            assertThat(p.height() % 16).isZero();
        }
    }
}
