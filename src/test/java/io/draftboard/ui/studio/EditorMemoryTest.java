package io.draftboard.ui.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.Reference;
import io.draftboard.provider.offline.OfflineProvider;
import io.draftboard.ui.FakeEngine;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the editor remembers, without a toolkit: Ctrl+Z after a recall puts the designer's work back, and a
 * session restored at start sends nothing (so a paid provider spends nothing) until the designer edits or asks.
 * A draft "follows" when the debounce, on a virtual clock, hands a request to the renderer.
 */
class EditorMemoryTest {
    private static final Reference SKETCH = new Reference("a".repeat(64), "image/png", 640, 480, new byte[] {1});
    private static final Reference PHOTO = new Reference("b".repeat(64), "image/png", 800, 600, new byte[] {2});

    private final OfflineProvider offline = new OfflineProvider();
    private final FakeEngine other = new FakeEngine("other", 0, 4);
    private final DraftingEditor drafting = new DraftingEditor(List.of(offline, other));
    private final EditorModel editor = drafting.editor;

    @AfterEach
    void tearDown() {
        drafting.close();
    }

    @Test
    void undoingARecallPutsBackEverythingItReplacedAndDraftsIt() {
        editor.promptProperty().set("my own lighthouse");
        editor.widthProperty().set(1344);
        editor.heightProperty().set(768);
        editor.guidanceProperty().set(3.0);
        editor.finalStepsProperty().set(30);
        editor.outputFormatProperty().set(OutputFormat.WEBP);
        editor.references().replaceAll(List.of(SKETCH));
        editor.lockSeed(42);
        EditorState mine = editor.memory().snapshot();
        settle();

        editor.recall(new Recalled("history #9", "castle at dusk", 77L, 20, 6.0, 512, 512, OutputFormat.JPEG, true,
                "other", List.of(PHOTO)));
        assertThat(editor.memory().beforeRecallProperty().get()).isEqualTo(mine);
        assertThat(editor.providerProperty().get()).isSameAs(other);
        assertThat(editor.references().items()).containsExactly(PHOTO);
        settle();

        assertThat(editor.memory().undoRecall()).isTrue();

        assertThat(editor.memory().snapshot()).isEqualTo(mine);
        assertThat(editor.providerProperty().get()).isSameAs(offline);
        assertThat(editor.references().items()).containsExactly(SKETCH);
        assertThat(editor.seedProperty().get()).isEqualTo("42");
        assertThat(settle()).as("taking a recall back is an edit: a draft follows")
                .extracting(GenerationRequest::prompt).containsExactly("my own lighthouse");
    }

    @Test
    void aRecallIsDraftedAndCanBeUndoneOnlyOnceAndNotAfterTheDesignersOwnEdit() {
        editor.promptProperty().set("my own lighthouse");
        settle();
        editor.recall(new Recalled("history #9", "castle at dusk", 77L, null, null, null, null, null, null, null,
                null));
        assertThat(settle()).extracting(GenerationRequest::prompt, GenerationRequest::seed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("castle at dusk", 77L));

        editor.promptProperty().set("castle at dawn"); // the designer's own edit makes the recall theirs
        assertThat(editor.memory().beforeRecallProperty().get()).isNull();
        assertThat(editor.memory().undoRecall()).isFalse();
        assertThat(editor.promptProperty().get()).isEqualTo("castle at dawn");

        editor.recall(new Recalled("history #10", "a forest", null, null, null, null, null, null, null, null, null));
        assertThat(editor.memory().undoRecall()).isTrue();
        assertThat(editor.memory().undoRecall()).as("nothing left to undo").isFalse();
        assertThat(editor.promptProperty().get()).isEqualTo("castle at dawn");
    }

    @Test
    void fieldsARecallDidNotRecordKeepTheEditorsValues() {
        editor.widthProperty().set(1344);
        editor.heightProperty().set(768);
        editor.guidanceProperty().set(3.0);
        editor.finalStepsProperty().set(30);
        editor.outputFormatProperty().set(OutputFormat.WEBP);
        editor.promptUpsamplingProperty().set(true);
        editor.references().replaceAll(List.of(SKETCH));

        // No size recorded (0 x 0), an unknown provider: the editor's own stay.
        editor.recall(new Recalled("A1111 metadata", "castle at dusk", null, null, null, 0, 0, null, null,
                "no-such-provider", null));

        assertThat(editor.promptProperty().get()).isEqualTo("castle at dusk");
        assertThat(editor.widthProperty().get()).isEqualTo(1344);
        assertThat(editor.heightProperty().get()).isEqualTo(768);
        assertThat(editor.guidanceProperty().get()).isEqualTo(3.0);
        assertThat(editor.finalStepsProperty().get()).isEqualTo(30);
        assertThat(editor.outputFormatProperty().get()).isEqualTo(OutputFormat.WEBP);
        assertThat(editor.promptUpsamplingProperty().get()).isTrue();
        assertThat(editor.providerProperty().get()).isSameAs(offline);
        assertThat(editor.references().items()).containsExactly(SKETCH);
        assertThat(editor.currentSeed()).isEqualTo(1234);

        editor.recall(new Recalled("A1111 metadata", "castle", null, 1, 0.0, 10, 8000, null, false, null, null));
        // Clamped to the model's limits and its 4 MP: tiny steps and guidance go up, a huge side fits.
        assertThat(editor.finalStepsProperty().get()).isEqualTo(io.draftboard.generation.ModelLimits.MIN_STEPS);
        assertThat(editor.guidanceProperty().get()).isEqualTo(io.draftboard.generation.ModelLimits.MIN_GUIDANCE);
        assertThat(editor.widthProperty().get()).isEqualTo(io.draftboard.generation.ModelLimits.MIN_SIDE);
        assertThat((long) editor.widthProperty().get() * editor.heightProperty().get())
                .isLessThanOrEqualTo(io.draftboard.generation.ModelLimits.MAX_PIXELS);
        assertThat(editor.promptUpsamplingProperty().get()).isFalse();
    }

