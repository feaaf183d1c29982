package io.draftboard.ui.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.Cost;
import io.draftboard.generation.DelayScheduler;
import io.draftboard.generation.DraftScheduler;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.Job;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.JobRecorder;
import io.draftboard.generation.JobRunner;
import io.draftboard.generation.Provider;
import io.draftboard.generation.ProviderCapabilities;
import io.draftboard.generation.ProviderInfo;
import io.draftboard.generation.Quality;
import io.draftboard.generation.RetryPolicy;
import io.draftboard.imaging.PngWriter;
import io.draftboard.ui.FxExecutor;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class StudioViewTest {
    private final List<GenerationRequest> rendered = new CopyOnWriteArrayList<>();
    private JobRunner runner;

    /** Renders a flat colour instantly, recording what it was asked. */
    private final Provider provider = new Provider() {
        @Override
        public ProviderInfo info() {
            return new ProviderInfo("fake", "Fake engine", "fake-1", new ProviderCapabilities(8, true, true, 64, 4096, 1, 4));
        }

        @Override
        public GenerationResult generate(GenerationRequest request, JobContext context) {
            rendered.add(request);
            context.progress(1.0);
            BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
            return new GenerationResult(PngWriter.encode(img, List.of()), "image/png", request.seed(), 64, 64, null,
                    null, Cost.FREE);
        }

        @Override
        public Cost estimateCost(GenerationRequest request) {
            return Cost.FREE;
        }
    };

    @Start
    void start(Stage stage) {
        runner = new JobRunner(2, RetryPolicy.NEVER, JobRecorder.NONE);
        DelayScheduler timer = DelayScheduler.daemon("test-debounce");
        StudioViewModel model = new StudioViewModel((current, listener) -> new DraftScheduler(timer,
                (request, kind, parentId, l) -> runner.submit(new Job(request, current.get(), kind, parentId), l),
                listener, Quality.DEFAULT, Duration.ofMillis(150), () -> 4242L), List.of(provider), FxExecutor.INSTANCE,
                Executors.newSingleThreadExecutor());
        stage.setScene(new Scene(new StudioView(model), 1100, 700));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        runner.close();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
    }

    @Test
    void typingAPromptProducesExactlyOneDraftAfterTheDebounce(FxRobot robot) throws Exception {
        robot.clickOn("#prompt").write("a red balloon");

        waitFor(() -> "ready".equals(robot.lookup("#state").queryAs(Label.class).getText()));
        assertThat(rendered).hasSize(1);
        assertThat(rendered.get(0).prompt()).isEqualTo("a red balloon");
        assertThat(rendered.get(0).steps()).isEqualTo(6);
        assertThat(rendered.get(0).seed()).isEqualTo(4242L);
        waitFor(() -> robot.lookup("#preview").queryAs(ImageView.class).getImage() != null);
        assertThat(robot.lookup("#previewInfo").queryAs(Label.class).getText()).startsWith("Draft \u00b7 6 steps \u00b7 seed 4242");
    }

    @Test
    void ctrlEnterRendersTheFinalWithTheDraftsSeedAtFiftySteps(FxRobot robot) throws Exception {
        robot.clickOn("#prompt").write("poster \"SALE\"");
        waitFor(() -> "ready".equals(robot.lookup("#state").queryAs(Label.class).getText()));

        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);

        waitFor(() -> rendered.size() == 2);
        GenerationRequest draft = rendered.get(0);
        GenerationRequest fin = rendered.get(1);
        assertThat(fin.steps()).isEqualTo(50);
        assertThat(fin.seed()).isEqualTo(draft.seed());
        assertThat(fin.withSteps(6)).isEqualTo(draft);
        waitFor(() -> robot.lookup("#previewInfo").queryAs(Label.class).getText().startsWith("Final \u00b7 50 steps"));
        assertThat(robot.lookup("#prompt").queryAs(javafx.scene.control.TextArea.class).getText())
                .doesNotContain("\n");
    }
}
