package io.draftboard.history;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sqlite.SQLiteConfig;

/**
 * The history file on disk, before any connection writes to it: is it ours, and keeping it aside when it is not.
 *
 * <p>The check reads through a read-only connection on purpose. A read-write connection that closes checkpoints
 * whatever {@code -wal} lies beside the file into it, so a foreign or stale WAL would be written into the user's
 * history before we could tell; read-only, the file, its WAL and its shared memory stay exactly as found, and
 * can be kept aside as they were.
 */
final class HistoryFile {
    /** What a history file that may be opened holds. */
    enum Kind {
        /** No file, or an empty database: create the schema. */
        NEW,
        /** Stamped with Draftboard's application id. */
        DRAFTBOARD,
        /** Draftboard's tables from before the application id was stamped: adopt it (stamp it). */
        UNSTAMPED_DRAFTBOARD
    }

    private static final List<String> OUR_TABLES = List.of("generations", "generation_references");

    private HistoryFile() {
    }

    /**
     * Reads {@code dbFile}'s header and table list without changing anything.
     *
     * @throws HistoryDatabase.UnreadableException the file is damaged, not a database, or another program's
     *                                             (another application id, or tables that are not ours)
     * @throws IOException                         it is locked by another program, or cannot be read
     */
    static Kind inspect(Path dbFile) throws IOException {
        if (!Files.exists(dbFile) || Files.size(dbFile) == 0) {
            return Kind.NEW;
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(HistoryDatabase.BUSY_TIMEOUT_MILLIS);
        try (Connection c = config.createConnection("jdbc:sqlite:" + dbFile.toAbsolutePath())) {
            int applicationId = HistoryDatabase.pragmaInt(c, "application_id");
            int version = HistoryDatabase.pragmaInt(c, "user_version");
            List<String> tables = tables(c);
            if (applicationId == Schema.APPLICATION_ID) {
                return Kind.DRAFTBOARD;
            }
            if (applicationId != 0) {
                throw new HistoryDatabase.UnreadableException(String.format(Locale.ROOT,
                        "%s is not a Draftboard history (it belongs to another program: application id 0x%08x)",
                        dbFile, applicationId), null);
            }
            if (tables.isEmpty() && version == 0) {
                return Kind.NEW;
            }
            if (tables.containsAll(OUR_TABLES)) {
                return Kind.UNSTAMPED_DRAFTBOARD;
            }
            throw new HistoryDatabase.UnreadableException(dbFile + " is not a Draftboard history (it holds "
                    + (tables.isEmpty() ? "no tables" : "another program's tables: " + String.join(", ", tables))
                    + ")", null);
        } catch (SQLException e) {
            throw HistoryDatabase.openFailure(dbFile, e);
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name LIMIT 6")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /**
     * Moves {@code dbFile} and its {@code -wal} and {@code -shm} to {@code <name>.corrupt-<time>[-wal|-shm]}, all of
     * it as found, so it can still be rescued; returns where the database went.
     */
    static Path keepAside(Path dbFile) throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now());
        Path backup = dbFile.resolveSibling(dbFile.getFileName() + ".corrupt-" + stamp);
        for (int n = 2; Files.exists(backup); n++) {
            backup = dbFile.resolveSibling(dbFile.getFileName() + ".corrupt-" + stamp + "-" + n);
        }
        if (Files.exists(dbFile)) {
            Files.move(dbFile, backup);
        }
        for (String suffix : List.of("-wal", "-shm")) {
            Path side = dbFile.resolveSibling(dbFile.getFileName() + suffix);
            if (Files.exists(side)) {
                Files.move(side, backup.resolveSibling(backup.getFileName() + suffix));
            }
        }
        return backup;
    }

    @FunctionalInterface
    interface IoWork<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code work} while no other Draftboard process runs work here for the same file: two processes that
     * both found the file unreadable must not both move it (the second would move the fresh history the first
     * just made). Held for the few milliseconds a recovery takes, on {@code <name>.lock} beside the file.
     */
    static <T> T exclusively(Path dbFile, IoWork<T> work) throws IOException {
        Path lockFile = dbFile.resolveSibling(dbFile.getFileName() + ".lock");
        synchronized (HistoryFile.class) { // a file lock is held per JVM: threads of one process queue here
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                return work.run();
            }
        }
    }
}
