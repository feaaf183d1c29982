package io.draftboard.ui.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.Cost;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.Job;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.JobOutcome;
import io.draftboard.generation.Provider;
import io.draftboard.generation.ProviderCapabilities;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.ProviderInfo;
import io.draftboard.generation.RenderKind;
import io.draftboard.generation.RenderService;
import io.draftboard.history.GenerationRecord;
import io.draftboard.history.GenerationStatus;
import io.draftboard.history.HistoryQuery;
import io.draftboard.history.JobJournal;
import io.draftboard.history.JournalEntry;
import io.draftboard.http.HttpClients;
import io.draftboard.provider.CancellableSleep;
import io.draftboard.provider.PollSchedule;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.bfl.BflProvider;
import io.draftboard.provider.offline.OfflineProvider;
import io.draftboard.settings.ApiKey;
import io.draftboard.settings.StudioSettings;
import io.draftboard.simulator.BflSimulator;
import io.draftboard.simulator.SimulatorConfig;
import io.draftboard.ui.StudioFixture;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.stage.Stage;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 16's scene: a designer types a nine-word prompt at an ordinary pace (120 ms a character, half a
 * second between words) with the studio on Black Forest Labs, whose every job takes 2.5 s and is billed
 * whether or not anyone waits for it. The debounce and the simulator's latency share one virtual clock;
 * each step lets the real polling catch up before time moves on, so the run is the same every time.
 */
@ExtendWith(ApplicationExtension.class)
class StudioPaidDraftsTest {
    private static final String PROMPT = "red balloon floating over a quiet harbour at dawn";
    private static final Duration LATENCY = Duration.ofMillis(2500);

