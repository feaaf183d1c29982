package io.draftboard.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar draftboard.jar} opens the studio in a JVM started as the packaged launcher starts it: its
 * options, and from the second start a class archive made for this jar in the user's cache.
 */
class StudioRelaunchTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @Test
    void aJarLaunchHasTheClassPathItsManifestMakes(@TempDir Path tmp) throws Exception {
        Path jar = TestJars.jar(tmp.resolve("app/draftboard.jar"), "lib/a.jar lib/b%20c.jar", Path.of("no-classes"));

        JarLaunch launch = JarLaunch.of(List.of("-jar", jar.toString(), "--provider", "bfl"), JAVA, jar).orElseThrow();

        assertThat(launch.classPath()).containsExactly(jar, tmp.resolve("app/lib/a.jar"), tmp.resolve("app/lib/b c.jar"));
        assertThat(launch.args()).containsExactly("--provider", "bfl");
        assertThat(launch.jvmOptions()).isEmpty();
        assertThat(JarLaunch.of(List.of("-cp", jar.toString(), "io.draftboard.launch.Main"), JAVA, jar)).isEmpty();
        assertThat(JarLaunch.of(List.of("-jar", tmp.resolve("other.jar").toString()), JAVA, jar)).isEmpty();
    }

    @Test
    void onlyAPlainJavaDashJarIsRelaunchedAndWhatTheDesignerSetIsKept(@TempDir Path tmp) throws Exception {
        Path jar = TestJars.jar(tmp.resolve("draftboard.jar"), null, Path.of("no-classes"));
        JarLaunch plain = JarLaunch.of(List.of("-jar", jar.toString()), JAVA, jar).orElseThrow();
        JarLaunch tuned = JarLaunch.of(List.of("-Xmx8g", "-Dprism.order=sw", "-jar", jar.toString()), JAVA, jar)
                .orElseThrow();

        assertThat(StudioRelaunch.relaunches(plain, Map.of())).isTrue();
        assertThat(tuned.jvmOptions()).containsExactly("-Xmx8g", "-Dprism.order=sw");
        assertThat(StudioRelaunch.relaunches(tuned, Map.of())).isFalse();
        assertThat(StudioRelaunch.relaunches(plain, Map.of("JDK_JAVA_OPTIONS", "-Xmx1g"))).isFalse();
        assertThat(StudioRelaunch.relaunches(plain, Map.of("JAVA_TOOL_OPTIONS", "-Dx=1"))).isFalse();
        assertThat(StudioRelaunch.relaunches(plain, Map.of("DRAFTBOARD_RELAUNCH", "off"))).isFalse();
        assertThat(StudioRelaunch.relaunches(plain, Map.of("JDK_JAVA_OPTIONS", " "))).isTrue();
    }

    @Test
    void theStudioGetsThePackagedLaunchersOptionsAndTheArchiveOnlyWhenThereIsOne(@TempDir Path tmp) throws Exception {
        Path jar = TestJars.jar(tmp.resolve("draftboard.jar"), "lib/a.jar", Path.of("no-classes"));
        JarLaunch launch = JarLaunch.of(List.of("-jar", jar.toString(), "--provider", "bfl"), JAVA, jar).orElseThrow();
        Path archive = tmp.resolve("studio-1.jsa");
        Path directives = tmp.resolve("compiler-directives-1.json");

        List<String> first = StudioRelaunch.command(launch, Optional.empty(), Optional.of(directives), "Linux", "M");
        List<String> later = StudioRelaunch.command(launch, Optional.of(archive), Optional.of(directives), "Linux", "M");
        List<String> mac = StudioRelaunch.command(launch, Optional.of(archive), Optional.empty(), "Mac OS X", "M");

        assertThat(first).doesNotContain("-XX:SharedArchiveFile=" + archive)
                .endsWith("-cp", jar + File.pathSeparator + tmp.resolve("lib/a.jar"), "M", "--provider", "bfl");
        assertThat(first.get(0)).isEqualTo(JAVA.toString());
        assertThat(later).contains("-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=off",
                "-XX:CompilerDirectivesFile=" + directives);
        assertThat(mac).doesNotContain("-XX:TrimNativeHeapInterval=5000")
                .noneMatch(o -> o.startsWith("-XX:CompilerDirectivesFile"));
        // Every option the packaged launcher gives (but the paths in its own directory) and no other.
        List<String> packaged = launcherOptions(Path.of("packaging/app-image.args"));
        packaged.addAll(launcherOptions(Path.of("packaging/linux/app-image.args")));
        packaged.removeIf(o -> o.contains("$APPDIR") || o.equals("-Xlog:cds*=off"));
        List<String> ours = new ArrayList<>(later);
        ours.removeIf(o -> !o.startsWith("-X") || o.contains(tmp.toString())
                || o.equals("-XX:+IgnoreUnrecognizedVMOptions") || o.equals("-Xlog:cds*=off"));
        assertThat(ours).containsExactlyInAnyOrderElementsOf(packaged);
    }

    /**
     * The whole cycle on real JVMs: a first start runs without an archive and makes one while it runs; the next
     * start maps it (the child's own /proc/self/maps says so); a changed jar gets none until one is made for it.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aFirstStartMakesTheArchiveWhileItRunsAndTheNextStartMapsIt(@TempDir Path tmp) throws Exception {
        Path jar = TestJars.appJar(tmp.resolve("app/draftboard.jar"),
                Path.of("target/test-classes/io/draftboard/launch/RelaunchProbe.class"));
        JarLaunch launch = JarLaunch.of(List.of("-jar", jar.toString()), JAVA, jar).orElseThrow();
        Path cacheDir = tmp.resolve("cache");
        ClassArchiveCache cache = new ClassArchiveCache(cacheDir, launch);
        assertThat(cache.archive()).isEmpty();
        Path out = tmp.resolve("out.txt");

        JarLaunch firstStart = withArgs(launch, cacheDir.toString(), "--until-archive");
        int code = StudioRelaunch.run(firstStart, cache, "Linux", RelaunchProbe.class.getName(),
                ProcessBuilder.Redirect.to(out.toFile()), 0);

        assertThat(code).as(Files.readString(out)).isEqualTo(7);
        String first = Files.readString(out);
        assertThat(first).contains("mapped=false", "-XX:+UseSerialGC", "-XX:CompilerDirectivesFile=" + cacheDir,
                "malloc-arena-max=" + System.getenv().getOrDefault("MALLOC_ARENA_MAX", "2"));
        assertThat(cache.archive()).isPresent();

        code = StudioRelaunch.run(withArgs(launch, cacheDir.toString()), cache, "Linux",
                RelaunchProbe.class.getName(), ProcessBuilder.Redirect.to(out.toFile()), 60_000);

        assertThat(code).as(Files.readString(out)).isEqualTo(7);
        assertThat(Files.readString(out)).contains("mapped=true", "-XX:SharedArchiveFile=" + cache.archive().get());
        // The jar rebuilt: another key, no archive until one is made for it; the old one is replaced then.
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(jar)
                .toMillis() - 60_000));
        ClassArchiveCache rebuilt = new ClassArchiveCache(cacheDir, launch);
        assertThat(rebuilt.archive()).isEmpty();
        assertThat(rebuilt.wantsArchive()).isTrue();
    }

    /** Stopped (SIGTERM, as a logout or a terminal's kill sends), the jar's JVM stops the studio's JVM too. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void stoppingTheJarsJvmStopsTheStudiosJvm(@TempDir Path tmp) throws Exception {
        Process parent = new ProcessBuilder(JAVA.toString(), "-cp", System.getProperty("java.class.path"),
                RelaunchParent.class.getName(), tmp.resolve("cache").toString()).redirectErrorStream(true).start();
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(parent.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        var up = java.util.concurrent.CompletableFuture.supplyAsync(() -> out.lines()
                .filter(l -> l.startsWith("arguments=")).findFirst());
        try {
            assertThat(up.get(60, java.util.concurrent.TimeUnit.SECONDS)).isPresent(); // the child is running
            ProcessHandle studio = parent.toHandle().children().findFirst().orElseThrow();
            assertThat(studio.isAlive()).isTrue();

            parent.destroy();

            assertThat(studio.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS).isAlive()).isFalse();
            assertThat(parent.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            parent.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }
    }

    /** A stand-in for the dumping JVM: writes the archive file it is asked for, as the JVM does, or fails. */
    private static final List<String> DUMPS = List.of("/bin/sh", "-c",
            "for a; do case $a in -XX:SharedArchiveFile=*) echo archive > \"${a#*=}\";; esac; done", "sh");
    private static final List<String> CANNOT_DUMP = List.of("/bin/sh", "-c", "exit 3", "sh");

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void theCacheKeepsTheNewestThreeArchivesAndRemembersAJvmThatCannotDump(@TempDir Path tmp) throws Exception {
        Path cacheDir = tmp.resolve("cache");
        List<ClassArchiveCache> builds = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // four builds of the jar, started in turn
            Path jar = TestJars.jar(tmp.resolve("build" + i + "/draftboard.jar"), null, Path.of("no-classes"));
            JarLaunch launch = JarLaunch.of(List.of("-jar", jar.toString()), JAVA, jar).orElseThrow();
            ClassArchiveCache cache = new ClassArchiveCache(cacheDir, launch);
            assertThat(cache.make(DUMPS)).isZero();
            Path made = cache.archive().orElseThrow();
            Files.setLastModifiedTime(made, java.nio.file.attribute.FileTime.fromMillis(1_000_000L * (i + 1)));
            builds.add(cache);
        }

        assertThat(builds.get(0).archive()).isEmpty();
        assertThat(builds.subList(1, 4)).allSatisfy(c -> assertThat(c.archive()).isPresent());
        try (Stream<Path> files = Files.list(cacheDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }

        Path jar = TestJars.jar(tmp.resolve("other/draftboard.jar"), null, Path.of("no-classes"));
        JarLaunch launch = JarLaunch.of(List.of("-jar", jar.toString()), JAVA, jar).orElseThrow();
        ClassArchiveCache failing = new ClassArchiveCache(cacheDir, launch);
        assertThat(failing.wantsArchive()).isTrue();
        assertThat(failing.make(CANNOT_DUMP)).isEqualTo(3);
        assertThat(failing.archive()).isEmpty();
        assertThat(failing.wantsArchive()).isFalse(); // not asked again at every start
        assertThat(builds.get(3).archive()).isPresent(); // a failure removes nothing
    }

    private static JarLaunch withArgs(JarLaunch launch, String... args) {
        return new JarLaunch(launch.java(), launch.jvmOptions(), launch.jar(), launch.classPath(), List.of(args));
    }

    /** The values of the --java-options lines of a jpackage argument file, one option each. */
    private static List<String> launcherOptions(Path argsFile) throws IOException {
        List<String> options = new ArrayList<>();
        Matcher m = Pattern.compile("^--java-options \"([^\"]*)\"", Pattern.MULTILINE).matcher(Files.readString(argsFile));
        while (m.find()) {
            options.addAll(List.of(m.group(1).trim().split("\\s+")));
        }
        return options;
    }
}
