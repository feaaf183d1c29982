package io.draftboard.simulator.comfyui;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.app.Draftboard;
import io.draftboard.app.JobResumer;
import io.draftboard.cli.Cli;
import io.draftboard.cli.CliEnvironment;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.Job;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.JobEvent;
import io.draftboard.generation.JobHandle;
import io.draftboard.generation.JobOutcome;
import io.draftboard.generation.ModelLimits;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.Provider;
import io.draftboard.generation.Reference;
import io.draftboard.generation.RenderKind;
import io.draftboard.generation.SetupCheck;
import io.draftboard.history.GenerationRecord;
import io.draftboard.history.JournalEntry;
import io.draftboard.history.RequestJson;
import io.draftboard.imaging.ContentHash;
import io.draftboard.imaging.ImageCodec;
import io.draftboard.imaging.PngWriter;
import io.draftboard.settings.DataHome;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code provider.comfyui}, registered in {@code Draftboard} as the studio and CLI use it, against the
 * ComfyUI stand-in over HTTP and a real websocket: previews, storage, cancelling, polling without a websocket,
 * restarts, and ComfyUI's own validation of what it is sent.
 */
class ComfyUiEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    @TempDir
    Path dir;
    private ComfyUiSimulator simulator;
    private Draftboard app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    private Draftboard open(ComfyUiSimulatorConfig config, Map<String, String> more) throws Exception {
        simulator = ComfyUiSimulator.start(config);
        Map<String, String> env = new HashMap<>(more);
        env.put("DRAFTBOARD_COMFYUI_BASE_URL", simulator.baseUrl());
        app = Draftboard.open(DataHome.open(dir.resolve("home")), env);
        return app;
    }

    private Provider comfy() {
        return app.providers().get("comfyui");
    }

    /** A job's events as they come, with latches for the first preview and the submit. */
    private static final class Watch {
        final List<JobEvent> events = new CopyOnWriteArrayList<>();
        final CountDownLatch firstPreview = new CountDownLatch(1);
        final CountDownLatch submitted = new CountDownLatch(1);
        volatile String remoteId;

        void on(JobEvent e) {
            events.add(e);
            if (e instanceof JobEvent.Preview) {
                firstPreview.countDown();
            }
            if (e instanceof JobEvent.Submitted s) {
                remoteId = s.remoteId();
                submitted.countDown();
            }
        }

        List<JobEvent.Preview> previews() {
            return events.stream().filter(JobEvent.Preview.class::isInstance).map(JobEvent.Preview.class::cast).toList();
        }
    }

    private JobHandle submit(GenerationRequest r, Watch w) {
        return app.jobs().submit(Job.draft(r, comfy()), w::on);
    }

    private static JobOutcome outcome(JobHandle h) throws Exception {
        return h.outcome().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static boolean await(CountDownLatch latch) throws InterruptedException {
        return latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void aDraftConvergesInPreviewFramesAndIsStoredWithTheWorkflowsModelFiles() throws Exception {
        open(ComfyUiSimulatorConfig.defaults().withStepDelay(Duration.ofMillis(60)), Map.of());
        Watch w = new Watch();

        JobOutcome outcome = outcome(submit(GenerationRequest.of("A red balloon on a wooden table", 11, 8, 256, 256), w));

        assertThat(outcome).isInstanceOf(JobOutcome.Succeeded.class);
        List<JobEvent.Preview> previews = w.previews();
        assertThat(previews).hasSizeGreaterThanOrEqualTo(3);
        assertThat(previews).allSatisfy(p -> {
            assertThat(ImageCodec.sniff(p.image())).isEqualTo(ImageCodec.JPEG);
            assertThat(p.of()).isEqualTo(8);
        });
        assertThat(previews.get(previews.size() - 1).step()).isEqualTo(8);
        assertThat(w.events.indexOf(previews.get(0))).isLessThan(w.events.size() - 1);
        assertThat(w.events).anySatisfy(e -> assertThat(e).isInstanceOf(JobEvent.Progress.class));
        GenerationRecord row = app.history().find(((JobOutcome.Succeeded) outcome).generationId()).orElseThrow();
        assertThat(row.providerId()).isEqualTo("comfyui");
        assertThat(row.model()).isEqualTo("flux2_dev_fp8mixed.safetensors + mistral_3_small_flux2_bf16.safetensors"
                + " + flux2-vae.safetensors");
        assertThat(row.remoteId()).isEqualTo(w.remoteId);
        assertThat(row.cost().usd()).isZero();
        JobOutcome.Succeeded s = (JobOutcome.Succeeded) outcome;
        assertThat(ImageCodec.probe(s.result().image()).width()).isEqualTo(256);
        assertThat(simulator.historyEntry(w.remoteId).path("status").path("status_str").asText()).isEqualTo("success");
    }

    @Test
    void aQueuedDraftLeavesTheQueueAndARunningOneIsInterrupted() throws Exception {
        open(ComfyUiSimulatorConfig.defaults().withStepDelay(Duration.ofMillis(60)), Map.of());
        Watch first = new Watch();
        Watch second = new Watch();
        JobHandle running = submit(GenerationRequest.of("A slow blue kite", 1, 50, 256, 256), first);
        assertThat(await(first.firstPreview)).isTrue();
        JobHandle queued = submit(GenerationRequest.of("A stale green kite", 2, 40, 256, 256), second);
        assertThat(await(second.submitted)).isTrue();

        queued.cancel();
        assertThat(outcome(queued)).isInstanceOf(JobOutcome.Cancelled.class);
        assertThat(simulator.awaitPending(0, WAIT)).as("the stale draft is removed from ComfyUI's queue").isTrue();
        running.cancel();
        assertThat(outcome(running)).isInstanceOf(JobOutcome.Cancelled.class);
        assertThat(simulator.awaitIdle(WAIT)).isTrue();

        assertThat(simulator.deletedFromQueue()).isEqualTo(1);
        assertThat(simulator.ran(second.remoteId)).as("the queued draft never ran").isFalse();
        assertThat(simulator.interruptedPrompts()).isEqualTo(1);
        assertThat(simulator.historyEntry(first.remoteId).path("status").path("messages").toString())
                .contains("execution_interrupted");
    }

    @Test
    void withoutAWebsocketTheDraftIsFollowedByPollingAndStillFinishes() throws Exception {
        open(ComfyUiSimulatorConfig.defaults().withoutWebsocket().withStepDelay(Duration.ofMillis(5)), Map.of());
        Watch w = new Watch();

        JobOutcome outcome = outcome(submit(GenerationRequest.of("A lighthouse at dusk", 5, 6, 256, 256), w));

        assertThat(outcome).isInstanceOf(JobOutcome.Succeeded.class);
        assertThat(w.previews()).isEmpty();
        assertThat(simulator.previewFrames()).isZero();
        assertThat(((JobOutcome.Succeeded) outcome).result().remoteId()).isEqualTo(w.remoteId);
    }

    @Test
    void aComfyUiRestartMidRenderIsReportedAsLostNotDropped() throws Exception {
        open(ComfyUiSimulatorConfig.defaults().withStepDelay(Duration.ofMillis(40)), Map.of());
        Watch w = new Watch();
        JobHandle h = submit(GenerationRequest.of("A long render of a city", 3, 40, 256, 256), w);
        assertThat(await(w.firstPreview)).isTrue();

        simulator.restart(Duration.ofMillis(150));

        JobOutcome outcome = outcome(h);
        assertThat(outcome).isInstanceOfSatisfying(JobOutcome.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.PERMANENT);
            assertThat(f.message()).contains("no longer knows prompt " + w.remoteId).contains("lost; not resent");
        });
        JournalEntry entry = app.journal().recentJobs(1).get(0);
        assertThat(entry.state()).isEqualTo(JournalEntry.State.FAILED);
        assertThat(entry.note()).contains("lost");
        assertThat(simulator.accepted()).isEqualTo(1);
    }

    @Test
    void afterADraftboardCrashThePromptIsPickedUpFromComfyUisHistoryOrReportedLost() throws Exception {
        open(ComfyUiSimulatorConfig.defaults().withStepDelay(Duration.ofMillis(5)), Map.of());
        GenerationRequest r = GenerationRequest.of("A crash-proof teapot", 9, 6, 256, 256);
        String kept = acceptedThenCrashed(r);
        long keptJob = journalled(r, kept);
        assertThat(simulator.awaitIdle(WAIT)).isTrue();

        List<JobResumer.Outcome> outcomes = new JobResumer(app).resumeAll();

        assertThat(outcomes).extracting(JobResumer.Outcome::result).containsExactly("recovered");
        assertThat(app.history().find(outcomes.get(0).generationId()).orElseThrow().remoteId()).isEqualTo(kept);
        assertThat(simulator.accepted()).as("never resent").isEqualTo(1);

        String forgotten = acceptedThenCrashed(r);
        long lostJob = journalled(r, forgotten);
        simulator.restart(Duration.ZERO);

        List<JobResumer.Outcome> after = new JobResumer(app).resumeAll();

        assertThat(after).extracting(JobResumer.Outcome::result).singleElement().asString()
                .startsWith("lost: ").contains("no longer knows prompt " + forgotten);
        assertThat(keptJob).isNotEqualTo(lostJob);
        assertThat(simulator.accepted()).isEqualTo(2);
    }

    /** Queues {@code r} on ComfyUI and "crashes" the moment it is accepted, as a killed Draftboard would. */
    private String acceptedThenCrashed(GenerationRequest r) {
        String[] id = new String[1];
        JobContext crashing = new JobContext() {
            @Override
            public void progress(double fraction) {
            }

            @Override
            public void submitted(String remoteId, String pollingUrl) {
                id[0] = remoteId;
                throw new IllegalStateException("simulated crash after submit");
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void onCancel(Runnable action) {
            }
        };
        try {
            comfy().generate(r, crashing);
        } catch (IllegalStateException | io.draftboard.generation.ProviderException e) {
            assertThat(e).hasMessageContaining("simulated crash");
        }
        assertThat(id[0]).isNotNull();
        return id[0];
    }

    /** A journal entry as the crash left it: submitted, its process gone. */
    private long journalled(GenerationRequest r, String remoteId) throws Exception {
        long job = app.journal().openJob("comfyui", RenderKind.DRAFT, null,
                RequestJson.toJson(RequestJson.Fields.of(r)), Instant.now());
        app.journal().jobSubmitted(job, remoteId, simulator.baseUrl() + "history/" + remoteId);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("home").resolve("history.db"));
                PreparedStatement ps = c.prepareStatement("UPDATE jobs SET claimed_by = NULL WHERE id = ?")) {
            ps.setLong(1, job);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        return job;
    }

    @Test
    void kleinWithEightReferencesIsUploadedWiredAndAcceptedByComfyUisValidation() throws Exception {
        open(ComfyUiSimulatorConfig.defaults().withStepDelay(Duration.ZERO), Map.of("DRAFTBOARD_COMFYUI_WORKFLOW", "klein"));
        List<Reference> refs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            refs.add(reference(new Color(30 * i, 200 - 20 * i, 90)));
        }
        GenerationRequest r = new GenerationRequest("the product from image 1 on the table from image 8", 4, 4, 5.0,
                256, 256, refs, OutputFormat.PNG, false, ModelLimits.DEFAULT_SAFETY_TOLERANCE);

        JobOutcome outcome = outcome(submit(r, new Watch()));

        assertThat(outcome).isInstanceOf(JobOutcome.Succeeded.class);
        assertThat(simulator.uploads()).isEqualTo(8);
        String graph = simulator.lastPrompt().toString();
        assertThat(graph.split("\"class_type\":\"ReferenceLatent\"", -1)).hasSize(9);
        assertThat(graph.split("\"class_type\":\"LoadImage\"", -1)).hasSize(9);
        assertThat(graph).contains("flux-2-klein-4b.safetensors").contains("qwen_3_4b.safetensors");
        assertThat(app.history().find(((JobOutcome.Succeeded) outcome).generationId()).orElseThrow().model())
                .startsWith("flux-2-klein-4b.safetensors");
    }

    private static Reference reference(Color color) {
        BufferedImage img = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 96, 64);
        g.dispose();
        byte[] png = PngWriter.encode(img, List.of());
        return new Reference(ContentHash.sha256(png), ImageCodec.PNG, 96, 64, png);
    }

    @Test
    void aMalformedWorkflowIsRefusedAsComfyUiRefusesIt() throws Exception {
        String broken = new String(ComfyUiEndToEndTest.class.getResourceAsStream(
                "/io/draftboard/provider/comfyui/flux2-dev.json").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"vae\": [\"3\", 0]", "\"vae\": [\"1\", 0]"); // a MODEL where VAEDecode needs a VAE
        Path file = dir.resolve("my-workflow.json");
        Files.writeString(file, broken);
        open(ComfyUiSimulatorConfig.defaults(), Map.of("DRAFTBOARD_COMFYUI_WORKFLOW", file.toString()));

        JobOutcome outcome = outcome(submit(GenerationRequest.of("A poster", 1, 4, 256, 256), new Watch()));

        assertThat(outcome).isInstanceOfSatisfying(JobOutcome.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.INVALID_REQUEST);
            assertThat(f.message()).contains("refused the workflow").contains("node 12 (VAEDecode)")
                    .contains("received_type(MODEL) mismatch input_type(VAE)");
        });
        assertThat(simulator.refused()).isEqualTo(1);
        assertThat(simulator.accepted()).isZero();
    }

    private record Run(int code, String out, String err) {
    }

    private Run cli(String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("DRAFTBOARD_HOME", dir.resolve("cli-home").toString());
        env.put("DRAFTBOARD_COMFYUI_BASE_URL", simulator.baseUrl());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new CliEnvironment(env, dir, new PrintWriter(out, true), new PrintWriter(err, true)));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aMissingModelIsNamedBeforeTheFirstRenderAndWhenOneIsTried() throws Exception {
        simulator = ComfyUiSimulator.start(ComfyUiSimulatorConfig.defaults()
                .withoutModel("flux2_dev_fp8mixed.safetensors").withoutNode("EmptyFlux2LatentImage"));

        Run check = cli("providers", "--check");
        Run render = cli("generate", "--provider", "comfyui", "--prompt", "A poster", "--steps", "4", "--width", "256",
                "--height", "256");

        assertThat(check.code()).as(check.err()).isZero();
        assertThat(check.out()).contains("cannot render FLUX.2 [dev] yet: it is missing "
                + "flux2_dev_fp8mixed.safetensors (in models/diffusion_models) and the node EmptyFlux2LatentImage "
                + "(update ComfyUI); FLUX.2 models it has: flux-2-klein-4b.safetensors.");
        assertThat(render.code()).isEqualTo(FailureKind.PERMANENT.exitCode());
        assertThat(render.err()).contains("has no node \"EmptyFlux2LatentImage\"");
    }

    @Test
    void outOfMemoryAndANodeErrorEndTheRenderWithASentenceAndExitCode() throws Exception {
        simulator = ComfyUiSimulator.start(ComfyUiSimulatorConfig.defaults().withStepDelay(Duration.ZERO)
                .withFaults("gigantic", "broken"));

        Run ready = cli("providers", "--check");
        Run oom = cli("generate", "--provider", "comfyui", "--prompt", "A gigantic mural", "--steps", "4", "--width",
                "256", "--height", "256");
        Run failed = cli("generate", "--provider", "comfyui", "--prompt", "A broken vase", "--steps", "4", "--width",
                "256", "--height", "256");

        assertThat(ready.out()).contains("is ready for FLUX.2 [dev] (flux2_dev_fp8mixed.safetensors, "
                + "mistral_3_small_flux2_bf16.safetensors, flux2-vae.safetensors)");
        assertThat(oom.code()).isEqualTo(5);
        assertThat(oom.err()).contains("ran out of GPU memory in node 11 (SamplerCustomAdvanced)");
        assertThat(failed.code()).isEqualTo(5);
        assertThat(failed.err()).contains("failed in node 11 (SamplerCustomAdvanced): mat1 and mat2 shapes cannot be "
                + "multiplied");
    }

    @Test
    void anAuthProxyNeedsTheToken() throws Exception {
        simulator = ComfyUiSimulator.start(ComfyUiSimulatorConfig.defaults().withStepDelay(Duration.ZERO)
                .withToken("proxy-secret-0123456789"));

        Run without = cli("generate", "--provider", "comfyui", "--prompt", "A poster", "--steps", "4", "--width", "256",
                "--height", "256");
        Map<String, String> env = new HashMap<>();
        env.put("DRAFTBOARD_HOME", dir.resolve("cli-home").toString());
        env.put("DRAFTBOARD_COMFYUI_BASE_URL", simulator.baseUrl());
        env.put("DRAFTBOARD_COMFYUI_TOKEN", "proxy-secret-0123456789");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int with = Cli.run(new String[] {"generate", "--provider", "comfyui", "--prompt", "A poster", "--steps", "4",
            "--width", "256", "--height", "256", "--json"},
                new CliEnvironment(env, dir, new PrintWriter(out, true), new PrintWriter(err, true)));

        assertThat(without.code()).isEqualTo(FailureKind.AUTH.exitCode());
        assertThat(with).as(err.toString()).isZero();
        assertThat(io.draftboard.json.Json.MAPPER.readTree(out.toString()).get("provider").asText()).isEqualTo("comfyui");
        assertThat(out.toString() + err).doesNotContain("proxy-secret");
    }

    /**
     * Typing fast: each keystroke supersedes the draft before it, as the studio's scheduler does. Every stale draft
     * must leave ComfyUI's queue (or be interrupted), and the first preview frame comes quickly.
     */
    @Test
    void fastTypingLeavesNoStaleDraftOnTheServer() throws Exception {
        open(ComfyUiSimulatorConfig.defaults().withStepDelay(Duration.ofMillis(30)), Map.of());
        List<JobHandle> drafts = new ArrayList<>();
        List<Watch> watches = new ArrayList<>();
        String prompt = "A neon sign that reads OPEN";
        Instant lastKey = null;
        for (int i = 8; i <= prompt.length(); i += 4) {
            if (!drafts.isEmpty()) {
                drafts.get(drafts.size() - 1).cancel();
            }
            Watch w = new Watch();
            watches.add(w);
            lastKey = Instant.now();
            drafts.add(submit(GenerationRequest.of(prompt.substring(0, i), 7, 12, 256, 256), w));
            assertThat(await(w.submitted)).isTrue();
        }
        Watch last = watches.get(watches.size() - 1);
        assertThat(await(last.firstPreview)).isTrue();
        Duration toFirstFrame = Duration.between(lastKey, last.events.stream().filter(JobEvent.Preview.class::isInstance)
                .findFirst().orElseThrow().at());
        assertThat(outcome(drafts.get(drafts.size() - 1))).isInstanceOf(JobOutcome.Succeeded.class);
        for (JobHandle stale : drafts.subList(0, drafts.size() - 1)) {
            assertThat(outcome(stale)).isInstanceOf(JobOutcome.Cancelled.class);
        }
        assertThat(simulator.awaitIdle(WAIT)).isTrue();

        int ranToTheEnd = 0;
        for (Watch w : watches.subList(0, watches.size() - 1)) {
            if (simulator.ran(w.remoteId) && simulator.historyEntry(w.remoteId).path("status").path("status_str")
                    .asText().equals("success")) {
                ranToTheEnd++;
            }
        }
        System.out.println("ComfyUI stand-in: keystroke to first preview frame " + toFirstFrame.toMillis()
                + " ms; stale drafts rendered to the end: " + ranToTheEnd + " of " + (watches.size() - 1));
        assertThat(ranToTheEnd).isZero();
        assertThat(simulator.pendingPrompts()).isZero();
    }

    @Test
    void theSetupCheckSaysWhenComfyUiIsNotRunning() throws Exception {
        open(ComfyUiSimulatorConfig.defaults(), Map.of());
        simulator.close();

        SetupCheck.Report report = comfy().setupCheck().orElseThrow().check();

        assertThat(report.ready()).isFalse();
        assertThat(report.sentence()).isEqualTo("ComfyUI is not running at " + simulator.baseUrl().replaceAll("/$", "")
                + " (connection refused).");
    }
}
