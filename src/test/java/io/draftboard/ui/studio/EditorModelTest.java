package io.draftboard.ui.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.DraftScheduler;
import io.draftboard.generation.DraftListener;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.JobRecorder;
import io.draftboard.generation.JobRunner;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.Quality;
import io.draftboard.generation.RenderService;
import io.draftboard.generation.RetryPolicy;
import io.draftboard.provider.offline.OfflineProvider;
import io.draftboard.settings.StudioSettings;
import io.draftboard.ui.task.TaskRunnerCore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The editor without a toolkit: the request it makes, recall, seeds, and where its complaints go. */
class EditorModelTest {
    private final JobRunner jobs = new JobRunner(1, RetryPolicy.NEVER, JobRecorder.NONE);
    private final List<GenerationRequest> edits = new ArrayList<>();
    private final List<String> invalid = new ArrayList<>();
    private final List<String> said = new ArrayList<>();
    /** A debounce that never runs out: these tests look at what the editor asks for, not at drafts. */
    private final DraftScheduler scheduler = new DraftScheduler((delay, task) -> () -> { },
            (request, kind, parentId, listener) -> {
                throw new AssertionError("nothing renders here");
            }, new DraftListener() {
                @Override
                public void stateChanged(io.draftboard.generation.DraftState state, String message) {
                }

                @Override
                public void draftShown(io.draftboard.generation.ShownDraft draft) {
                }
            }, Quality.DEFAULT, Duration.ofMillis(350), () -> 1234);
    private final EditorModel editor = new EditorModel(scheduler, new RenderService(jobs),
            List.of(new OfflineProvider()), new StudioSettings(6, 50, 350, StudioSettings.Theme.LIGHT, true, true, 0,
                    true, Map.of()), TaskRunnerCore.sameThread(), new EditorModel.Notices() {
                        @Override
                        public void invalid(String reason) {
                            invalid.add(reason);
                        }

                        @Override
                        public void say(String text) {
                            said.add(text);
                        }
                    });

    @AfterEach
    void tearDown() {
        jobs.close();
    }

    @Test
    void theRequestIsWhatTheFieldsSayAtTheSlidersSteps() {
        editor.promptProperty().set("a red balloon");
        editor.guidanceProperty().set(3.5);
        editor.widthProperty().set(1344);
        editor.heightProperty().set(768);
        editor.finalStepsProperty().set(28);

        GenerationRequest r = editor.currentRequest().orElseThrow();
        assertThat(r.prompt()).isEqualTo("a red balloon");
        assertThat(r.guidance()).isEqualTo(3.5);
        assertThat(r.width()).isEqualTo(1344);
        assertThat(r.height()).isEqualTo(768);
        assertThat(r.steps()).isEqualTo(28);
        assertThat(r.seed()).isEqualTo(1234);
        assertThat(editor.draftOf(r).steps()).isEqualTo(Quality.DEFAULT.draftSteps());
    }

    @Test
    void aBlankPromptMakesNoRequestAndNoComplaint() {
        editor.promptProperty().set("   ");
        assertThat(editor.currentRequest()).isEmpty();
        assertThat(invalid).isEmpty();
    }

    @Test
    void recallSnapsAnotherToolsSizeOntoTheGridAndClampsItsNumbers() {
        editor.recall(new Recalled("A1111 metadata", "castle at dusk", 77L, 80, 30.0, 1000, 1003, OutputFormat.JPEG,
                true, null, null));

        assertThat(editor.promptProperty().get()).isEqualTo("castle at dusk");
        assertThat(editor.widthProperty().get()).isEqualTo(1008);
        assertThat(editor.heightProperty().get()).isEqualTo(1008);
        assertThat(editor.finalStepsProperty().get()).isEqualTo(50);
        assertThat(editor.guidanceProperty().get()).isEqualTo(10.0);
        assertThat(editor.outputFormatProperty().get()).isEqualTo(OutputFormat.JPEG);
        assertThat(editor.promptUpsamplingProperty().get()).isTrue();
        assertThat(editor.seedProperty().get()).isEqualTo("77");
        assertThat(editor.seedLockedProperty().get()).isTrue();
        assertThat(editor.currentRequest().orElseThrow().seed()).isEqualTo(77);
    }

    @Test
    void aSeedThatIsNotAWholeNumberIsRefusedAndTheFieldShowsTheSeedInUse() {
        assertThat(editor.lockSeed("12x")).isFalse();
        assertThat(said).singleElement().asString().startsWith("Seed must be a whole number from 0 to ");
        assertThat(editor.seedProperty().get()).isEqualTo("1234");
        assertThat(invalid).isEmpty();

        assertThat(editor.lockSeed(" 99 ")).isTrue();
        assertThat(editor.currentSeed()).isEqualTo(99);
    }

    @Test
    void theCostLinesFollowTheFields() {
        assertThat(editor.draftCostProperty().get()).isEmpty();
        editor.promptProperty().set("a red balloon");
        assertThat(editor.draftCostProperty().get()).startsWith("Each draft: 1024\u00d71024").endsWith("(free)");
        assertThat(editor.qualityLabelProperty().get()).contains("time not known yet");
        assertThat(editor.spentProperty().get()).isEqualTo("Session spend $0.00");
    }

    @Test
    void theProviderTheDebounceThreadReadsIsTheOneChosenOnTheFxThread() {
        assertThat(editor.chosenProvider()).isSameAs(editor.providerProperty().get());
    }
}
