package io.draftboard.cli;

import io.draftboard.app.Draftboard;
import io.draftboard.files.AtomicFiles;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.Job;
import io.draftboard.generation.JobEvent;
import io.draftboard.generation.JobHandle;
import io.draftboard.generation.JobOutcome;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.Provider;
import io.draftboard.generation.Quality;
import io.draftboard.generation.Reference;
import io.draftboard.generation.RenderKind;
import io.draftboard.generation.Seeds;
import io.draftboard.history.GenerationMetadata;
import io.draftboard.history.GenerationRecord;
import io.draftboard.history.ImageExport;
import io.draftboard.imaging.ImageDecodeException;
import io.draftboard.json.Json;
import io.draftboard.provider.ReferencePreparer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Render one image, record it in history and optionally write it as a PNG with metadata.")
final class GenerateCommand implements Callable<Integer> {
    private static final System.Logger LOG = System.getLogger(GenerateCommand.class.getName());
    private final CliEnvironment env;

    @Option(names = "--prompt", required = true, description = "What to render. Quote text to typeset it.")
    String prompt;

    @Option(names = "--steps", defaultValue = "" + Quality.DEFAULT_FINAL_STEPS,
            description = "1-50: fewer is faster and rougher (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--guidance", defaultValue = "5.0", description = "1.5-10 (default ${DEFAULT-VALUE}).")
    double guidance;

    @Option(names = "--seed", description = "Fix the seed to reproduce an image (default: random, printed).")
    Long seed;

    @Option(names = "--width", defaultValue = "1024", description = "Multiple of 16, at least 64.")
    int width;

    @Option(names = "--height", defaultValue = "1024", description = "Multiple of 16; width x height <= 4 MP.")
    int height;

    @Option(names = "--ref", paramLabel = "FILE", description = "A reference image (repeatable; image 1, 2, ...).")
    List<String> refs = new ArrayList<>();

    @Option(names = "--provider", defaultValue = "offline", description = "Provider id, a gateway's included (vercel, "
            + "aigateway, lumenfall, openai, your own from Settings; 'providers' lists them; default ${DEFAULT-VALUE}).")
    String provider;

    @Option(names = "--format", defaultValue = "png", description = "Asked of the provider: png, jpeg or webp.")
    String format;

    @Option(names = "--prompt-upsampling", description = "Let the provider rewrite the prompt (breaks seed reproducibility).")
    boolean promptUpsampling;

    @Option(names = "--safety-tolerance", defaultValue = "2", description = "0 (strictest) to 5.")
    int safetyTolerance;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the image here as PNG with its parameters.")
    String out;

    @Option(names = "--json", description = "Print the recorded generation as JSON.")
    boolean json;

    /** Set by the job's listener: the provider accepted (and so billed) the job. */
    private volatile boolean accepted;
    private GenerationRequest lastRequest;

    GenerateCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        // Everything the user supplied is checked before anything is rendered or written.
        Path outPath = out == null ? null : PngOutput.checked(env, out);
        List<Reference> references = readReferences();
        GenerationRequest request = new GenerationRequest(prompt, seed != null ? seed : Seeds.random(), steps,
                guidance, width, height, references, OutputFormat.parse(format), promptUpsampling, safetyTolerance);

