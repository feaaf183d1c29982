package io.draftboard.ui.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.Reference;
import io.draftboard.generation.Seeds;
import io.draftboard.provider.offline.OfflineProvider;
import io.draftboard.settings.StudioSettings;
import io.draftboard.ui.FakeEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The designer's edits, without a toolkit: every field they change is drafted, the switches they flip (live
 * drafts, the 1 MP cap, the budget, new settings) take effect at once, and a seed they type is checked.
 */
class EditorEditsTest {
    private static final Reference SKETCH = new Reference("a".repeat(64), "image/png", 640, 480, new byte[] {1});
    private static final Reference PHOTO = new Reference("b".repeat(64), "image/png", 800, 600, new byte[] {2});

    private final OfflineProvider offline = new OfflineProvider();
    private final FakeEngine paid = new FakeEngine("paid", 0.05, 1);
    private final DraftingEditor drafting = new DraftingEditor(List.of(offline, paid));
    private final EditorModel editor = drafting.editor;

    @AfterEach
    void tearDown() {
        drafting.close();
    }

    @Test
    void everyFieldTheDesignerChangesIsDraftedWithItsNewValue() {
        editor.promptProperty().set("a red balloon");
        assertThat(drafting.settle()).extracting(GenerationRequest::prompt).containsExactly("a red balloon");

        editor.guidanceProperty().set(3.5);
        assertThat(drafting.settle()).extracting(GenerationRequest::guidance).containsExactly(3.5);
        editor.widthProperty().set(768);
        assertThat(drafting.settle()).extracting(GenerationRequest::width).containsExactly(768);
        editor.heightProperty().set(512);
        assertThat(drafting.settle()).extracting(GenerationRequest::height).containsExactly(512);
        editor.promptUpsamplingProperty().set(true);
        assertThat(drafting.settle()).extracting(GenerationRequest::promptUpsampling).containsExactly(true);
        editor.outputFormatProperty().set(OutputFormat.JPEG);
        assertThat(drafting.settle()).extracting(GenerationRequest::outputFormat).containsExactly(OutputFormat.JPEG);
        editor.references().replaceAll(List.of(SKETCH));
        assertThat(drafting.settle()).extracting(GenerationRequest::references).containsExactly(List.of(SKETCH));
    }

    @Test
    void movingTheFinalSliderDraftsNothingButItsLabelFollows() {
        editor.promptProperty().set("a red balloon");
        drafting.settle();

        editor.finalStepsProperty().set(12);

        assertThat(drafting.settle()).isEmpty();
        assertThat(editor.qualityLabelProperty().get()).startsWith("Balanced \u00b7 12 \u00b7 ");
    }

    @Test
    void anotherProviderIsDraftedOnAtOnceAndOneTakingFewerReferencesSaysSoWithoutDroppingAny() {
        editor.promptProperty().set("a red balloon");
        editor.references().replaceAll(List.of(SKETCH, PHOTO));
        drafting.settle();

        editor.providerProperty().set(paid);

        assertThat(editor.chosenProvider()).isSameAs(paid);
        assertThat(editor.references().messageProperty().get())
                .isEqualTo("This provider takes at most 1 reference images; remove 1 before rendering.");
        assertThat(editor.references().items()).containsExactly(SKETCH, PHOTO);
        assertThat(editor.currentRequest()).as("too many references for it").isEmpty();
        assertThat(drafting.invalid).last().asString().contains("takes at most 1 reference images");

        editor.references().remove(1);
        assertThat(drafting.settle()).extracting(GenerationRequest::references).containsExactly(List.of(SKETCH));
    }

    @Test
    void withLiveDraftsOffEditsDraftNothingUntilTheyAreOnAgain() {
        editor.promptProperty().set("a red balloon");
        drafting.settle();

        editor.liveDraftsProperty().set(false);
        editor.promptProperty().set("a blue balloon");
        assertThat(drafting.settle()).isEmpty();

        editor.liveDraftsProperty().set(true);
        editor.promptProperty().set("a green balloon");
        assertThat(drafting.settle()).extracting(GenerationRequest::prompt).containsExactly("a green balloon");
    }

    @Test
    void draftsAreCappedAtOneMegapixelUntilTheCapIsTurnedOff() {
        editor.promptProperty().set("a red balloon");
        editor.widthProperty().set(2048);
        editor.heightProperty().set(2048);
        GenerationRequest capped = drafting.settle().get(0);
        assertThat((long) capped.width() * capped.height()).isLessThanOrEqualTo(1L << 20);

        editor.capDraftsProperty().set(false);
        editor.promptProperty().set("a blue balloon");
        GenerationRequest full = drafting.settle().get(0);
        assertThat(full.width()).isEqualTo(2048);
        assertThat(full.height()).isEqualTo(2048);
    }

