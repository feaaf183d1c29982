package io.draftboard.launch;

import io.draftboard.settings.AppDirs;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code java -jar draftboard.jar} opens the studio in a child JVM started the way the packaged launcher starts
 * it (issue 15): with its JVM options ({@link #OPTIONS}, the same as packaging/app-image.args) and a class
 * archive made for this jar in the user's cache ({@link ClassArchiveCache}; by mvn package, or by a first
 * start). A jar cannot set JVM flags itself, and without them the studio took ~0.5 s longer to show and used
 * twice the memory (README, Benchmarks). This process only waits: it passes the child's exit code on, and
 * stops the child when it is stopped itself.
 *
 * <p>Only a plain {@code java -jar draftboard.jar}: a JVM option typed before {@code -jar} or set in the JDK's
 * option variables is the designer's, kept by starting the studio in this JVM as before; so is
 * {@code DRAFTBOARD_RELAUNCH=off}. A child that cannot be started leaves the studio to this JVM too.
 */
final class StudioRelaunch {
    /** Set to "off": the studio runs in the JVM {@code java -jar} started, with that JVM's options. */
    static final String SWITCH = "DRAFTBOARD_RELAUNCH";
    /** Variables through which the JDK's launcher takes JVM options. */
    static final List<String> OPTION_VARIABLES = List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS");
    /**
     * The packaged launcher's options (packaging/app-image.args, packaging/linux/app-image.args; why each is
     * there is said there), bar the paths it finds in its own directory.
     */
    static final List<String> OPTIONS = List.of("-XX:+UseSerialGC", "-Xms64m", "-XX:NewRatio=3",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:+UnlockDiagnosticVMOptions", "-XX:-DisplayVMOutput");
    static final List<String> LINUX_OPTIONS = List.of("-XX:TrimNativeHeapInterval=5000");
    /**
     * glibc's malloc gives each thread that allocates an arena of its own, up to 8 per core, and the studio's
     * threads (toolkit, renderer, compilers, decoders) leave free memory stranded in each: two arenas hold 8-12 MB
     * less after scrolling 2,000 history rows (280-282 against 287-292 MB). A launcher cannot set a variable
     * for its JVM, so the packaged app goes without; a designer's own setting is kept.
     */
    static final Map<String, String> LINUX_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");
    /** A first start trains the archive this long after the child started, at low priority, unless it has quit. */
    static final long TRAIN_AFTER_SECONDS = 15;

    private StudioRelaunch() {
    }

    /** From {@link Main}: the studio's exit code when a child ran it, empty when this JVM should. */
    static OptionalInt ifPlainJar(Map<String, String> env) {
        Optional<JarLaunch> launch = JarLaunch.current();
        if (launch.isEmpty() || !relaunches(launch.get(), env)) {
            return OptionalInt.empty();
        }
        try {
            ClassArchiveCache cache = new ClassArchiveCache(archiveDirectory(env), launch.get());
            return OptionalInt.of(run(launch.get(), cache, System.getProperty("os.name", "")));
        } catch (IOException e) {
            return OptionalInt.empty(); // no child: the studio starts here, as it always could
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.of(130);
        }
    }

    /** {@code java -jar draftboard.jar --cds-train}: makes this jar's archive now, in the foreground. */
    static int train(JarLaunch launch, Map<String, String> env, PrintStream out, PrintStream err) {
        ClassArchiveCache cache = new ClassArchiveCache(archiveDirectory(env), launch);
        return CdsArchive.train(launch.java(), cache.archivePath(), () -> cache.make(List.of(launch.java().toString())),
                out, err);
    }

    static Path archiveDirectory(Map<String, String> env) {
        return AppDirs.cacheHome(env).resolve("class-archives");
    }

    /** Whether this launch is a plain one: nothing the designer set about the JVM would be lost in a child. */
    static boolean relaunches(JarLaunch launch, Map<String, String> env) {
        return launch.jvmOptions().isEmpty() && !"off".equalsIgnoreCase(env.getOrDefault(SWITCH, "").strip())
                && OPTION_VARIABLES.stream().allMatch(v -> env.getOrDefault(v, "").isBlank());
    }

    /**
     * The child's command line. Unknown options are ignored rather than fatal: the jar runs on whatever JDK 17+
     * the designer has, and an update before 17.0.9 lacks -XX:TrimNativeHeapInterval.
     */
    static List<String> command(JarLaunch launch, Optional<Path> archive, Optional<Path> directives, String osName,
            String mainClass) {
        List<String> command = new ArrayList<>(List.of(launch.java().toString(), "-XX:+IgnoreUnrecognizedVMOptions"));
        // An archive made for another class path or JVM is skipped, silently: -Xlog:cds*=off, as the launcher does.
        archive.ifPresent(a -> command.addAll(List.of("-XX:SharedArchiveFile=" + a, "-Xlog:cds*=off")));
        command.addAll(OPTIONS);
        if (isLinux(osName)) {
            command.addAll(LINUX_OPTIONS);
        }
        directives.ifPresent(d -> command.add("-XX:CompilerDirectivesFile=" + d));
        command.addAll(List.of("-cp", launch.classPathValue(), mainClass));
        command.addAll(launch.args());
        return command;
    }

    private static boolean isLinux(String osName) {
        return osName.toLowerCase(Locale.ROOT).startsWith("linux");
    }

    /** Runs the studio in the child, trains the archive when there is none yet, and returns the child's exit code. */
    static int run(JarLaunch launch, ClassArchiveCache cache, String osName) throws IOException, InterruptedException {
        return run(launch, cache, osName, Main.class.getName(), ProcessBuilder.Redirect.INHERIT,
                TimeUnit.SECONDS.toMillis(TRAIN_AFTER_SECONDS));
    }

    static int run(JarLaunch launch, ClassArchiveCache cache, String osName, String mainClass,
            ProcessBuilder.Redirect output, long trainAfterMillis) throws IOException, InterruptedException {
        Optional<Path> archive = cache.archive();
        ProcessBuilder builder = new ProcessBuilder(command(launch, archive, cache.directives(), osName, mainClass));
        if (isLinux(osName)) {
            LINUX_ENVIRONMENT.forEach(builder.environment()::putIfAbsent);
        }
        if (output == ProcessBuilder.Redirect.INHERIT) {
            builder.inheritIO(); // the studio's terminal output, and its exit code below, are the jar's
        } else {
            builder.redirectOutput(output).redirectErrorStream(true);
        }
        Process child = builder.start();
        // Stopped (SIGTERM, Ctrl+C, a logout), this JVM stops the studio the same way and gives it the second it
        // takes to quit (StudioApp.stop): its workspace is saved, its jobs left to the journal.
        Thread stopChild = new Thread(() -> {
            child.destroy();
            try {
                child.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "draftboard-stop-studio");
        Runtime.getRuntime().addShutdownHook(stopChild);
        Thread trainer = null;
        if (archive.isEmpty() && cache.wantsArchive()) {
            trainer = new Thread(() -> trainWhileRunning(launch, cache, child, trainAfterMillis),
                    "draftboard-class-archive");
            trainer.setDaemon(true);
            trainer.start();
        }
        int code = child.waitFor();
        if (trainer != null) {
            trainer.interrupt(); // the studio has quit: a half-made archive is dropped, the next start tries again
            trainer.join(TimeUnit.SECONDS.toMillis(5));
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopChild);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran: the child is stopped either way
        }
        return code;
    }

    /** Once the studio has been up a while (its first frame and drafts come first), the archive, niced. */
    private static void trainWhileRunning(JarLaunch launch, ClassArchiveCache cache, Process child, long afterMillis) {
        try {
            child.onExit().get(afterMillis, TimeUnit.MILLISECONDS);
            // it quit before: nothing to train for this time
        } catch (TimeoutException stillRunning) {
            try {
                cache.make(lowPriority(launch.java()));
            } catch (IOException e) {
                // the next start tries again; the studio runs without an archive meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // onExit does not fail
        }
    }

    private static List<String> lowPriority(Path java) {
        Path nice = Path.of("/usr/bin/nice");
        return Files.isExecutable(nice) ? List.of(nice.toString(), "-n", "19", java.toString())
                : List.of(java.toString());
    }
}