        lastRequest = request;
        try (Draftboard app = Cli.open(env)) {
            Provider p = app.providers().get(provider);
            p.info().capabilities().check(p.info().displayName(), request);
            RenderKind kind = Quality.DEFAULT.tierOf(steps) == Quality.Tier.DRAFT ? RenderKind.DRAFT : RenderKind.FINAL;
            JobHandle handle = app.jobs().submit(new Job(request, p, kind, null), event -> {
                if (event instanceof JobEvent.Submitted) {
                    accepted = true;
                } else if (event instanceof JobEvent.Status st) {
                    // a status Draftboard does not know: say it while waiting, rather than wait silently
                    env.err().println("draftboard: " + p.info().displayName() + " says the job is \""
                            + Terminal.oneLine(st.text()) + "\" (not a status Draftboard knows); still waiting");
                }
            });
            Thread cancelOnInterrupt = new Thread(() -> {
                handle.cancel();
                handle.outcome().join();
            }, "draftboard-cancel");
            Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
            JobOutcome outcome;
            try {
                outcome = handle.outcome().get();
            } finally {
                removeHook(cancelOnInterrupt);
            }
            return report(app, outcome, outPath);
        }
    }

    private int report(Draftboard app, JobOutcome outcome, Path outPath) throws IOException, ExecutionException {
        if (outcome instanceof JobOutcome.Failed f) {
            env.err().println("draftboard: " + f.kind().title() + ": " + Terminal.oneLine(Cli.withLog(f.message()))
                    + charged(app, f));
            return f.kind().exitCode();
        }
        if (outcome instanceof JobOutcome.Cancelled) {
            env.err().println("draftboard: cancelled");
            return ExitCode.CANCELLED;
        }
        JobOutcome.Succeeded s = (JobOutcome.Succeeded) outcome;
        GenerationRecord record = app.history().find(s.generationId())
                .orElseThrow(() -> new IllegalStateException("generation " + s.generationId() + " was not recorded"));
        if (outPath != null) {
            try {
                AtomicFiles.write(outPath, ImageExport.withMetadata(record, s.result().image(), Draftboard.version()),
                        env.disk());
            } catch (ImageDecodeException e) {
                throw new UserError("the provider's image could not be converted to PNG: " + e.getMessage(),
                        ExitCode.PROVIDER_FAILED);
            } catch (IOException e) {
                // The render is safe in history: say so, and how to get the file once the disk is fixed.
                LOG.log(System.Logger.Level.WARNING, "--out " + outPath + " could not be written", e);
                throw new UserError("#" + record.id() + " was rendered and saved in history, but " + out
                        + " could not be written: " + Cli.withLog(Cli.local(e)) + "; 'draftboard history export "
                        + record.id() + " --out FILE' writes it later");
            }
        }
        if (json) {
            var node = GenerationMetadata.toJson(record, Draftboard.version());
            node.put("imagePath", app.images().find(record.image().sha256()).map(Path::toString).orElse(null));
            if (outPath != null) {
                node.put("out", outPath.toString());
            }
            env.out().println(Json.pretty(node));
        } else {
            env.out().println(String.format(Locale.ROOT, "#%d %s %dx%d, %d steps, seed %d, %.2f s, %s%s",
                    record.id(), record.kind().name().toLowerCase(Locale.ROOT), record.width(), record.height(),
                    record.steps(), record.seed(), record.renderMillis() / 1000.0, record.cost().display(),
                    outPath != null ? " -> " + outPath : ""));
        }
        return ExitCode.OK;
    }

    /**
     * What a failed job cost: nothing unless the provider accepted it, in which case it is billed and recorded
     * at its price; when the failure may be a lost answer, {@code jobs resume} asks the provider again.
     */
    private String charged(Draftboard app, JobOutcome.Failed f) {
        if (!accepted) {
            return "";
        }
        Provider p = app.providers().get(provider);
        String cost = new io.draftboard.generation.Cost(p.estimateCost(lastRequest).usd(), true).display();
        boolean refusal = switch (f.kind()) {
            case MODERATED, INVALID_REQUEST, AUTH, CREDITS -> true;
            default -> false;
        };
        return refusal ? "; " + p.info().displayName() + " had accepted the job, so it is recorded at " + cost
                : "; " + p.info().displayName() + " had accepted the job, so it is recorded at " + cost
                        + "; 'draftboard jobs resume' asks for the image again";
    }

    private List<Reference> readReferences() {
        List<Reference> result = new ArrayList<>();
        for (String ref : refs) {
            Path path = env.resolve(ref);
            try {
                result.add(ReferencePreparer.prepare(path));
            } catch (ImageDecodeException e) {
                throw new UserError("--ref " + ref + ": " + e.getMessage());
            } catch (IOException e) {
                throw new UserError("--ref " + ref + ": cannot be read (" + e.getMessage() + ")");
            }
        }
        return result;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook will cancel the job
        }
    }
}