    @Test
    void aBudgetShowsInTheSpendLineAndANegativeOneMeansNone() {
        editor.budgetProperty().set(2);
        assertThat(editor.spentProperty().get()).isEqualTo("Session spend $0.00 of $2.00");
        assertThat(drafting.renders.spend().budget()).isEqualTo(2.0);

        editor.budgetProperty().set(-1);
        assertThat(editor.spentProperty().get()).isEqualTo("Session spend $0.00");
        assertThat(drafting.renders.spend().budget()).isZero();
    }

    @Test
    void newSettingsChangeTheDraftStepsTheFinalSliderAndTheCapAtOnce() {
        editor.promptProperty().set("a red balloon");
        editor.widthProperty().set(2048);
        editor.heightProperty().set(2048);
        drafting.settle();

        editor.apply(new StudioSettings(4, 30, 350, StudioSettings.Theme.LIGHT, true, false, 0, true, Map.of()));

        assertThat(editor.draftStepsProperty().get()).isEqualTo(4);
        assertThat(editor.finalStepsProperty().get()).isEqualTo(30);
        assertThat(editor.capDraftsProperty().get()).isFalse();
        assertThat(editor.qualityLabelProperty().get()).contains("30");
        editor.promptProperty().set("a blue balloon");
        GenerationRequest draft = drafting.settle().get(0);
        assertThat(draft.steps()).isEqualTo(4);
        assertThat(draft.width()).isEqualTo(2048);
    }

    @Test
    void aTypedSeedIsTakenFromZeroToTheLargestAndRefusedOutsideThem() {
        assertThat(editor.lockSeed("0")).isTrue();
        assertThat(editor.currentSeed()).isZero();
        assertThat(editor.lockSeed(Long.toString(Seeds.MAX))).isTrue();
        assertThat(editor.seedProperty().get()).isEqualTo(Long.toString(Seeds.MAX));
        assertThat(drafting.said).isEmpty();

        assertThat(editor.lockSeed("-1")).isFalse();
        assertThat(editor.lockSeed(Long.toString(Seeds.MAX + 1))).isFalse();
        assertThat(drafting.said).hasSize(2);
        assertThat(editor.currentSeed()).isEqualTo(Seeds.MAX);
        assertThat(editor.seedProperty().get()).isEqualTo(Long.toString(Seeds.MAX));
    }

    @Test
    void anUnlockedSeedChangesWithEveryEditAndTheFieldShowsTheOneDrafted() {
        editor.seedLockedProperty().set(false);
        editor.promptProperty().set("a red balloon");
        GenerationRequest first = drafting.settle().get(0);
        editor.promptProperty().set("a blue balloon");
        GenerationRequest second = drafting.settle().get(0);

        assertThat(second.seed()).isNotEqualTo(first.seed());
        assertThat(editor.seedProperty().get()).isEqualTo(Long.toString(second.seed()));

        editor.shuffleSeed();
        assertThat(editor.seedProperty().get()).isNotEqualTo(Long.toString(second.seed()))
                .isEqualTo(Long.toString(editor.currentSeed()));
    }

    @Test
    void aProviderIsPaidWhenItsDraftsCostMoney() {
        assertThat(EditorModel.isPaid(paid)).isTrue();
        assertThat(EditorModel.isPaid(offline)).isFalse();
    }

    @Test
    void theEditorStartsAsTheSettingsSay() {
        try (DraftingEditor fromSettings = new DraftingEditor(List.of(offline), new StudioSettings(6, 30, 350,
                StudioSettings.Theme.LIGHT, false, false, 2.0, true, Map.of()))) {
            EditorModel e = fromSettings.editor;
            assertThat(e.liveDraftsProperty().get()).isFalse();
            assertThat(e.capDraftsProperty().get()).isFalse();
            assertThat(e.finalStepsProperty().get()).isEqualTo(30);
            assertThat(e.spentProperty().get()).isEqualTo("Session spend $0.00 of $2.00");
            assertThat(e.seedProperty().get()).isEqualTo("1234");
            assertThat(e.draftStepsProperty().get()).isEqualTo(6);

            e.widthProperty().set(2048);
            e.heightProperty().set(2048);
            e.promptProperty().set("a red balloon");
            assertThat(fromSettings.settle()).as("live drafts off").isEmpty();
            e.liveDraftsProperty().set(true);
            e.promptProperty().set("a blue balloon");
            assertThat(fromSettings.settle()).extracting(GenerationRequest::width).as("uncapped").containsExactly(2048);
        }
    }

    @Test
    void aPaidDraftOverTheBudgetIsNotSentAndOneWithinItIs() {
        assertThat(draftsWithBudget(0.01)).isEmpty();
        assertThat(draftsWithBudget(1.0)).extracting(GenerationRequest::prompt).containsExactly("a red balloon");
    }

    private List<GenerationRequest> draftsWithBudget(double usd) {
        try (DraftingEditor budgeted = new DraftingEditor(List.of(paid), new StudioSettings(6, 50, 350,
                StudioSettings.Theme.LIGHT, true, true, usd, true, Map.of()))) {
            budgeted.editor.promptProperty().set("a red balloon");
            return budgeted.settle();
        }
    }
}
