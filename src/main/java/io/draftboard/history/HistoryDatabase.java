package io.draftboard.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The history file and the one connection to it: opening (WAL, pragmas, schema), keeping an unreadable file
 * aside and starting fresh, the lock and transactions every read and write goes through, closing.
 * {@link HistoryStore} (generations) and {@link JobJournal} (jobs in flight) both work over one of these.
 *
 * <p>One connection behind a lock: SQLite serialises writers anyway, every query is an indexed lookup of at most
 * a page of rows (milliseconds), and a single connection keeps "insert then read back" consistent without
 * thinking about WAL snapshots. Callers must stay off the UI thread.
 *
 * <p>Other processes (the studio beside CLIs, scripts running several) share the file: a write transaction
 * takes SQLite's write lock when it begins, never half-way (a deferred transaction that read first fails with
 * SQLITE_BUSY_SNAPSHOT when another process wrote meanwhile), and waits up to {@link #BUSY_TIMEOUT_MILLIS}.
 */
public final class HistoryDatabase implements AutoCloseable {
    /**
     * How long a write waits for another process to finish its own. Every write transaction takes the lock up
     * front ({@code BEGIN IMMEDIATE}) and waits here instead of failing, so a render that was paid for is never
     * dropped because the studio and a CLI wrote at the same moment.
     */
    static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private HistoryDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** A database, and where the unreadable file it replaced was kept (null when nothing was wrong). */
    public record Opened(HistoryDatabase database, Path corruptBackup) {
    }

    /** The file is damaged or not a database: {@link #openOrRecover} keeps it aside and starts afresh. */
    static final class UnreadableException extends IOException {
        UnreadableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Opens the history; a file that is not a database or is corrupt is kept beside it as
     * {@code history.db.corrupt-<time>} (with its WAL) and a fresh history is started, so the app still starts
     * and the old file can still be rescued. Locked or read-only databases are refused with a sentence.
     */
    public static Opened openOrRecover(Path dbFile) throws IOException {
        if (Files.exists(dbFile) && !Files.isWritable(dbFile)) {
            throw new IOException(dbFile + " is read-only; Draftboard needs to write its history there "
                    + "(check the file's permissions)");
        }
        try {
            return new Opened(open(dbFile), null);
        } catch (UnreadableException e) {
            Path backup = keepAside(dbFile);
            return new Opened(open(dbFile), backup);
        }
    }

    /** Moves {@code dbFile} and its -wal and -shm to {@code <name>.corrupt-<time>[-wal|-shm]}; returns the new db path. */
    private static Path keepAside(Path dbFile) throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now());
        Path backup = dbFile.resolveSibling(dbFile.getFileName() + ".corrupt-" + stamp);
        Files.move(dbFile, backup);
        for (String suffix : List.of("-wal", "-shm")) {
            Path side = dbFile.resolveSibling(dbFile.getFileName() + suffix);
            if (Files.exists(side)) {
                Files.move(side, backup.resolveSibling(backup.getFileName() + suffix));
            }
        }
        return backup;
    }

    /** Opens (creating and migrating as needed) the history database at {@code dbFile}. */
    public static HistoryDatabase open(Path dbFile) throws IOException {
        Path parent = dbFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + dbFile.toAbsolutePath());
        } catch (SQLException e) {
            throw new IOException("cannot open " + dbFile + ": " + e.getMessage(), e);
        }
        try {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = NORMAL");
                s.execute("PRAGMA foreign_keys = ON");
            }
            Schema.migrate(c, dbFile);
            return new HistoryDatabase(dbFile, c);
        } catch (SQLException | IOException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing
            }
            if (e instanceof IOException io) {
                throw io;
            }
            if (SqliteFailure.isBusy(e)) {
                throw new IOException(dbFile + " is locked by another program; close it (or the other Draftboard) "
                        + "and try again", e);
            }
            String why = dbFile + " is not a usable history database: " + e.getMessage();
            throw SqliteFailure.isCorrupt(e) ? new UnreadableException(why, e) : new IOException(why, e);
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** The schema version of the open database. */
    public int schemaVersion() {
        return read("read schema version", c -> pragmaInt(c, "user_version"));
    }

    public String journalMode() {
        return read("read journal mode", c -> pragmaText(c, "journal_mode"));
    }

    /** SQLite's own check of the whole file: "ok" when sound. */
    public String integrityCheck() {
        return read("check database", c -> pragmaText(c, "integrity_check"));
    }

    static int pragmaInt(Connection c, String pragma) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + pragma)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static String pragmaText(Connection c, String pragma) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + pragma)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    /** Work on the connection; the caller holds no transaction open across calls. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} alone on the connection (reads and single statements). */
    <T> T read(String what, SqlWork<T> work) {
        lock.lock();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new HistoryException("cannot " + what, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} in one write transaction, holding the write lock from its first statement: all of it
     * happens, or none of it does.
     */
    <T> T write(String what, SqlWork<T> work) {
        return read(what, c -> immediate(c, work));
    }

    /**
     * {@code BEGIN IMMEDIATE}, {@code work}, {@code COMMIT}; {@code ROLLBACK} if anything fails. Issued by hand:
     * the driver's own transactions begin a new one right after each commit, which would take the write lock
     * again for nothing.
     */
    static <T> T immediate(Connection c, SqlWork<T> work) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                T result = work.run(c);
                s.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    s.execute("ROLLBACK");
                } catch (SQLException notActive) {
                    // SQLite already rolled back (a full disk, a damaged page): the first failure is the news
                    e.addSuppressed(notActive);
                }
                throw e;
            }
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new HistoryException("close history", e);
        } finally {
            lock.unlock();
        }
    }
}