    @Test
    void aRestoredSessionSendsNothingUntilAskedAndThenOnce() {
        EditorState saved = new EditorState("harbour at night", List.of(SKETCH), 1344, 768, 99, true, 3.0, 30,
                "other", OutputFormat.JPEG, true, true);

        editor.memory().restore(saved);

        assertThat(editor.memory().snapshot()).isEqualTo(saved);
        assertThat(editor.memory().restoredQuietly()).isTrue();
        assertThat(settle()).as("restoring is not an edit").isEmpty();

        editor.memory().sendRestored();
        assertThat(editor.memory().restoredQuietly()).isFalse();
        assertThat(settle()).extracting(GenerationRequest::prompt).containsExactly("harbour at night");
        editor.memory().sendRestored();
        assertThat(settle()).as("sent once").isEmpty();
    }

    @Test
    void theDesignersFirstEditAfterARestoreIsWhatSendsIt() {
        editor.memory().restore(new EditorState("harbour at night", List.of(), 1024, 1024, 99, false, 3.0, 30,
                "offline", null, false, true));
        assertThat(editor.outputFormatProperty().get()).as("no format saved: the editor's stays")
                .isEqualTo(OutputFormat.PNG);
        assertThat(editor.seedLockedProperty().get()).isFalse();

        editor.promptProperty().set("harbour at dawn");

        assertThat(editor.memory().restoredQuietly()).isFalse();
        assertThat(settle()).extracting(GenerationRequest::prompt).containsExactly("harbour at dawn");
        editor.memory().sendRestored();
        assertThat(settle()).isEmpty();
    }

    @Test
    void aSessionSavedWithLiveDraftsOffComesBackPausedAndDraftsNothingOnAnEdit() {
        editor.memory().restore(new EditorState("harbour at night", List.of(), 1024, 1024, 99, true, 3.0, 30,
                "offline", OutputFormat.PNG, false, false));

        assertThat(editor.liveDraftsProperty().get()).isFalse();
        editor.promptProperty().set("harbour at dawn");
        assertThat(settle()).isEmpty();
    }

    @Test
    void aRecalledFinalSetsTheSliderAndARecalledDraftLeavesIt() {
        editor.finalStepsProperty().set(30);
        var draftRow = io.draftboard.history.Records.done("castle", io.draftboard.history.Records.hash(1))
                .withId(4);
        editor.recall(Recalled.of(draftRow, List.of()));
        assertThat(editor.finalStepsProperty().get()).as("a draft's steps say nothing of the final wanted")
                .isEqualTo(30);
        assertThat(editor.promptProperty().get()).isEqualTo("castle");

        var finalRow = io.draftboard.history.Records.done("castle", io.draftboard.history.Records.hash(2),
                io.draftboard.generation.RenderKind.FINAL, 4L, "offline", false, List.of()).withId(5);
        Recalled recalled = Recalled.of(finalRow, List.of(SKETCH));
        assertThat(recalled.source()).isEqualTo("history #5");
        editor.recall(recalled);
        assertThat(editor.finalStepsProperty().get()).isEqualTo(50);
        assertThat(editor.references().items()).containsExactly(SKETCH);
    }

    @Test
    void anotherToolsMetadataIsRecalledWithItsStepsOnTheSlider() {
        Recalled r = Recalled.of(new io.draftboard.history.RecalledParameters("A1111", "castle", 5L, 25, 4.0, 832,
                1216));
        assertThat(r.source()).isEqualTo("A1111 metadata");
        editor.recall(r);
        assertThat(editor.finalStepsProperty().get()).isEqualTo(25);
        assertThat(editor.widthProperty().get()).isEqualTo(832);
        assertThat(editor.currentSeed()).isEqualTo(5);
    }

    private List<GenerationRequest> settle() {
        return drafting.settle();
    }
}
