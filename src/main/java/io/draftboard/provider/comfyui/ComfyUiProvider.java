package io.draftboard.provider.comfyui;

import io.draftboard.generation.Cost;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.Provider;
import io.draftboard.generation.ProviderCapabilities;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.ProviderInfo;
import io.draftboard.generation.Resumption;
import io.draftboard.generation.SetupCheck;
import io.draftboard.provider.CancellableSleep;
import io.draftboard.provider.Preflight;
import io.draftboard.provider.ProviderEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * FLUX.2 on the designer's own ComfyUI server: the request becomes an API-format workflow ({@link Workflow}),
 * queued with {@code POST /prompt}; {@code /ws} brings progress and preview frames (polling
 * {@code /queue} and {@code /history/{id}} when a proxy drops the websocket); the image comes from
 * {@code /view}. A cancel removes a queued prompt ({@code POST /queue} delete) or interrupts it if it is
 * running ({@code POST /interrupt}). Rendering is free; the server is the user's. The only place that knows
 * ComfyUI's routes and messages (with {@link ComfyWire} and {@link ComfySocket}).
 */
public final class ComfyUiProvider implements Provider {
    public static final String ID = "comfyui";
    public static final String DEFAULT_BASE_URL = "http://127.0.0.1:8188/";
    /** The built-in workflow used unless the user names another: "dev", "klein", or a file. */
    public static final String DEFAULT_WORKFLOW = "dev";
    static final String NAME = ComfyWire.NAME;
    private static final String DISPLAY_NAME = "ComfyUI (FLUX.2 on your server)";
    /**
     * FLUX.2 takes several reference latents; Draftboard sends at most as many as BFL's [flex] API (8) so a
     * request means the same on every provider. ComfyUI itself sets no limit.
     */
    static final int MAX_REFERENCES = 8;
    private static final ProviderCapabilities CAPABILITIES = new ProviderCapabilities(MAX_REFERENCES, true, true, 64,
            2048, 1, 2);

    /**
     * How long to wait for what: {@code poll} between polls without a websocket, {@code socketOpen} for the
     * websocket upgrade, {@code job} for a whole render (queue included), {@code unreachable} for a server that
     * stopped answering after it accepted the prompt, {@code quiet} before a silent websocket is double-checked
     * against the queue.
     */
    public record Timing(Duration poll, Duration socketOpen, Duration job, Duration unreachable, Duration quiet) {
        public static final Timing DEFAULT = new Timing(Duration.ofMillis(250), Duration.ofSeconds(3),
                Duration.ofMinutes(30), Duration.ofMinutes(2), Duration.ofSeconds(5));
    }

    private final ProviderEndpoint endpoint;
    private final String workflowSetting;
    private final CancellableSleep sleep;
    private final Timing timing;
    private volatile Loaded loaded;

    /** The workflow as last read, with what it was read from (a file is read again when it changes). */
    private record Loaded(String setting, long modified, Workflow workflow, String error) {
    }

    /**
     * @param workflow "dev" or "klein" (the FLUX.2 templates shipped with Draftboard), or the path of an
     *                 API-format workflow file marked as the README says; read when a job runs
     */
    public ComfyUiProvider(ProviderEndpoint endpoint, String workflow) {
        this(endpoint, workflow, CancellableSleep.REAL, Timing.DEFAULT);
    }

    public ComfyUiProvider(ProviderEndpoint endpoint, String workflow, CancellableSleep sleep, Timing timing) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.workflowSetting = workflow == null || workflow.isBlank() ? DEFAULT_WORKFLOW : workflow.strip();
        this.sleep = Objects.requireNonNull(sleep, "sleep");
        this.timing = Objects.requireNonNull(timing, "timing");
    }

    @Override
    public ProviderInfo info() {
        Loaded l = load();
        return new ProviderInfo(ID, DISPLAY_NAME, l.workflow != null ? l.workflow.modelLabel() : "unusable workflow",
                CAPABILITIES);
    }

    @Override
    public Cost estimateCost(GenerationRequest request) {
        return Cost.FREE;
    }

    @Override
    public GenerationResult generate(GenerationRequest request, JobContext context) throws ProviderException {
        Preflight.limits(info(), request);
        Workflow workflow = workflow();
        if (!request.references().isEmpty() && !workflow.takesReferences()) {
            throw new ProviderException(FailureKind.INVALID_REQUEST, workflow.name() + " has no VAE to encode "
                    + "reference images with; title its VAELoader \"" + Workflow.VAE + "\"");
        }
        return new ComfyJob(endpoint, workflow, request, context, sleep, timing).run();
    }

    /** Follows a prompt ComfyUI accepted before Draftboard stopped: by polling, since its websocket is gone. */
    @Override
    public GenerationResult resume(GenerationRequest request, Resumption from, JobContext context)
            throws ProviderException {
        if (from.remoteId() == null || from.remoteId().isBlank()) {
            throw new ProviderException(FailureKind.PERMANENT, NAME + " never named the prompt; it cannot be found again");
        }
        return new ComfyJob(endpoint, workflow(), request, context, sleep, timing).resume(from.remoteId());
    }

    /** Which FLUX.2 nodes and model files the server has, and what the workflow still needs. */
    @Override
    public Optional<SetupCheck> setupCheck() {
        return Optional.of(() -> {
            Loaded l = load();
            if (l.workflow == null) {
                return new SetupCheck.Report(false, l.error);
            }
            return new ServerCheck(endpoint, l.workflow).check();
        });
    }

    private Workflow workflow() throws ProviderException {
        Loaded l = load();
        if (l.workflow == null) {
            throw new ProviderException(FailureKind.INVALID_REQUEST, l.error);
        }
        return l.workflow;
    }

    private Loaded load() {
        Loaded l = loaded;
        boolean builtIn = workflowSetting.equals("dev") || workflowSetting.equals("klein");
        long modified = builtIn ? 0 : lastModified(Path.of(workflowSetting));
        if (l != null && l.modified == modified) {
            return l;
        }
        Workflow w = null;
        String error = null;
        try {
            w = builtIn ? Workflow.builtIn(workflowSetting) : Workflow.parse(Path.of(workflowSetting).getFileName()
                    .toString(), Files.readString(Path.of(workflowSetting), StandardCharsets.UTF_8));
        } catch (IOException e) {
            error = "The ComfyUI workflow " + workflowSetting + " cannot be read (" + e.getClass().getSimpleName() + ")";
        } catch (IllegalArgumentException e) {
            error = "The ComfyUI workflow cannot be used: " + e.getMessage();
        }
        l = new Loaded(workflowSetting, modified, w, error);
        loaded = l;
        return l;
    }

    private static long lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }
}
