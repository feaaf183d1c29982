package io.draftboard.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void aHealthyHistoryOpensAsItIsWithNothingKeptAside() throws Exception {
        Path file = dir.resolve("history.db");
        long id;
        try (HistoryStore store = HistoryStore.open(file)) {
            id = store.insert(Records.done("still here", Records.hash(1)));
        }

        HistoryDatabase.Opened opened = HistoryDatabase.openOrRecover(file);
        try (HistoryDatabase db = opened.database()) {
            assertThat(opened.corruptBackup()).isNull();
            assertThat(new HistoryStore(db).find(id).map(GenerationRecord::prompt)).contains("still here");
            assertThat(db.journalMode()).isEqualToIgnoringCase("wal");
            assertThat(db.integrityCheck()).isEqualTo("ok");
        }
        assertThat(names()).containsOnly("history.db");
    }

    @Test
    void aCorruptFileIsKeptAsideAndAFreshHistoryOpens() throws Exception {
        Path file = dir.resolve("history.db");
        byte[] garbage = "SQLite format 3\0 but then garbage ".repeat(200).getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, garbage);

        HistoryDatabase.Opened opened = HistoryDatabase.openOrRecover(file);
        try (HistoryDatabase db = opened.database()) {
            Path backup = opened.corruptBackup();
            assertThat(backup.getFileName().toString()).matches("history\\.db\\.corrupt-\\d{8}-\\d{6}");
            assertThat(Files.readAllBytes(backup)).as("the damaged file is kept byte for byte").isEqualTo(garbage);
            assertThat(db.schemaVersion()).isEqualTo(Schema.latestVersion());
            assertThat(new HistoryStore(db).count(HistoryQuery.newest(1))).isZero();
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsRecognisedAsUnreadableByItsResultCode() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.db"), "this is not sqlite".repeat(100));

        assertThatThrownBy(() -> HistoryDatabase.open(junk)).isInstanceOf(HistoryDatabase.UnreadableException.class)
                .hasMessageStartingWith(junk + " is not a usable history database")
                .satisfies(e -> assertThat(SqliteFailure.isCorrupt(e)).isTrue());
        assertThat(Files.readString(junk)).as("left untouched by a plain open").startsWith("this is not sqlite");
    }

    private Stream<String> namesStream() throws Exception {
        return Files.list(dir).map(p -> p.getFileName().toString());
    }

    private java.util.List<String> names() throws Exception {
        try (Stream<String> s = namesStream()) {
            return s.toList();
        }
    }
}
