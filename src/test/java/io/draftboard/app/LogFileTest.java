package io.draftboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileTest {
    private static final String KEY = "sk-log-secret-0123456789";

    @TempDir
    Path home;

    @Test
    void theLogIsRotatedBoundedAndScrubbedOfKeys() throws Exception {
        Logger logger = Logger.getLogger("io.draftboard.test.LogFileTest");
        String line = "a provider said: " + KEY + " " + "x".repeat(1000);
        try (LogFile log = LogFile.install(home, () -> List.of(KEY))) {
            for (int i = 0; i < 5000; i++) { // about 5 MB
                logger.log(Level.WARNING, line, new IllegalStateException("echoed " + KEY));
            }
            assertThat(log.problems()).isEqualTo(5000);
            assertThat(log.file()).isEqualTo(home.resolve("logs/draftboard.log"));
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(home.resolve("logs"))) {
            files = s.sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("draftboard.log", "draftboard.log.1", "draftboard.log.2");
        for (Path f : files) {
            assertThat(Files.size(f)).isLessThanOrEqualTo(LogFile.MAX_BYTES);
            String text = Files.readString(f);
            assertThat(text).doesNotContain(KEY).contains("****").contains("\tat ");
        }
    }

    @Test
    void aLogThatCannotBeWrittenStaysSilent() throws Exception {
        Path notADirectory = Files.writeString(home.resolve("file"), "x");
        try (LogFile log = LogFile.install(notADirectory, List::of)) {
            Logger.getLogger("io.draftboard.test.LogFileTest").log(Level.SEVERE, "nowhere to go", new RuntimeException());
            assertThat(log.written()).isFalse();
        }
    }
}
