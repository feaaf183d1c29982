package io.draftboard.ui.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.Job;
import io.draftboard.generation.JobOutcome;
import io.draftboard.generation.Provider;
import io.draftboard.generation.RenderService;
import io.draftboard.http.HttpClients;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.RedactingProvider;
import io.draftboard.provider.comfyui.ComfyUiProvider;
import io.draftboard.provider.offline.OfflineProvider;
import io.draftboard.settings.StudioSettings;
import io.draftboard.simulator.comfyui.ComfyUiSimulator;
import io.draftboard.simulator.comfyui.ComfyUiSimulatorConfig;
import io.draftboard.ui.StudioFixture;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.stage.Stage;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 13's studio scene: live drafts on the ComfyUI stand-in (a real HTTP server and websocket on loopback,
 * the real provider, wrapped as the registry wraps it) converge on screen step by step, and a draft the editor
 * moved on from is cancelled on the server, not left to run. The debounce runs on the fixture's virtual clock;
 * the server, the job runner and the websocket run in real time, and the test waits on conditions.
 */
@ExtendWith(ApplicationExtension.class)
class StudioComfyUiPreviewTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private ComfyUiSimulator simulator;
    private StudioFixture studio;
    /** Captions of what the preview showed, with the real time it showed it. */
    private final List<String> shown = new CopyOnWriteArrayList<>();
    private final List<Long> shownAt = new CopyOnWriteArrayList<>();
    private final AtomicInteger finished = new AtomicInteger();

    @BeforeEach
    void open() throws Exception {
        // 120 ms a step: slow enough to watch (and to be superseded mid-render), as a small GPU would be.
        simulator = ComfyUiSimulator.start(ComfyUiSimulatorConfig.defaults().withStepDelay(Duration.ofMillis(120)));
        Provider comfy = new RedactingProvider(new ComfyUiProvider(new ProviderEndpoint(HttpClients.create(),
                HttpUrl.get(simulator.baseUrl()), () -> null, Clock.systemUTC()), "klein"), List::of);
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            try {
                studio = new StudioFixture(stage, List.of(new OfflineProvider(), comfy), new StudioSettings(6, 50, 350,
                        StudioSettings.Theme.LIGHT, true, true, 0, true, Map.of()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        FxToolkit.setupFixture(() -> {
            studio.model.editor().providerProperty().set(comfy);
            studio.model.editor().widthProperty().set(512);
            studio.model.editor().heightProperty().set(512);
            studio.model.preview().previewProperty().addListener((o, a, b) -> {
                shown.add(b == null ? "(nothing)" : b.caption());
                shownAt.add(System.nanoTime());
            });
        });
        studio.model.context().renders().addListener(new RenderService.Listener() {
            @Override
            public void finished(Job job, JobOutcome outcome) {
                finished.incrementAndGet();
            }
        });
    }

    @AfterEach
    void close() {
        if (studio != null) {
            studio.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    private void type(String text) throws Exception {
        FxToolkit.setupFixture(() -> studio.model.editor().promptProperty().set(text));
    }

    private void waitFor(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what + "; shown " + shown + "; " + simulator.describe());
        }
    }

    private long frames() {
        return shown.stream().filter(c -> c.startsWith("Draft \u00b7 step ")).count();
    }

    @Test
    void aLiveDraftConvergesInStepFramesBeforeTheFinishedDraftIsShown() throws Exception {
        type("A red balloon on a wooden table");
        studio.pastTheDebounce(); // the draft fires now
        long fired = System.nanoTime();

        waitFor("the finished draft", () -> shown.stream().anyMatch(c -> c.contains("history #")));
        WaitForAsyncUtils.waitForFxEvents();

        int landed = indexOfFirst("history #");
        List<String> before = shown.subList(0, landed);
        assertThat(before).filteredOn(c -> c.startsWith("Draft \u00b7 step ")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(shown.subList(landed, shown.size())).noneMatch(c -> c.startsWith("Draft \u00b7 step "));
        double firstFrameMs = (shownAt.get(indexOfFirst("Draft \u00b7 step ")) - fired) / 1e6;
        double landedMs = (shownAt.get(landed) - fired) / 1e6;
        System.out.printf(Locale.ROOT, "ComfyUI stand-in, 512x512 6 steps at 120 ms a step: debounce fired -> first"
                + " step frame on screen %.0f ms, -> finished draft %.0f ms, %d frames shown, %d sent by the server%n",
                firstFrameMs, landedMs, before.size(), simulator.previewFrames());
        assertThat(studio.history.page(io.draftboard.history.HistoryQuery.newest(10)).items()).hasSize(1);

        // A second draft, the server and the engine warm: the figure a designer sees once the studio is going.
        int from = shown.size();
        type("A blue balloon on a wooden table");
        studio.pastTheDebounce();
        long again = System.nanoTime();
        waitFor("the second draft", () -> shown.stream().filter(c -> c.contains("history #")).count() >= 2);
        int frame = from;
        while (!shown.get(frame).startsWith("Draft \u00b7 step ")) {
            frame++;
        }
        System.out.printf(Locale.ROOT, "  warm: debounce fired -> first step frame on screen %.0f ms%n",
                (shownAt.get(frame) - again) / 1e6);
    }

    private int indexOfFirst(String part) {
        for (int i = 0; i < shown.size(); i++) {
            if (shown.get(i).contains(part)) {
                return i;
            }
        }
        throw new AssertionError("never shown: " + part + " in " + shown);
    }

    @Test
    void draftsTheEditorMovedOnFromAreCancelledOnTheServerAndNoneIsLeftQueued() throws Exception {
        String prompt = "red balloon floating over a quiet harbour at dawn";
        String typed = "";
        int fired = 0;
        for (String word : prompt.split(" ")) {
            typed = typed.isEmpty() ? word : typed + " " + word;
            type(typed);
            studio.pastTheDebounce(); // a pause after each word: a draft fires
            fired++;
            int sent = fired;
            // the draft reached the server and is queued or sampling there, then the designer types on
            waitFor("draft " + sent + " at the server", () -> simulator.accepted() >= sent);
        }
        int staleQueued = simulator.pendingPrompts() - 1; // the last draft may still wait its turn
        waitFor("the last draft on screen", () -> studio.model.preview().shownPromptProperty().get().equals(prompt));
        assertThat(simulator.awaitIdle(WAIT)).isTrue();

        int cancelled = simulator.deletedFromQueue() + simulator.interruptedPrompts();
        int ranToTheEnd = simulator.accepted() - cancelled;
        System.out.printf(Locale.ROOT, "ComfyUI stand-in, %d drafts fired by pauses while typing: %d removed from the"
                + " queue, %d interrupted, %d ran to the end, stale drafts still queued when typing stopped: %d%n",
                fired, simulator.deletedFromQueue(), simulator.interruptedPrompts(), ranToTheEnd, Math.max(0, staleQueued));
        assertThat(simulator.accepted()).isEqualTo(fired);
        assertThat(cancelled).as("every superseded draft cancelled on the server").isGreaterThanOrEqualTo(fired - 2);
        assertThat(ranToTheEnd).isLessThanOrEqualTo(2);
        assertThat(staleQueued).isLessThanOrEqualTo(0);
        assertThat(simulator.pendingPrompts()).isZero();
    }
}
