package io.draftboard.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void aNewHistoryIsStampedAsDraftboardsWithItsSchemaVersion() throws Exception {
        try (HistoryDatabase db = HistoryDatabase.open(dir.resolve("history.db"))) {
            assertThat(db.applicationId()).isEqualTo(0x44524654); // "DRFT"
            assertThat(db.schemaVersion()).isEqualTo(Schema.latestVersion());
        }
    }

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
    void aCorruptFileIsKeptAsideWithItsWalAndAFreshHistoryOpens() throws Exception {
        Path file = dir.resolve("history.db");
        byte[] garbage = "SQLite format 3\0 but then garbage ".repeat(200).getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, garbage);
        Files.writeString(dir.resolve("history.db-wal"), "a stray log");

        HistoryDatabase.Opened opened = HistoryDatabase.openOrRecover(file);
        try (HistoryDatabase db = opened.database()) {
            Path backup = opened.corruptBackup();
            assertThat(backup.getFileName().toString()).matches("history\\.db\\.corrupt-\\d{8}-\\d{6}");
            assertThat(Files.readAllBytes(backup)).as("the damaged file is kept byte for byte").isEqualTo(garbage);
            assertThat(Files.readString(sibling(backup, "-wal"))).isEqualTo("a stray log");
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

    @Test
    void anotherProgramsDatabaseIsNeverMigratedButKeptAsideForAFreshHistory() throws Exception {
        Path file = dir.resolve("history.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA application_id = 1234");
            s.execute("CREATE TABLE generations (id INTEGER PRIMARY KEY, theirs TEXT)"); // even with our table names
            s.execute("CREATE TABLE generation_references (id INTEGER PRIMARY KEY)");
        }
        byte[] theirs = Files.readAllBytes(file);

        assertThatThrownBy(() -> HistoryDatabase.open(file))
                .hasMessage(file + " is not a Draftboard history (it belongs to another program: application id 0x000004d2)");
        HistoryDatabase.Opened opened = HistoryDatabase.openOrRecover(file);
        try (HistoryDatabase db = opened.database()) {
            assertThat(Files.readAllBytes(opened.corruptBackup())).as("their file, untouched").isEqualTo(theirs);
            assertThat(db.applicationId()).isEqualTo(Schema.APPLICATION_ID);
            assertThat(new HistoryStore(db).count(HistoryQuery.newest(1))).isZero();
        }
    }

    @Test
    void aDatabaseWithoutOurIdOrOurTablesIsNotTakenForAHistory() throws Exception {
        Path file = dir.resolve("history.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
        }

        assertThatThrownBy(() -> HistoryDatabase.open(file))
                .isInstanceOf(HistoryDatabase.UnreadableException.class)
                .hasMessage(file + " is not a Draftboard history (it holds another program's tables: notes)");
        HistoryDatabase.Opened opened = HistoryDatabase.openOrRecover(file);
        opened.database().close();
        assertThat(opened.corruptBackup()).isNotNull();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + opened.corruptBackup());
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT group_concat(name) FROM sqlite_schema")) {
            assertThat(rs.getString(1)).as("no migration ran inside their schema").isEqualTo("notes");
        }
    }

    @Test
    void aStaleWalFromAnotherDatabaseIsKeptAsideWithTheHistoryItWouldHaveOverwritten() throws Exception {
        Path file = dir.resolve("history.db");
        try (HistoryStore store = HistoryStore.open(file)) {
            for (int i = 0; i < 30; i++) {
                store.insert(Records.done("ours " + i, Records.hash(i)));
            }
        }
        byte[] ours = Files.readAllBytes(file);
        byte[] strayWal = walOfAnotherDatabase();
        Files.write(sibling(file, "-wal"), strayWal);

        HistoryDatabase.Opened opened = HistoryDatabase.openOrRecover(file);
        Path backup = opened.corruptBackup();
        try (HistoryDatabase db = opened.database()) {
            assertThat(backup).as("the stray log made the file another program's").isNotNull();
            assertThat(new HistoryStore(db).count(HistoryQuery.newest(1))).isZero();
        }
        assertThat(Files.readAllBytes(backup)).as("nothing was checkpointed into the kept history").isEqualTo(ours);
        assertThat(Files.readAllBytes(sibling(backup, "-wal"))).isEqualTo(strayWal);
        Path rescued = Files.copy(backup, dir.resolve("rescued.db"));
        try (HistoryStore store = HistoryStore.open(rescued)) {
            assertThat(store.count(HistoryQuery.newest(1))).as("without the stray log it is all there").isEqualTo(30);
        }
    }

    @Test
    void garbageInTheMiddleOfAPopulatedHistoryGivesOneClearSentenceNotAStackTrace() throws Exception {
        Path file = dir.resolve("history.db");
        List<GenerationRecord> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            rows.add(Records.done("poster " + i + " with a headline and a long prompt about balloons", Records.hash(i)));
        }
        List<Long> ids;
        try (HistoryStore store = HistoryStore.open(file)) {
            ids = store.insertAll(rows);
        }
        long size = Files.size(file);
        try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            byte[] junk = new byte[(int) (size / 2)];
            java.util.Arrays.fill(junk, (byte) 0x5a);
            channel.write(java.nio.ByteBuffer.wrap(junk), size / 4);
        }

        try (HistoryStore store = HistoryStore.open(file)) {
            assertThatThrownBy(() -> {
                for (long id : ids) {
                    store.delete(id);
                }
            }).isInstanceOf(HistoryDamagedException.class)
                    .hasMessage("the history database " + file + " is damaged (a corrupt page stopped \"delete "
                            + "generation\"); quit Draftboard and move the file aside to start a new history "
                            + "(sqlite3's .recover can rescue rows from it)");
        }
    }

    @Test
    void aDraftboardHistoryFromBeforeTheStampIsAdoptedNotDiscarded() throws Exception {
        Path file = dir.resolve("history.db");
        try (HistoryStore store = HistoryStore.open(file)) {
            store.insert(Records.done("made before the stamp", Records.hash(1)));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA application_id = 0"); // as every release before this one left it
            s.execute("PRAGMA user_version = 2");
            s.execute("ALTER TABLE jobs DROP COLUMN claimed_at");
            s.execute("ALTER TABLE jobs DROP COLUMN claimed_by");
            s.execute("DROP TABLE poll_times"); // schema v5 came later too
        }

        HistoryDatabase.Opened opened = HistoryDatabase.openOrRecover(file);
        try (HistoryDatabase db = opened.database()) {
            assertThat(opened.corruptBackup()).isNull();
            assertThat(new HistoryStore(db).page(HistoryQuery.newest(10)).items()).extracting(GenerationRecord::prompt)
                    .containsExactly("made before the stamp");
            assertThat(db.applicationId()).isEqualTo(Schema.APPLICATION_ID);
            assertThat(db.schemaVersion()).isEqualTo(Schema.latestVersion());
        }
        assertThat(names()).containsOnly("history.db");
    }

    /** The -wal of another program's database, with its frames not yet checkpointed. */
    private byte[] walOfAnotherDatabase() throws Exception {
        Path other = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA wal_autocheckpoint = 0");
            s.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
            for (int i = 0; i < 20; i++) {
                s.execute("INSERT INTO notes (body) VALUES ('note " + i + "')");
            }
            return Files.readAllBytes(sibling(other, "-wal")); // read while open: closing would checkpoint it
        }
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    private List<String> names() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
