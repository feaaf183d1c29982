package io.draftboard.history;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What kind of SQLite failure an exception is, read from SQLite's result code (never from message text, which
 * changes between versions and languages). Extended codes ({@code SQLITE_CORRUPT_VTAB}, {@code SQLITE_BUSY_SNAPSHOT}
 * ...) carry their primary code in the low byte.
 */
final class SqliteFailure {
    private SqliteFailure() {
    }

    /** The file is damaged or is not a database at all: SQLITE_CORRUPT or SQLITE_NOTADB, in any extended form. */
    static boolean isCorrupt(Throwable t) {
        int code = primaryCode(t);
        return code == SQLiteErrorCode.SQLITE_CORRUPT.code || code == SQLiteErrorCode.SQLITE_NOTADB.code;
    }

    /** Another connection holds the lock we needed: SQLITE_BUSY or SQLITE_LOCKED, in any extended form. */
    static boolean isBusy(Throwable t) {
        int code = primaryCode(t);
        return code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code;
    }

    /** The disk (or the database's size limit) is full: SQLITE_FULL. */
    static boolean isFull(Throwable t) {
        return primaryCode(t) == SQLiteErrorCode.SQLITE_FULL.code;
    }

    /** The primary result code of the first {@link SQLiteException} in {@code t}'s cause chain, or -1 if none. */
    static int primaryCode(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLiteException e && e.getResultCode() != null && e.getResultCode().code >= 0) {
                return e.getResultCode().code & 0xff;
            }
        }
        return -1;
    }
}
