package io.draftboard.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DraftSchedulerTest {
    private static final Duration DEBOUNCE = Duration.ofMillis(350);

    private final VirtualTimer timer = new VirtualTimer();
    private final List<Render> renders = new ArrayList<>();
    private final List<ShownDraft> shown = new ArrayList<>();
    private final List<DraftState> states = new ArrayList<>();
    private final List<ShownDraft> superseded = new ArrayList<>();
    private final List<Boolean> pausedHeard = new ArrayList<>();
    private final List<Double> progressHeard = new ArrayList<>();
    private String lastMessage = "";
    private final AtomicLong seeds = new AtomicLong(1000);
    private DraftScheduler scheduler;

    /** A render the test completes by hand. */
    private static final class Render {
        final GenerationRequest request;
        final RenderKind kind;
        final Long parentId;
        final JobListener listener;
        final CompletableFuture<JobOutcome> outcome = new CompletableFuture<>();
        boolean cancelled;

        Render(GenerationRequest request, RenderKind kind, Long parentId, JobListener listener) {
            this.request = request;
            this.kind = kind;
            this.parentId = parentId;
            this.listener = listener;
        }

        void succeed(long generationId) {
            Instant t = Instant.EPOCH;
            GenerationResult result = new GenerationResult(new byte[] {1}, "image/png", request.seed(),
                    request.width(), request.height(), null, null, Cost.FREE);
            outcome.complete(new JobOutcome.Succeeded(result, new Timings(t, t, t, 1), generationId));
        }

        void fail(FailureKind kind, String message) {
            Instant t = Instant.EPOCH;
            outcome.complete(new JobOutcome.Failed(kind, message, new Timings(t, t, t, 1)));
        }
    }

    @BeforeEach
    void setUp() {
        DraftRenderer renderer = (request, kind, parentId, listener) -> {
            Render r = new Render(request, kind, parentId, listener);
            renders.add(r);
            return new JobHandle(renders.size(), new Job(request, new NullProvider(), kind, parentId), r.outcome,
                    () -> r.cancelled = true);
        };
        DraftListener listener = new DraftListener() {
            @Override
            public void stateChanged(DraftState state, String message) {
                states.add(state);
                lastMessage = message;
            }

            @Override
            public void draftShown(ShownDraft draft) {
                shown.add(draft);
            }

            @Override
            public void draftSuperseded(ShownDraft draft) {
                superseded.add(draft);
            }

            @Override
            public void pausedChanged(boolean paused) {
                pausedHeard.add(paused);
            }

            @Override
            public void draftProgress(double fraction) {
                progressHeard.add(fraction);
            }

            @Override
            public void draftPreview(byte[] image, int step, int of) {
                frames.add(step);
            }
        };
        scheduler = new DraftScheduler(timer, renderer, listener, Quality.DEFAULT, DEBOUNCE, seeds::incrementAndGet);
    }

    private static GenerationRequest editor(String prompt) {
        // Steps and seed as the editor happens to hold them; the scheduler must override both.
        return GenerationRequest.of(prompt, 7, 33, 1024, 768);
    }

    @Test
    void typingProducesExactlyOneDraftAfterTheDebounce() {
        scheduler.edit(editor("a"));
        timer.advanceMillis(100);
        scheduler.edit(editor("a r"));
        timer.advanceMillis(100);
        scheduler.edit(editor("a red balloon"));
        timer.advanceMillis(349);
        assertThat(renders).isEmpty();
        assertThat(scheduler.state()).isEqualTo(DraftState.STALE);

        timer.advanceMillis(1);

        assertThat(renders).hasSize(1);
        Render r = renders.get(0);
        assertThat(r.request.prompt()).isEqualTo("a red balloon");
        assertThat(r.request.steps()).isEqualTo(6);
        assertThat(r.request.seed()).isEqualTo(scheduler.seed());
        assertThat(r.kind).isEqualTo(RenderKind.DRAFT);
        assertThat(scheduler.state()).isEqualTo(DraftState.QUEUED);
    }

    /** Steps of the preview frames passed on. */
    private final List<Integer> frames = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void onlyTheCurrentDraftsFramesArePassedOnNeverOnesTheEditorMovedOnFrom() {
        scheduler.edit(editor("a red balloon"));
        timer.advance(DEBOUNCE);
        JobListener first = renders.get(0).listener;
        first.onEvent(new JobEvent.Started(1, Instant.EPOCH, 1));
        first.onEvent(new JobEvent.Preview(1, Instant.EPOCH, new byte[] {1}, 1, 6));

        scheduler.edit(editor("a red balloon at dawn")); // the draft in flight is stale from here on
        first.onEvent(new JobEvent.Preview(1, Instant.EPOCH, new byte[] {1}, 2, 6));
        timer.advance(DEBOUNCE);
        renders.get(1).listener.onEvent(new JobEvent.Preview(2, Instant.EPOCH, new byte[] {2}, 1, 6));

        assertThat(frames).containsExactly(1, 1);
        assertThat(renders.get(0).cancelled).isTrue();
    }

    @Test
    void aLandedDraftIsShownAndMarkedReady() {
        scheduler.edit(editor("a red balloon"));
        timer.advance(DEBOUNCE);
        renders.get(0).listener.onEvent(new JobEvent.Started(1, Instant.EPOCH, 1));
        assertThat(scheduler.state()).isEqualTo(DraftState.RENDERING);

        renders.get(0).succeed(41);

        assertThat(shown).hasSize(1);
        assertThat(shown.get(0).generationId()).isEqualTo(41);
        assertThat(scheduler.state()).isEqualTo(DraftState.READY);
    }

    @Test
    void anEditThatRestoresTheShownRequestFiresNothing() {
        scheduler.edit(editor("a red balloon"));
        timer.advance(DEBOUNCE);
        renders.get(0).succeed(1);

        scheduler.edit(editor("a red balloonx"));
        timer.advanceMillis(100);
        scheduler.edit(editor("a red balloon"));
        timer.advance(DEBOUNCE);

        assertThat(renders).hasSize(1);
        assertThat(scheduler.state()).isEqualTo(DraftState.READY);
    }

    @Test
    void aRequestRenderedEarlierInTheSessionIsShownAgainWithoutFiring() {
        scheduler.edit(editor("cat"));
        timer.advance(DEBOUNCE);
        renders.get(0).succeed(1);
        scheduler.edit(editor("dog"));
        timer.advance(DEBOUNCE);
        renders.get(1).succeed(2);

        scheduler.edit(editor("cat"));
        timer.advance(DEBOUNCE);

        assertThat(renders).hasSize(2);
        assertThat(shown).extracting(ShownDraft::generationId).containsExactly(1L, 2L, 1L);
    }

    @Test
    void aNewerDraftCancelsTheOneInFlightAndTheStaleResultIsNeverShown() {
        scheduler.edit(editor("first"));
        timer.advance(DEBOUNCE);
        scheduler.edit(editor("second"));
        timer.advance(DEBOUNCE);

        assertThat(renders).hasSize(2);
        assertThat(renders.get(0).cancelled).isTrue();

        // The provider could not cancel: the stale result still arrives, after the newer one was fired.
        renders.get(0).succeed(1);
        assertThat(shown).isEmpty();
        assertThat(scheduler.state()).isEqualTo(DraftState.QUEUED);

        renders.get(1).succeed(2);
        assertThat(shown).extracting(d -> d.request().prompt()).containsExactly("second");
    }

    @Test
    void aDraftLandingWhileTheUserTypesIsNotShown() {
        scheduler.edit(editor("first"));
        timer.advance(DEBOUNCE);
        scheduler.edit(editor("first and more"));

        renders.get(0).succeed(1);

        assertThat(shown).isEmpty();
        assertThat(scheduler.state()).isEqualTo(DraftState.STALE);
    }

    @Test
    void typingBackToTheRequestInFlightKeepsItInsteadOfFiringAgain() {
        scheduler.edit(editor("first"));
        timer.advance(DEBOUNCE);
        scheduler.edit(editor("firstx"));
        timer.advanceMillis(50);
        scheduler.edit(editor("first"));
        timer.advance(DEBOUNCE);

        assertThat(renders).hasSize(1);
        assertThat(renders.get(0).cancelled).isFalse();
        renders.get(0).succeed(1);
        assertThat(shown).hasSize(1);
    }

    @Test
    void aStaleDraftThatLandedDuringTheDebounceIsShownIfTheEditComesBack() {
        scheduler.edit(editor("first"));
        timer.advance(DEBOUNCE);
        scheduler.edit(editor("firstx"));
        renders.get(0).succeed(1);
        assertThat(shown).isEmpty();

        scheduler.edit(editor("first"));
        timer.advance(DEBOUNCE);

        assertThat(renders).hasSize(1);
        assertThat(shown).extracting(ShownDraft::generationId).containsExactly(1L);
    }

    @Test
    void theFinalRendersWhatTheEditorShowsLinkedToTheDraftOfExactlyThatRequest() {
        GenerationRequest balloon = editor("a red balloon").withGuidance(3.5);
        scheduler.edit(balloon);
        timer.advance(DEBOUNCE);
        renders.get(0).succeed(77);
        long draftSeed = shown.get(0).request().seed();

        JobHandle handle = scheduler.renderFinal(balloon, 50, JobListener.NONE);

        Render fin = renders.get(renders.size() - 1);
        assertThat(handle.job().kind()).isEqualTo(RenderKind.FINAL);
        assertThat(fin.request.steps()).isEqualTo(50);
        assertThat(fin.request.seed()).isEqualTo(draftSeed);
        assertThat(fin.request.withSteps(6)).isEqualTo(shown.get(0).request());
        assertThat(fin.parentId).isEqualTo(77L);
    }

    @Test
    void aFinalAfterAnEditRendersTheNewTextUnlinkedNeverTheOldDraft() {
        scheduler.edit(editor("a red balloon"));
        timer.advance(DEBOUNCE);
        renders.get(0).succeed(77);
        GenerationRequest typed = editor("a red balloon on a table");
        scheduler.edit(typed); // Ctrl+Enter inside the debounce: the text as typed

        scheduler.renderFinal(typed, 50, JobListener.NONE);

        Render fin = renders.get(renders.size() - 1);
        assertThat(fin.request.prompt()).isEqualTo("a red balloon on a table");
        assertThat(fin.request.seed()).isEqualTo(shown.get(0).request().seed());
        assertThat(fin.parentId).isNull();
    }

    @Test
    void aFinalWithNoDraftYetStillRendersTheEditorsRequest() {
        scheduler.renderFinal(editor("poster"), 30, JobListener.NONE);
        assertThat(renders).singleElement().satisfies(r -> {
            assertThat(r.request.prompt()).isEqualTo("poster");
            assertThat(r.request.steps()).isEqualTo(30);
            assertThat(r.parentId).isNull();
        });
    }

    @Test
    void theSeedStaysLockedAcrossEditsUntilShuffled() {
        scheduler.edit(editor("one"));
        timer.advance(DEBOUNCE);
        scheduler.edit(editor("two"));
        timer.advance(DEBOUNCE);
        assertThat(renders.get(0).request.seed()).isEqualTo(renders.get(1).request.seed());

        long before = scheduler.seed();
        long after = scheduler.shuffleSeed();
        timer.advance(DEBOUNCE);

        assertThat(after).isNotEqualTo(before);
        assertThat(renders).hasSize(3);
        assertThat(renders.get(2).request.seed()).isEqualTo(after);
        assertThat(renders.get(2).request.prompt()).isEqualTo("two");
    }

    @Test
    void aLockedSeedFromRecallIsUsedByTheNextDraft() {
        scheduler.lockSeed(123456789012345L);
        scheduler.edit(editor("recalled"));
        timer.advance(DEBOUNCE);
        assertThat(renders.get(0).request.seed()).isEqualTo(123456789012345L);
    }

    @Test
    void aFailedDraftSaysWhy() {
        scheduler.edit(editor("x"));
        timer.advance(DEBOUNCE);
        renders.get(0).fail(FailureKind.MODERATED, "Request Moderated");

        assertThat(scheduler.state()).isEqualTo(DraftState.FAILED);
        assertThat(lastMessage).contains("Refused by moderation").contains("Request Moderated");
        assertThat(shown).isEmpty();
    }

    @Test
    void pausedLiveDraftsFireNothingAndResumeDraftsTheCurrentText() {
        scheduler.setPaused(true);
        scheduler.edit(editor("one"));
        scheduler.edit(editor("two"));
        timer.advanceMillis(5000);
        assertThat(renders).isEmpty();
        assertThat(scheduler.state()).isEqualTo(DraftState.STALE);

        scheduler.setPaused(false);
        timer.advance(DEBOUNCE);

        assertThat(renders).hasSize(1);
        assertThat(renders.get(0).request.prompt()).isEqualTo("two");
    }

    @Test
    void pausingCancelsTheDraftInFlight() {
        scheduler.edit(editor("one"));
        timer.advance(DEBOUNCE);
        scheduler.setPaused(true);
        assertThat(renders.get(0).cancelled).isTrue();
        renders.get(0).succeed(1);
        assertThat(shown).isEmpty();
    }

    @Test
    void cancelDraftStopsPendingAndRunningDrafts() {
        scheduler.edit(editor("one"));
        timer.advance(DEBOUNCE);
        scheduler.edit(editor("two"));
        scheduler.cancelDraft();
        timer.advanceMillis(5000);

        assertThat(renders).hasSize(1);
        assertThat(renders.get(0).cancelled).isTrue();
        assertThat(timer.pending()).isZero();
    }

    @Test
    void switchingProviderForgetsEarlierDraftsAndRendersAgain() {
        scheduler.edit(editor("cat"));
        timer.advance(DEBOUNCE);
        renders.get(0).succeed(1);

        scheduler.invalidate();
        timer.advance(DEBOUNCE);

        assertThat(renders).hasSize(2);
        assertThat(renders.get(1).request).isEqualTo(renders.get(0).request);
        assertThat(shown).hasSize(1); // nothing from the new provider shown yet
    }

    @Test
    void draftStepsFollowTheQualitySetting() {
        scheduler.setQuality(new Quality(4, 40));
        scheduler.edit(editor("x"));
        timer.advance(DEBOUNCE);
        renders.get(0).succeed(5);
        scheduler.renderFinal(editor("x"), scheduler.quality().finalSteps(), JobListener.NONE);
        assertThat(renders.get(0).request.steps()).isEqualTo(4);
        assertThat(renders.get(1).request.steps()).isEqualTo(40);
    }

    /** A provider the scheduler never calls: rendering goes through the test's Renderer. */
    private static final class NullProvider implements Provider {
        @Override
        public ProviderInfo info() {
            return new ProviderInfo("null", "Null", "none", new ProviderCapabilities(10, true, true, 64, 4096, 1, 1));
        }

        @Override
        public GenerationResult generate(GenerationRequest request, JobContext context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Cost estimateCost(GenerationRequest request) {
            return Cost.FREE;
        }
    }

    @Test
    void aRefusedDraftPausesLiveDraftsWithTheReasonAndFiresNothing() {
        scheduler.setAdmission(draft -> draft.prompt().contains("pricey") ? java.util.Optional.of("Budget reached")
                : java.util.Optional.empty());
        scheduler.edit(editor("cheap"));
        timer.advanceMillis(350);
        renders.get(0).succeed(1);
        scheduler.edit(editor("pricey"));
        timer.advanceMillis(350);

        assertThat(renders).hasSize(1);
        assertThat(scheduler.isPaused()).isTrue();
        assertThat(lastMessage).isEqualTo("Budget reached");
        assertThat(scheduler.state()).isEqualTo(DraftState.STALE);
    }

    @Test
    void aCappedDraftRendersSmallButTheFinalKeepsTheEditorsSizeAndSeed() {
        scheduler.setDraftPixelCap(1L << 20);
        scheduler.edit(GenerationRequest.of("wide poster", 7, 33, 2048, 1152));
        timer.advanceMillis(350);
        GenerationRequest draft = renders.get(0).request;
        assertThat((long) draft.width() * draft.height()).isLessThanOrEqualTo(1L << 20);
        assertThat(draft.width() % 16).isZero();
        assertThat(draft.height() % 16).isZero();
        assertThat((double) draft.width() / draft.height()).isCloseTo(2048.0 / 1152, org.assertj.core.data.Offset.offset(0.03));
        renders.get(0).succeed(5);

        scheduler.renderFinal(GenerationRequest.of("wide poster", 7, 33, 2048, 1152), 50, event -> { });

        GenerationRequest fin = renders.get(1).request;
        assertThat(fin.width()).isEqualTo(2048);
        assertThat(fin.height()).isEqualTo(1152);
        assertThat(fin.seed()).isEqualTo(draft.seed());
        assertThat(fin.steps()).isEqualTo(50);
        assertThat(renders.get(1).parentId).isEqualTo(5L);
    }

    @Test
    void neverCallsTheRendererOrItsListenerWhileHoldingTheLockTheUiThreadTakes() {
        List<String> underLock = new ArrayList<>();
        DraftScheduler[] self = new DraftScheduler[1];
        List<Render> sent = new ArrayList<>();
        DraftRenderer renderer = (request, kind, parentId, listener) -> {
            if (Thread.holdsLock(self[0])) {
                underLock.add("render");
            }
            Render r = new Render(request, kind, parentId, listener);
            sent.add(r);
            return new JobHandle(sent.size(), new Job(request, new NullProvider(), kind, parentId), r.outcome, () -> {
                if (Thread.holdsLock(self[0])) {
                    underLock.add("cancel");
                }
            });
        };
        DraftListener listener = new DraftListener() {
            @Override
            public void stateChanged(DraftState state, String message) {
                if (Thread.holdsLock(self[0])) {
                    underLock.add("state " + state);
                }
            }

            @Override
            public void draftShown(ShownDraft draft) {
                if (Thread.holdsLock(self[0])) {
                    underLock.add("shown");
                }
            }
        };
        self[0] = new DraftScheduler(timer, renderer, listener, Quality.DEFAULT, DEBOUNCE, seeds::incrementAndGet);
        DraftScheduler s = self[0];

        s.edit(editor("a red balloon"));
        timer.advance(DEBOUNCE);
        s.edit(editor("a blue balloon")); // supersedes the first
        timer.advance(DEBOUNCE);          // cancels it and sends the second
        sent.get(1).succeed(9);
        s.renderFinal(editor("a blue balloon"), 50, JobListener.NONE);

        assertThat(sent).hasSize(3);
        assertThat(underLock).isEmpty();
    }

    @Test
    void listenerEventsArriveInTheOrderTheyWereDecided() {
        scheduler.edit(editor("a red balloon"));
        timer.advance(DEBOUNCE);
        renders.get(0).succeed(3);
        scheduler.edit(editor("a blue balloon"));

        assertThat(states).containsExactly(DraftState.STALE, DraftState.QUEUED, DraftState.READY, DraftState.STALE);
        assertThat(shown).extracting(d -> d.request().prompt()).containsExactly("a red balloon");
    }

    @Test
    void aPaidDraftIsSeenThroughNotCancelledAndEditsMadeMeanwhileCoalesceIntoOneNext() {
        scheduler.setInFlightLimit(1);
        scheduler.edit(editor("a red"));
        timer.advance(DEBOUNCE);
        scheduler.edit(editor("a red ball"));
        timer.advance(DEBOUNCE);
        scheduler.edit(editor("a red balloon"));
        timer.advance(DEBOUNCE);

        assertThat(renders).hasSize(1); // one in flight: the later edits wait for it
        assertThat(renders.get(0).cancelled).isFalse();
        assertThat(scheduler.state()).isEqualTo(DraftState.QUEUED);

        renders.get(0).succeed(1);

        // The paid draft is shown (stale: the editor moved on), and only the newest edit goes next.
        assertThat(shown).extracting(d -> d.request().prompt()).containsExactly("a red");
        assertThat(renders).hasSize(2);
        assertThat(renders.get(1).request.prompt()).isEqualTo("a red balloon");
        renders.get(1).succeed(2);
        assertThat(shown).extracting(d -> d.request().prompt()).containsExactly("a red", "a red balloon");
        assertThat(scheduler.state()).isEqualTo(DraftState.READY);
        assertThat(renders).noneMatch(r -> r.cancelled);
    }

    @Test
    void aPaidDraftThatLandsAfterANewerOneIsKeptButNeverShownOverIt() {
        scheduler.setInFlightLimit(2);
        scheduler.edit(editor("first"));
        timer.advance(DEBOUNCE);
        scheduler.edit(editor("second"));
        timer.advance(DEBOUNCE);
        renders.get(1).succeed(2);
        renders.get(0).succeed(1);

        assertThat(shown).extracting(d -> d.request().prompt()).containsExactly("second");
        assertThat(superseded).extracting(ShownDraft::generationId).containsExactly(1L);
        assertThat(renders).noneMatch(r -> r.cancelled);
    }

    @Test
    void escOnAPaidDraftCannotUnpayItAndSaysSo() {
        scheduler.setInFlightLimit(1);
        scheduler.edit(editor("poster"));
        timer.advance(DEBOUNCE);
        scheduler.cancelDraft();

        assertThat(renders.get(0).cancelled).isFalse();
        assertThat(lastMessage).startsWith("That draft is already paid for");
    }

    @Test
    void draftNowRendersOnceWithLiveDraftsOff() {
        scheduler.setPaused(true);
        scheduler.edit(editor("poster"));
        timer.advance(DEBOUNCE);
        assertThat(renders).isEmpty();

        scheduler.draftNow();

        assertThat(renders).singleElement().satisfies(r -> assertThat(r.request.prompt()).isEqualTo("poster"));
        assertThat(scheduler.isPaused()).isTrue();
    }

    @Test
    void onAFreeEngineASupersededDraftIsStillCancelled() {
        scheduler.edit(editor("a red"));
        timer.advance(DEBOUNCE);
        scheduler.edit(editor("a red balloon"));
        timer.advance(DEBOUNCE);

        assertThat(renders).hasSize(2);
        assertThat(renders.get(0).cancelled).isTrue();
    }

    @Test
    void paidDraftsWaitForARealPauseLongerThanTheDesignersOwnBetweenWords() {
        AdaptiveDebounce pause = new AdaptiveDebounce(Duration.ofMillis(350));
        long t = 0;
        assertThat(pause.afterEdit(t)).isEqualTo(Duration.ofMillis(350));
        pause.setPaid(true);
        assertThat(pause.afterEdit(t)).isEqualTo(AdaptiveDebounce.PAID_PAUSE);
        // A slow typist: 150 ms between keys, 900 ms between words.
        for (int word = 0; word < 4; word++) {
            for (int key = 0; key < 5; key++) {
                t += 150_000_000L;
                pause.afterEdit(t);
            }
            t += 900_000_000L;
            pause.afterEdit(t);
        }
        assertThat(pause.current()).isEqualTo(Duration.ofMillis(1170)); // 1.3 x the 900 ms word gap
        pause.setPaid(false);
        assertThat(pause.current()).isEqualTo(Duration.ofMillis(350));
    }

    // --- Behaviour a designer notices at the edges: seed explorer, flush, slots, pause, Esc, progress. ---

    private static ShownDraft explored(GenerationRequest request, long generationId) {
        Instant t = Instant.EPOCH;
        GenerationResult result = new GenerationResult(new byte[] {7}, "image/png", request.seed(), request.width(),
                request.height(), null, null, Cost.FREE);
        return new ShownDraft(request, result, generationId, new Timings(t, t, t, 1));
    }

    @Test
    void adoptingASeedExplorerDraftShowsItLocksItsSeedAndTheFinalIsLinkedToIt() {
        scheduler.edit(editor("lighthouse"));
        timer.advance(DEBOUNCE);
        Render inFlight = renders.get(0);
        GenerationRequest pick = scheduler.draftOf(editor("lighthouse").withSeed(777));

        scheduler.adopt(explored(pick, 55));

        assertThat(inFlight.cancelled).isTrue();
        assertThat(scheduler.seed()).isEqualTo(777);
        assertThat(shown).extracting(ShownDraft::generationId).containsExactly(55L);
        assertThat(scheduler.shownDraft()).hasValueSatisfying(d -> assertThat(d.generationId()).isEqualTo(55));
        assertThat(scheduler.state()).isEqualTo(DraftState.READY);
        inFlight.succeed(9); // the cancelled draft lands anyway: never shown over the adopted one
        assertThat(shown).extracting(ShownDraft::generationId).containsExactly(55L);

        scheduler.renderFinal(editor("lighthouse"), 50, e -> { });
        assertThat(renders.get(1).request.seed()).isEqualTo(777);
        assertThat(renders.get(1).parentId).isEqualTo(55L);
    }

    @Test
    void adoptingCancelsTheDraftWaitingForTheDebounce() {
        scheduler.edit(editor("lighthouse"));
        timer.advanceMillis(100);
        scheduler.adopt(explored(scheduler.draftOf(editor("lighthouse").withSeed(5)), 3));
        timer.advance(DEBOUNCE);

        assertThat(renders).isEmpty();
        assertThat(scheduler.state()).isEqualTo(DraftState.READY);
    }

    @Test
    void anAdoptedDraftOfOtherTextThanTheEditorsIsShownAsStale() {
        scheduler.edit(editor("lighthouse"));
        scheduler.adopt(explored(scheduler.draftOf(editor("harbour").withSeed(5)), 3));

        assertThat(scheduler.state()).isEqualTo(DraftState.STALE);
        assertThat(lastMessage).isEqualTo("A newer edit is on its way.");
    }

    @Test
    void flushFiresThePendingDraftAtOnceAndOnlyOnce() {
        scheduler.edit(editor("now please"));
        scheduler.flush();

        assertThat(renders).singleElement().satisfies(r -> assertThat(r.request.prompt()).isEqualTo("now please"));
        timer.advance(DEBOUNCE);
        scheduler.flush();
        assertThat(renders).hasSize(1);
    }

    @Test
    void theDebounceIsWhatWasLastSet() {
        assertThat(scheduler.debounce()).isEqualTo(DEBOUNCE);
        scheduler.setDebounce(Duration.ofMillis(900));
        scheduler.edit(editor("slow"));
        timer.advanceMillis(899);
        assertThat(renders).isEmpty();
        timer.advanceMillis(1);
        assertThat(renders).hasSize(1);
        assertThat(scheduler.debounce()).isEqualTo(Duration.ofMillis(900));
    }

    @Test
    void freeingASlotSendsTheEditThatWaitedForIt() {
        scheduler.setInFlightLimit(1);
        scheduler.edit(editor("first"));
        timer.advance(DEBOUNCE);
        scheduler.edit(editor("second"));
        timer.advance(DEBOUNCE);
        assertThat(renders).hasSize(1);
        assertThat(lastMessage).startsWith("Waiting for the paid draft in flight");

        scheduler.setInFlightLimit(2);

        assertThat(renders).extracting(r -> r.request.prompt()).containsExactly("first", "second");
        assertThat(renders).noneMatch(r -> r.cancelled);
    }

    @Test
    void leavingPaidDraftsSendsTheWaitingEditAndCancelsFromThenOn() {
        scheduler.setInFlightLimit(1);
        scheduler.edit(editor("first"));
        timer.advance(DEBOUNCE);
        scheduler.edit(editor("second"));
        timer.advance(DEBOUNCE);

        scheduler.setInFlightLimit(0);

        assertThat(renders).extracting(r -> r.request.prompt()).containsExactly("first", "second");
        assertThat(renders.get(0).cancelled).isTrue();
    }

    @Test
    void raisingTheLimitWithNothingWaitingSendsNothing() {
        scheduler.setInFlightLimit(1);
        scheduler.edit(editor("first"));
        timer.advance(DEBOUNCE);
        scheduler.setInFlightLimit(3);
        assertThat(renders).hasSize(1);
    }

    @Test
    void aNegativeInFlightLimitOrPixelCapIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scheduler.setInFlightLimit(-1))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scheduler.setDraftPixelCap(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDraftExactlyAtThePixelCapKeepsItsSize() {
        scheduler.setDraftPixelCap(1024L * 768);
        scheduler.edit(editor("exact"));
        timer.advance(DEBOUNCE);
        assertThat(renders.get(0).request.width()).isEqualTo(1024);
        assertThat(renders.get(0).request.height()).isEqualTo(768);
    }

    @Test
    void settingAPixelCapRedraftsTheEditorContentSmaller() {
        scheduler.edit(editor("poster"));
        timer.advance(DEBOUNCE);
        renders.get(0).succeed(1);

        scheduler.setDraftPixelCap(512L * 384);
        timer.advance(DEBOUNCE);

        assertThat(renders).hasSize(2);
        assertThat((long) renders.get(1).request.width() * renders.get(1).request.height()).isLessThanOrEqualTo(512L * 384);
    }

    @Test
    void changingQualityRedraftsAtTheNewDraftSteps() {
        scheduler.edit(editor("poster"));
        timer.advance(DEBOUNCE);
        renders.get(0).succeed(1);

        scheduler.setQuality(new Quality(10, 40));
        timer.advance(DEBOUNCE);

        assertThat(scheduler.quality()).isEqualTo(new Quality(10, 40));
        assertThat(renders).extracting(r -> r.request.steps()).containsExactly(6, 10);
    }

    @Test
    void pausingTwiceIsHeardOnceAndResumingIsHeard() {
        assertThat(scheduler.isPaused()).isFalse();
        scheduler.setPaused(true);
        scheduler.setPaused(true);
        scheduler.setPaused(false);

        assertThat(pausedHeard).containsExactly(true, false);
        assertThat(scheduler.isPaused()).isFalse();
    }

    @Test
    void pausingWhileTheCurrentDraftIsOnScreenKeepsItReady() {
        scheduler.edit(editor("poster"));
        timer.advance(DEBOUNCE);
        renders.get(0).succeed(1);

        scheduler.setPaused(true);

        assertThat(scheduler.state()).isEqualTo(DraftState.READY);
        scheduler.edit(editor("poster")); // the same text again while paused: still what is on screen
        assertThat(scheduler.state()).isEqualTo(DraftState.READY);
        assertThat(lastMessage).isEqualTo("Live drafts are paused");
        scheduler.edit(editor("poster, blue"));
        assertThat(scheduler.state()).isEqualTo(DraftState.STALE);
    }

    @Test
    void pausingWithAnEditWaitingForAPaidSlotDropsThatEdit() {
        scheduler.setInFlightLimit(1);
        scheduler.edit(editor("first"));
        timer.advance(DEBOUNCE);
        scheduler.edit(editor("second"));
        timer.advance(DEBOUNCE);

        scheduler.setPaused(true);
        renders.get(0).succeed(1);

        assertThat(renders).hasSize(1);
        assertThat(renders.get(0).cancelled).isFalse();
    }

    @Test
    void escWithNothingShownLeavesTheDraftAreaIdle() {
        scheduler.edit(editor("poster"));
        timer.advance(DEBOUNCE);

        scheduler.cancelDraft();

        assertThat(renders.get(0).cancelled).isTrue();
        assertThat(scheduler.state()).isEqualTo(DraftState.IDLE);
        assertThat(lastMessage).isEqualTo("Draft cancelled");
    }

    @Test
    void escWithNothingInFlightOnlyStopsThePendingDraft() {
        scheduler.edit(editor("poster"));
        timer.advance(DEBOUNCE);
        renders.get(0).succeed(1);
        scheduler.edit(editor("poster, blue"));
        List<DraftState> before = List.copyOf(states);

        scheduler.cancelDraft();
        timer.advance(DEBOUNCE);

        assertThat(renders).hasSize(1);
        assertThat(states).isEqualTo(before);
    }

    @Test
    void escOnAPaidDraftWaitingForASlotDropsTheWaitingEdit() {
        scheduler.setInFlightLimit(1);
        scheduler.edit(editor("first"));
        timer.advance(DEBOUNCE);
        scheduler.edit(editor("second"));
        timer.advance(DEBOUNCE);

        scheduler.cancelDraft();
        renders.get(0).succeed(1);

        assertThat(renders).hasSize(1);
        assertThat(scheduler.state()).isEqualTo(DraftState.STALE);
    }

    @Test
    void progressOfTheCurrentDraftIsHeardButNotOfASupersededOne() {
        scheduler.setInFlightLimit(1);
        scheduler.edit(editor("first"));
        timer.advance(DEBOUNCE);
        renders.get(0).listener.onEvent(new JobEvent.Progress(1, Instant.EPOCH, 0.25));
        assertThat(progressHeard).containsExactly(0.25);

        scheduler.edit(editor("second"));
        renders.get(0).listener.onEvent(new JobEvent.Progress(1, Instant.EPOCH, 0.5));
        renders.get(0).listener.onEvent(new JobEvent.Started(1, Instant.EPOCH, 1));

        assertThat(progressHeard).containsExactly(0.25);
        assertThat(scheduler.state()).isEqualTo(DraftState.STALE);
    }

    @Test
    void typingBackToAStartedDraftSaysRenderingAgain() {
        scheduler.edit(editor("first"));
        timer.advance(DEBOUNCE);
        renders.get(0).listener.onEvent(new JobEvent.Started(1, Instant.EPOCH, 1));
        scheduler.edit(editor("firs"));
        scheduler.edit(editor("first"));
        timer.advance(DEBOUNCE);

        assertThat(renders).hasSize(1);
        assertThat(scheduler.state()).isEqualTo(DraftState.RENDERING);
    }

    @Test
    void aPaidDraftThatFailsSaysWhyUnlessTheEditorMovedOn() {
        scheduler.setInFlightLimit(2);
        scheduler.edit(editor("first"));
        timer.advance(DEBOUNCE);
        renders.get(0).fail(FailureKind.MODERATED, "Request Moderated");
        assertThat(scheduler.state()).isEqualTo(DraftState.FAILED);

        scheduler.edit(editor("second"));
        timer.advance(DEBOUNCE);
        scheduler.edit(editor("third"));
        timer.advance(DEBOUNCE);
        renders.get(1).fail(FailureKind.TRANSIENT, "HTTP 503");

        assertThat(scheduler.state()).isEqualTo(DraftState.QUEUED);
    }

    @Test
    void aFreeDraftCancelledByTheEngineLeavesWhatIsShownStale() {
        scheduler.edit(editor("first"));
        timer.advance(DEBOUNCE);
        renders.get(0).succeed(1);
        scheduler.edit(editor("second"));
        timer.advance(DEBOUNCE);

        Instant t = Instant.EPOCH;
        renders.get(1).outcome.complete(new JobOutcome.Cancelled(new Timings(t, t, t, 1)));

        assertThat(scheduler.state()).isEqualTo(DraftState.STALE);
        assertThat(lastMessage).isEqualTo("Draft cancelled");
    }

    @Test
    void aFinalIsNotLinkedToADraftThatHasNoHistoryRow() {
        scheduler.edit(editor("unsaved"));
        timer.advance(DEBOUNCE);
        renders.get(0).succeed(0);

        scheduler.renderFinal(editor("unsaved"), 50, e -> { });

        assertThat(renders.get(1).parentId).isNull();
    }

    @Test
    void invalidatingCancelsTheFreeDraftInFlightAndDraftsAgain() {
        scheduler.edit(editor("poster"));
        timer.advance(DEBOUNCE);

        scheduler.invalidate();
        timer.advance(DEBOUNCE);

        assertThat(renders.get(0).cancelled).isTrue();
        assertThat(renders).hasSize(2);
    }

    @Test
    void aDraftCancelledBeforeTheRendererAnsweredIsCancelledOnceItDoes() {
        List<Render> late = new ArrayList<>();
        DraftScheduler[] self = new DraftScheduler[1];
        DraftRenderer renderer = (request, kind, parentId, listener) -> {
            Render r = new Render(request, kind, parentId, listener);
            late.add(r);
            self[0].cancelDraft(); // Esc lands while the renderer is still submitting
            return new JobHandle(late.size(), new Job(request, new NullProvider(), kind, parentId), r.outcome,
                    () -> r.cancelled = true);
        };
        self[0] = new DraftScheduler(timer, renderer, new DraftListener() {
            @Override
            public void stateChanged(DraftState state, String message) {
            }

            @Override
            public void draftShown(ShownDraft draft) {
            }
        }, Quality.DEFAULT, DEBOUNCE, seeds::incrementAndGet);
        self[0].edit(editor("poster"));
        timer.advance(DEBOUNCE);

        assertThat(late).singleElement().satisfies(r -> assertThat(r.cancelled).isTrue());
    }
}