    private BflSimulator simulator;
    private StudioFixture studio;
    private final List<String> shown = new CopyOnWriteArrayList<>();
    private final AtomicInteger charged = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger cancelled = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    @AfterEach
    void tearDown() throws Exception {
        if (studio != null) {
            studio.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    /** What one typing session cost and showed. */
    record Figures(int sent, int shown, int kept, long billedCents, String sessionSpend, int mostInFlight,
            int cancelledWhileBilled) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "drafts sent %d, drafts shown %d, images kept %d, billed $%.2f, %s,"
                    + " most in flight %d, journalled cancelled while billed %d", sent, shown, kept, billedCents / 100.0,
                    sessionSpend, mostInFlight, cancelledWhileBilled);
        }
    }

    private Figures type(boolean legacy) throws Exception {
        simulator = BflSimulator.start(SimulatorConfig.defaults().withLatency(LATENCY, Duration.ZERO),
                () -> studio.timer.nanoTime());
        BflProvider bfl = new BflProvider(new ProviderEndpoint(HttpClients.create(), HttpUrl.get(simulator.baseUrl()),
                () -> new ApiKey("studio-test-key"), Clock.systemUTC()), new PollSchedule(),
                CancellableSleep.REAL, Duration.ofMinutes(1));
        // "Before": how the studio treated BFL until now, as free to cancel and restart after 350 ms.
        Provider onBfl = legacy ? new AsBefore(bfl) : bfl;
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            try {
                studio = new StudioFixture(stage, List.of(new OfflineProvider(), onBfl));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        FxToolkit.setupFixture(() -> {
            studio.model.apply(new StudioSettings(6, 50, 350, StudioSettings.Theme.LIGHT, true, true, 0, true, Map.of()));
            studio.model.preview().shownPromptProperty().addListener((o, a, b) -> shown.add(b));
            studio.model.editor().providerProperty().set(onBfl);
        });
        studio.model.context().renders().addListener(new RenderService.Listener() {
            @Override
            public void charged(Job job) {
                charged.incrementAndGet();
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            }

            @Override
            public void finished(Job job, JobOutcome outcome) {
                inFlight.decrementAndGet();
                if (outcome instanceof JobOutcome.Cancelled) {
                    cancelled.incrementAndGet(); // BFL never hears of it: its task runs on, billed, never polled
                } else {
                    finished.incrementAndGet();
                }
            }
        });

        String typed = "";
        for (String word : PROMPT.split(" ")) {
            for (char c : (typed.isEmpty() ? word : " " + word).toCharArray()) {
                typed += c;
                String text = typed;
                FxToolkit.setupFixture(() -> studio.model.editor().promptProperty().set(text));
                advance(Duration.ofMillis(120));
            }
            advance(Duration.ofMillis(500));
        }
        for (int i = 0; i < 80; i++) { // 20 s more: everything sent lands
            advance(Duration.ofMillis(250));
        }
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(shown.get(shown.size() - 1)).isEqualTo(PROMPT);
        List<GenerationRecord> rows = studio.history.page(HistoryQuery.newest(100)).items();
        int kept = (int) rows.stream().filter(r -> r.status() == GenerationStatus.DONE && r.image() != null).count();
        int cancelledWhileBilled = (int) new JobJournal(studio.history.database()).recentJobs(100).stream()
                .filter(j -> j.state() == JournalEntry.State.CANCELLED).count();
        Set<String> distinct = new LinkedHashSet<>(shown);
        return new Figures(simulator.acceptedTasks(), distinct.size(), kept, simulator.billedCents(),
                studio.model.editor().spentProperty().get(), mostInFlight.get(), cancelledWhileBilled);
    }

    /**
     * Moves the shared clock on, then waits until the studio has caught up with it: every draft it sent has
     * reached the simulator, every job the clock made ready has been polled, fetched and recorded.
     */
    private void advance(Duration by) throws Exception {
        studio.timer.advance(by);
        try {
            settle();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(String.format(Locale.ROOT, "stuck: charged %d cancelled %d finished %d,"
                    + " simulator accepted %d due %d answered %d", charged.get(), cancelled.get(), finished.get(),
                    simulator.acceptedTasks(), simulator.dueTasks(), simulator.answeredTasks()), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void settle() throws java.util.concurrent.TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return simulator.acceptedTasks() >= charged.get() - cancelled.get()
                    && simulator.answeredTasks() + cancelled.get() >= simulator.dueTasks()
                    && finished.get() >= simulator.answeredTasks();
        });
    }

    @Test
    void typingOnBflSendsOneDraftPerLandedResultAndKeepsEveryImageItPaidFor(FxRobot robot) throws Exception {
        Figures after = type(false);
        System.out.println("Issue 16 typing pattern, after: " + after);

        assertThat(after.mostInFlight()).isEqualTo(1);
        assertThat(after.kept()).as("every paid draft is in history with its image").isEqualTo(after.sent());
        assertThat(after.cancelledWhileBilled()).isZero();
        assertThat(after.sent()).isLessThanOrEqualTo(2);
        List<GenerationRecord> rows = studio.history.page(HistoryQuery.newest(100)).items();
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.kind()).isEqualTo(RenderKind.DRAFT);
            assertThat(r.cost().usd()).isPositive();
        });
        assertThat(after.sessionSpend()).contains(after.sent() + (after.sent() == 1 ? " paid draft" : " paid drafts"));
        assertThat(robot.lookup("#draftCost").queryAs(javafx.scene.control.Label.class).getText()).startsWith(
                "Each draft: 1024\u00d71024 \u00b7 \u2248$0.05 (the same per megapixel as a final");
        assertThat(robot.lookup("#previewInfo").queryAs(javafx.scene.control.Label.class).getText())
                .startsWith("Draft \u00b7 6 steps \u00b7 seed 1001");
        assertThat(robot.lookup("#state").queryAs(javafx.scene.control.Label.class).getText()).isEqualTo("ready");
    }

    @Test
    void asBeforeTheSameTypingPaidForDraftsItThrewAway(FxRobot robot) throws Exception {
        Figures before = type(true);
        System.out.println("Issue 16 typing pattern, before: " + before);

        assertThat(before.sent()).isGreaterThan(before.kept()); // billed, cancelled, no image
        assertThat(before.cancelledWhileBilled()).isPositive();
    }

    /** BFL as the studio used to treat it: cancellable and free of charge, so drafts were cancelled and resent. */
    private static final class AsBefore implements Provider {
        private final Provider real;

        AsBefore(Provider real) {
            this.real = real;
        }

        @Override
        public ProviderInfo info() {
            ProviderInfo i = real.info();
            ProviderCapabilities c = i.capabilities();
            return new ProviderInfo(i.id(), i.displayName(), i.model(), new ProviderCapabilities(c.maxReferences(), true,
                    c.honoursSeed(), c.minSide(), c.maxSide(), c.minSteps(), c.maxConcurrentJobs()));
        }

        @Override
        public GenerationResult generate(GenerationRequest request, JobContext context) throws ProviderException {
            return real.generate(request, context);
        }

        @Override
        public Cost estimateCost(GenerationRequest request) {
            return Cost.FREE;
        }
    }
}
