package io.draftboard.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

    /**
     * The file is damaged, not a database, or another program's: {@link #openOrRecover} keeps it aside and starts
     * afresh.
     */
    static final class UnreadableException extends IOException {
        UnreadableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Opens the history. A file that is damaged, not a database, or not Draftboard's (another program's
     * application id or tables, or a stray {@code -wal} that makes it so) is kept beside it, with its WAL and
     * shared memory, as {@code history.db.corrupt-<time>}, and a fresh history is started, so the app still
     * starts and the old file can still be rescued. Locked or read-only databases are refused with a sentence.
     */
    public static Opened openOrRecover(Path dbFile) throws IOException {
        if (Files.exists(dbFile) && !Files.isWritable(dbFile)) {
            throw new IOException(dbFile + " is read-only; Draftboard needs to write its history there "
                    + "(check the file's permissions)");
        }
        try {
            return new Opened(open(dbFile), null);
        } catch (UnreadableException unreadable) {
            return HistoryFile.exclusively(dbFile, () -> {
                try {
                    return new Opened(open(dbFile), null); // another process recovered it meanwhile
                } catch (UnreadableException stillUnreadable) {
                    Path backup = HistoryFile.keepAside(dbFile);
                    return new Opened(open(dbFile), backup);
                }
            });
        }
    }

    /**
     * Opens (creating, migrating and stamping as needed) the history database at {@code dbFile}: Draftboard's
     * own, one from before the application id (adopted and stamped), or a new one.
     *
     * @throws IOException naming the file and what is wrong with it; never changes a file that is not ours
     */
    public static HistoryDatabase open(Path dbFile) throws IOException {
        Path parent = dbFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        HistoryFile.inspect(dbFile);
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
            throw openFailure(dbFile, (SQLException) e);
        }
    }

    /** What opening {@code dbFile} failing with {@code e} means, in a sentence that names the file. */
    static IOException openFailure(Path dbFile, SQLException e) {
        if (SqliteFailure.isBusy(e)) {
            return new IOException(dbFile + " is locked by another program; close it (or the other Draftboard) "
                    + "and try again", e);
        }
        String why = dbFile + " is not a usable history database: " + e.getMessage();
        return SqliteFailure.isCorrupt(e) ? new UnreadableException(why, e) : new IOException(why, e);
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** The schema version of the open database. */
    public int schemaVersion() {
        return read("read schema version", c -> pragmaInt(c, "user_version"));
    }

    /** The application id in the file's header: {@code 0x44524654} ("DRFT") once Draftboard has opened it. */
    public int applicationId() {
        return read("read application id", c -> pragmaInt(c, "application_id"));
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
            throw failure(what, e);
        } finally {
            lock.unlock();
        }
    }

    /** A failure as the user should read it: a damaged file and a busy one each say so plainly. */
    private HistoryException failure(String what, SQLException e) {
        if (SqliteFailure.isCorrupt(e)) {
            return new HistoryDamagedException(file, what, e);
        }
        if (SqliteFailure.isBusy(e)) {
            return new HistoryException("cannot " + what + ": another program kept the history database " + file
                    + " busy for more than " + BUSY_TIMEOUT_MILLIS / 1000 + " s; try again", e, false);
        }
        if (SqliteFailure.isFull(e)) {
            // the cause, not what it led to (a rollback SQLite had already done, "no transaction is active")
            return new HistoryException("cannot " + what + ": the disk holding " + file + " is full (no space left "
                    + "on device); free some space and try again", e, false);
        }
        return new HistoryException("cannot " + what, e);
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
