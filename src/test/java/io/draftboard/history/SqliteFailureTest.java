package io.draftboard.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class SqliteFailureTest {
    @TempDir
    Path dir;

    @Test
    void damageIsRecognisedByItsResultCodeInAnyExtendedForm() {
        assertThat(SqliteFailure.isCorrupt(new SQLiteException("x", SQLiteErrorCode.SQLITE_CORRUPT))).isTrue();
        assertThat(SqliteFailure.isCorrupt(new SQLiteException("x", SQLiteErrorCode.SQLITE_CORRUPT_VTAB))).isTrue();
        assertThat(SqliteFailure.isCorrupt(new SQLiteException("x", SQLiteErrorCode.SQLITE_CORRUPT_INDEX))).isTrue();
        assertThat(SqliteFailure.isCorrupt(new SQLiteException("x", SQLiteErrorCode.SQLITE_NOTADB))).isTrue();
        assertThat(SqliteFailure.isBusy(new SQLiteException("x", SQLiteErrorCode.SQLITE_CORRUPT))).isFalse();
    }

    @Test
    void aBusyOrLockedDatabaseIsRecognisedByItsResultCodeInAnyExtendedForm() {
        assertThat(SqliteFailure.isBusy(new SQLiteException("x", SQLiteErrorCode.SQLITE_BUSY))).isTrue();
        assertThat(SqliteFailure.isBusy(new SQLiteException("x", SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT))).isTrue();
        assertThat(SqliteFailure.isBusy(new SQLiteException("x", SQLiteErrorCode.SQLITE_LOCKED))).isTrue();
        assertThat(SqliteFailure.isCorrupt(new SQLiteException("x", SQLiteErrorCode.SQLITE_BUSY))).isFalse();
    }

    @Test
    void messageTextIsNeverTakenForACode() {
        assertThat(SqliteFailure.isCorrupt(new SQLiteException("[SQLITE_CORRUPT] database disk image is malformed",
                SQLiteErrorCode.SQLITE_ERROR))).isFalse();
        assertThat(SqliteFailure.isCorrupt(new SQLException("database disk image is malformed (SQLITE_NOTADB)"))).isFalse();
        assertThat(SqliteFailure.isBusy(new SQLException("[SQLITE_BUSY] The database file is locked"))).isFalse();
    }

    @Test
    void theCodeIsFoundAnywhereInTheCauseChain() {
        IOException wrapped = new IOException("cannot open", new SQLiteException("x", SQLiteErrorCode.SQLITE_NOTADB));
        assertThat(SqliteFailure.isCorrupt(new HistoryException("cannot read", wrapped))).isTrue();
        assertThat(SqliteFailure.primaryCode(new IOException("no SQLite here"))).isEqualTo(-1);
    }

    @Test
    void aDatabaseAnotherConnectionHoldsExclusivelyFailsAsBusy() throws Exception {
        Path db = dir.resolve("locked.db");
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = holder.createStatement();
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement o = other.createStatement()) {
            s.execute("CREATE TABLE t (x)");
            s.execute("BEGIN EXCLUSIVE");
            o.execute("PRAGMA busy_timeout = 0");
            assertThatThrownBy(() -> o.executeQuery("SELECT count(*) FROM t").close())
                    .satisfies(e -> assertThat(SqliteFailure.isBusy(e)).as(e.getMessage()).isTrue())
                    .satisfies(e -> assertThat(SqliteFailure.isCorrupt(e)).isFalse());
            s.execute("ROLLBACK");
        }
    }
}
