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

    @Test
    void theSizesOfferedAreTheLargestOnTheGridForEachAspectAndTheOneMegapixelOnesComeFirst() {
        assertThat(SizePreset.of(1, 1, 1)).isEqualTo(new SizePreset("1:1 \u00b7 1 MP", 1024, 1024));
        assertThat(SizePreset.of(16, 9, 1)).isEqualTo(new SizePreset("16:9 \u00b7 1 MP", 1360, 768));
        assertThat(SizePreset.of(4, 3, 1)).isEqualTo(new SizePreset("4:3 \u00b7 1 MP", 1168, 880));
        assertThat(SizePreset.of(2, 3, 2)).isEqualTo(new SizePreset("2:3 \u00b7 2 MP", 1168, 1744));
        assertThat(SizePreset.of(21, 9, 0.25)).isEqualTo(new SizePreset("21:9 \u00b7 0.25 MP", 736, 320));

        assertThat(SizePreset.ALL).hasSize(32);
        assertThat(SizePreset.ALL.subList(0, 8)).allSatisfy(p -> assertThat(p.label()).endsWith(" 1 MP"));
        assertThat(SizePreset.ALL.get(0).toString()).isEqualTo("1:1 \u00b7 1 MP  (1024\u00d71024)");
    }

    @Test
    void theSizeBoxShowsThePresetOfTheEditorsSizeAndNoneForAnyOther() {
        assertThat(SizePreset.matching(1360, 768)).hasValue(new SizePreset("16:9 \u00b7 1 MP", 1360, 768));
        assertThat(SizePreset.matching(768, 1360)).hasValue(new SizePreset("9:16 \u00b7 1 MP", 768, 1360));
        assertThat(SizePreset.matching(1360, 1360)).isEmpty();
        assertThat(SizePreset.matching(1000, 768)).isEmpty();
    }
}
