package io.draftboard.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.imaging.BmpWriter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged launcher's compiler directives (packaging/compiler-directives.json): a JVM starts with them, C2
 * still compiles the draft's pixel loops, and leaves the rest (here: String code as hot as the pixels) to C1.
 */
class CompilerDirectivesTest {
    private static final Path FILE = Path.of("packaging", "compiler-directives.json");
    /** A PrintCompilation line: id, flags, tier, then Class::method. */
    private static final Pattern COMPILED = Pattern.compile("^\\s*\\d+\\s+\\d+\\s+[%sbn! ]*\\s([0-4])\\s+(\\S+)::(\\S+)");

    @Test
    void c2CompilesTheDraftsPixelLoopsAndNothingElse() throws Exception {
        assertThat(FILE).exists();

        String with = probe("-XX:CompilerDirectivesFile=" + FILE);
        String without = probe();

        assertThat(with).contains("2 compiler directives added");
        assertThat(c2Compiled(with)).anyMatch(m -> m.startsWith("io.draftboard.imaging.BmpWriter::"))
                .noneMatch(m -> m.startsWith("java.lang.String") || m.startsWith("io.draftboard.launch."));
        assertThat(with).containsPattern("made not compilable on level 4 +java\\.lang\\.String");
        // The probe's String work is hot enough for C2 when nothing says otherwise, so the line above means something.
        assertThat(c2Compiled(without)).anyMatch(m -> m.startsWith("java.lang.String"));
    }

    /** Runs {@link Probe} in a JVM with {@code flags}; its PrintCompilation output. */
    private static String probe(String... flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UnlockDiagnosticVMOptions", "-XX:+PrintCompilation"));
        command.addAll(List.of(flags));
        command.addAll(List.of("-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                Probe.class.getName()));
        Path out = Files.createTempFile("draftboard-directives", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(text).isZero();
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The methods C2 (tier 4) compiled, as Class::method. */
    private static List<String> c2Compiled(String printCompilation) {
        return printCompilation.lines().map(COMPILED::matcher).filter(Matcher::find)
                .filter(m -> m.group(1).equals("4")).map(m -> m.group(2) + "::" + m.group(3)).toList();
    }

    /** Encodes drafts' pixels the way the studio shows them, and does as much String work. */
    static final class Probe {
        public static void main(String[] args) {
            BufferedImage image = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);
            long sink = 0;
            for (int i = 0; i < 40; i++) {
                sink += BmpWriter.encode(image).length;
                for (int j = 0; j < 20_000; j++) {
                    sink += ("draft " + i + "/" + j).trim().toUpperCase(java.util.Locale.ROOT).hashCode();
                }
            }
            System.out.println("probe " + sink);
        }
    }
}
