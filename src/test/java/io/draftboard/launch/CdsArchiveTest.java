package io.draftboard.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AppCDS class list: it names the studio's start-up classes and a remote CLI job's, and the lambdas the
 * studio links on its way to the first frame, so that a dump archives them too.
 */
class CdsArchiveTest {
    @Test
    void theClassListCoversTheStudioStartWithItsLambdas() throws Exception {
        List<String> list = classList();
        assertThat(list).contains("io/draftboard/ui/StudioApp", "io/draftboard/ui/StudioWindow",
                "io/draftboard/ui/history/HistoryBrowserView", "javafx/scene/control/ListView",
                "org/sqlite/JDBC", "atlantafx/base/theme/PrimerLight");
        // A remote job's call, polling and download: without them a cold CLI loads them from the jars while the
        // job's clock runs (issue 12: drafts in hand at 1.08-1.10x their latency instead of about 1.05x).
        assertThat(list).contains("okhttp3/internal/connection/RealCall",
                "okhttp3/internal/http1/Http1ExchangeCodec", "io/draftboard/provider/bfl/BflProvider",
                "io/draftboard/provider/bfl/BflWire$Poll$Ready", "io/draftboard/provider/PollLoop",
                "io/draftboard/provider/ImageDownload");
        // The lambdas of the window's own classes and of the controls' skins and behaviours (issue 15: ~1,100
        // of them, each otherwise spun and defined while the window is built).
        assertThat(list).anyMatch(l -> l.startsWith("@lambda-proxy io/draftboard/ui/StudioWindow "))
                .anyMatch(l -> l.startsWith("@lambda-proxy com/sun/javafx/scene/control/behavior/TextInputControlBehavior "))
                .anyMatch(l -> l.startsWith("@lambda-form-invoker "));
        assertThat(list.stream().filter(l -> l.startsWith("@lambda-proxy "))).hasSizeGreaterThan(500);
    }

    /**
     * A dump from the list holds the lambdas as well as the classes: a CLI run on the archive takes the lambdas
     * of its own classes from it instead of spinning them (a dynamic dump of a run that only loads the listed
     * classes, as builds before this one made, held none).
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aDumpFromTheListHoldsTheLambdasItLinks(@TempDir Path tmp) throws Exception {
        Path jar = TestJars.appJar(tmp.resolve("app/draftboard.jar"));
        String classPath = JarLaunch.of(List.of("-jar", jar.toString()), CdsArchive.thisJava(), jar).orElseThrow()
                .classPathValue(); // as java -jar resolves it, the class path the relaunch dumps for
        Path archive = tmp.resolve("cache/studio.jsa");
        Files.createDirectories(archive.getParent());

        assertThat(CdsArchive.dump(List.of(CdsArchive.thisJava().toString()), classPath, archive)).isZero();

        assertThat(archive).isRegularFile();
        try (Stream<Path> left = Files.list(archive.getParent())) {
            assertThat(left).containsExactly(archive); // neither the partial archive nor the list's copy stays
        }
        Process run = new ProcessBuilder(CdsArchive.thisJava().toString(), "-XX:SharedArchiveFile=" + archive,
                "-Xshare:on", "-Xlog:class+load", "-cp", classPath, Main.class.getName(), "--version")
                .redirectErrorStream(true).start();
        List<String> loaded = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(run.waitFor()).isZero();
        // The provider keys are read by every start, the studio's and the CLI's (--version's own are not listed).
        assertThat(loaded).filteredOn(l -> l.contains(" io.draftboard.settings.ProviderKeys$$Lambda$"))
                .isNotEmpty().allMatch(l -> l.endsWith("source: shared objects file"));
    }

    static List<String> classList() throws java.io.IOException {
        try (InputStream in = Main.class.getResourceAsStream(CdsArchive.CLASSES)) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
