package io.draftboard.history;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The history schema as an ordered list of forward migrations. Version N is reached by applying steps
 * 1..N in order, the missing ones in one transaction; {@code PRAGMA user_version} records how far a database
 * got. Never edit a released step: add the next one.
 */
final class Schema {
    /**
     * Marks the file as Draftboard's in its header ({@code PRAGMA application_id}, "DRFT"), so a history is never
     * mistaken for another program's database, nor another program's for a history.
     */
    static final int APPLICATION_ID = 0x44524654;

    record Migration(int version, List<String> statements) {
    }

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, List.of(
                    """
                    CREATE TABLE generations (
                      id                INTEGER PRIMARY KEY,
                      created_at        INTEGER NOT NULL,
                      prompt            TEXT    NOT NULL,
                      seed              INTEGER NOT NULL,
                      steps             INTEGER NOT NULL,
                      guidance          REAL    NOT NULL,
                      width             INTEGER NOT NULL,
                      height            INTEGER NOT NULL,
                      output_format     TEXT    NOT NULL,
                      prompt_upsampling INTEGER NOT NULL,
                      safety_tolerance  INTEGER NOT NULL,
                      provider          TEXT    NOT NULL,
                      model             TEXT    NOT NULL,
                      kind              TEXT    NOT NULL CHECK (kind IN ('DRAFT', 'FINAL')),
                      parent_id         INTEGER REFERENCES generations(id) ON DELETE SET NULL,
                      status            TEXT    NOT NULL CHECK (status IN ('DONE', 'FAILED', 'CANCELLED')),
                      error_kind        TEXT,
                      error_message     TEXT,
                      image_sha256      TEXT,
                      image_media_type  TEXT,
                      image_width       INTEGER,
                      image_height      INTEGER,
                      cost_usd          REAL    NOT NULL,
                      cost_estimated    INTEGER NOT NULL,
                      queue_ms          INTEGER NOT NULL,
                      render_ms         INTEGER NOT NULL,
                      attempts          INTEGER NOT NULL,
                      remote_id         TEXT,
                      revised_prompt    TEXT,
                      starred           INTEGER NOT NULL DEFAULT 0,
                      tags              TEXT    NOT NULL DEFAULT '[]'
                    )""",
                    """
                    CREATE TABLE generation_references (
                      generation_id INTEGER NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
                      position      INTEGER NOT NULL,
                      sha256        TEXT    NOT NULL,
                      media_type    TEXT    NOT NULL,
                      width         INTEGER NOT NULL,
                      height        INTEGER NOT NULL,
                      PRIMARY KEY (generation_id, position)
                    ) WITHOUT ROWID""",
                    // Each filter has an index ending in id, so "WHERE filter AND id < ? ORDER BY id DESC LIMIT n"
                    // walks the index backwards and stops after n rows.
                    "CREATE INDEX generations_starred ON generations(id) WHERE starred = 1",
                    "CREATE INDEX generations_provider ON generations(provider, id)",
                    "CREATE INDEX generations_kind ON generations(kind, id)",
                    "CREATE INDEX generations_status ON generations(status, id)",
                    "CREATE INDEX generations_parent ON generations(parent_id) WHERE parent_id IS NOT NULL",
                    "CREATE INDEX generations_image ON generations(image_sha256) WHERE image_sha256 IS NOT NULL",
                    "CREATE INDEX references_sha256 ON generation_references(sha256)",
                    // External-content FTS: the prompt is stored once (in generations), the index only holds
                    // tokens; triggers keep it in step inside the same transaction as the row.
                    """
                    CREATE VIRTUAL TABLE generations_fts USING fts5(
                      prompt, content='generations', content_rowid='id',
                      tokenize='unicode61 remove_diacritics 2')""",
                    """
                    CREATE TRIGGER generations_fts_insert AFTER INSERT ON generations BEGIN
                      INSERT INTO generations_fts(rowid, prompt) VALUES (new.id, new.prompt);
                    END""",
                    """
                    CREATE TRIGGER generations_fts_delete AFTER DELETE ON generations BEGIN
                      INSERT INTO generations_fts(generations_fts, rowid, prompt) VALUES ('delete', old.id, old.prompt);
                    END""",
                    """
                    CREATE TRIGGER generations_fts_update AFTER UPDATE OF prompt ON generations BEGIN
                      INSERT INTO generations_fts(generations_fts, rowid, prompt) VALUES ('delete', old.id, old.prompt);
                      INSERT INTO generations_fts(rowid, prompt) VALUES (new.id, new.prompt);
                    END""")),
            // v2: the job journal. A job is written here before it is sent, gets the provider's id as soon as it
            // is known, and is closed in the same transaction that records its result.
            new Migration(2, List.of(
                    """
                    CREATE TABLE jobs (
                      id            INTEGER PRIMARY KEY,
                      created_at    INTEGER NOT NULL,
                      updated_at    INTEGER NOT NULL,
                      provider      TEXT    NOT NULL,
                      kind          TEXT    NOT NULL,
                      parent_id     INTEGER,
                      request       TEXT    NOT NULL,
                      state         TEXT    NOT NULL CHECK (state IN ('PENDING', 'SUBMITTED', 'DONE', 'FAILED', 'CANCELLED', 'LOST')),
                      remote_id     TEXT,
                      polling_url   TEXT,
                      generation_id INTEGER,
                      note          TEXT
                    )""",
                    "CREATE INDEX jobs_open ON jobs(state) WHERE state IN ('PENDING', 'SUBMITTED')")),
            // v3: which process is finishing each job (ProcessIdentity), so two resumers never both take one.
            new Migration(3, List.of(
                    "ALTER TABLE jobs ADD COLUMN claimed_by TEXT",
                    "ALTER TABLE jobs ADD COLUMN claimed_at INTEGER")),
            // v4: state UNKNOWN, a job whose request reached the provider and whose answer never came: it may
            // have been rendered and billed, and is never resent. SQLite cannot change a CHECK in place, so the
            // table is rebuilt as the documented ALTER TABLE procedure does it (no view, trigger or foreign key
            // refers to jobs). An older Draftboard refuses a v4 history instead of misreading the new state.
            new Migration(4, List.of(
                    """
                    CREATE TABLE jobs_v4 (
                      id            INTEGER PRIMARY KEY,
                      created_at    INTEGER NOT NULL,
                      updated_at    INTEGER NOT NULL,
                      provider      TEXT    NOT NULL,
                      kind          TEXT    NOT NULL,
                      parent_id     INTEGER,
                      request       TEXT    NOT NULL,
                      state         TEXT    NOT NULL CHECK (state IN ('PENDING', 'SUBMITTED', 'DONE', 'FAILED', 'CANCELLED', 'LOST', 'UNKNOWN')),
                      remote_id     TEXT,
                      polling_url   TEXT,
                      generation_id INTEGER,
                      note          TEXT,
                      claimed_by    TEXT,
                      claimed_at    INTEGER
                    )""",
                    "INSERT INTO jobs_v4 (id, created_at, updated_at, provider, kind, parent_id, request, state, remote_id, "
                            + "polling_url, generation_id, note, claimed_by, claimed_at) SELECT id, created_at, updated_at, "
                            + "provider, kind, parent_id, request, state, remote_id, polling_url, generation_id, note, "
                            + "claimed_by, claimed_at FROM jobs",
                    "DROP TABLE jobs",
                    "ALTER TABLE jobs_v4 RENAME TO jobs",
                    "CREATE INDEX jobs_open ON jobs(state) WHERE state IN ('PENDING', 'SUBMITTED')")),
            // v5: how long each remote job took at the provider, as its polling saw it (PastDurations): from the
            // provider accepting it to the middle of the last wait before it was seen done. Not generations.render_ms,
            // which adds the journal, the download and the image write (hundreds of ms on a busy disk) and would put
            // a short job's first poll too late. The index serves "newest N of a provider and kind" from the index.
            new Migration(5, List.of(
                    """
                    CREATE TABLE poll_times (
                      id         INTEGER PRIMARY KEY,
                      created_at INTEGER NOT NULL,
                      provider   TEXT    NOT NULL,
                      kind       TEXT,
                      steps      INTEGER NOT NULL,
                      width      INTEGER NOT NULL,
                      height     INTEGER NOT NULL,
                      millis     INTEGER NOT NULL
                    )""",
                    "CREATE INDEX poll_times_recent ON poll_times(provider, kind, id, steps, width, height, millis)")));

    static int latestVersion() {
        return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
    }

    /**
     * Brings the database on {@code c} up to {@link #latestVersion()} and stamps it with {@link #APPLICATION_ID}
     * (adopting a Draftboard history from before the stamp); refuses one from a newer Draftboard. Several
     * processes may open a new or old history at once: the version is read again inside one
     * {@code BEGIN IMMEDIATE} transaction, so exactly one of them migrates and the others find it done.
     */
    static void migrate(Connection c, Path dbFile) throws SQLException, IOException {
        int found = HistoryDatabase.pragmaInt(c, "user_version");
        if (found < latestVersion() || HistoryDatabase.pragmaInt(c, "application_id") != APPLICATION_ID) {
            found = HistoryDatabase.immediate(c, tx -> {
                int version = HistoryDatabase.pragmaInt(tx, "user_version"); // another process may have done it
                if (version > latestVersion()) {
                    return version;
                }
                try (Statement s = tx.createStatement()) {
                    for (Migration m : MIGRATIONS) {
                        if (m.version() > version) {
                            for (String sql : m.statements()) {
                                s.execute(sql);
                            }
                        }
                    }
                    s.execute("PRAGMA user_version = " + latestVersion());
                    s.execute("PRAGMA application_id = " + APPLICATION_ID);
                }
                return version;
            });
        }
        if (found > latestVersion()) {
            throw new IOException(dbFile + " was written by a newer Draftboard (history schema v" + found
                    + "; this version knows up to v" + latestVersion() + ")");
        }
    }

    private Schema() {
    }
}
