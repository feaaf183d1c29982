package io.draftboard.history;

import com.fasterxml.jackson.core.type.TypeReference;
import io.draftboard.generation.Cost;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.RenderKind;
import io.draftboard.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every generation, in SQLite: WAL journal, a versioned schema, FTS5 over prompts and keyset paging.
 *
 * <p>One connection behind a lock: SQLite serialises writers anyway, every query here is an indexed
 * lookup of at most a page of rows (milliseconds), and a single connection keeps "insert then read back"
 * consistent without thinking about WAL snapshots. Callers must stay off the UI thread.
 */
public final class HistoryStore implements AutoCloseable {
    private static final String COLUMNS = "id, created_at, prompt, seed, steps, guidance, width, height, "
            + "output_format, prompt_upsampling, safety_tolerance, provider, model, kind, parent_id, status, "
            + "error_kind, error_message, image_sha256, image_media_type, image_width, image_height, cost_usd, "
            + "cost_estimated, queue_ms, render_ms, attempts, remote_id, revised_prompt, starred, tags";
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private HistoryStore(Connection connection) {
        this.connection = connection;
    }

    /** A store, and where the unreadable database it replaced was kept (null when nothing was wrong). */
    public record Opened(HistoryStore store, Path corruptBackup) {
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
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            if (!(m.contains("SQLITE_NOTADB") || m.contains("SQLITE_CORRUPT") || m.contains("malformed"))) {
                throw e;
            }
            String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .format(java.time.LocalDateTime.now());
            Path backup = dbFile.resolveSibling(dbFile.getFileName() + ".corrupt-" + stamp);
            Files.move(dbFile, backup);
            for (String suffix : List.of("-wal", "-shm")) {
                Path side = dbFile.resolveSibling(dbFile.getFileName() + suffix);
                if (Files.exists(side)) {
                    Files.move(side, backup.resolveSibling(backup.getFileName() + suffix));
                }
            }
            return new Opened(open(dbFile), backup);
        }
    }

    /** Opens (creating and migrating as needed) the history database at {@code dbFile}. */
    public static HistoryStore open(Path dbFile) throws IOException {
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
                s.execute("PRAGMA busy_timeout = 5000");
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = NORMAL");
                s.execute("PRAGMA foreign_keys = ON");
            }
            migrate(c, dbFile);
            return new HistoryStore(c);
        } catch (SQLException | IOException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing
            }
            if (e instanceof IOException io) {
                throw io;
            }
            if (String.valueOf(e.getMessage()).contains("SQLITE_BUSY") || String.valueOf(e.getMessage()).contains("locked")) {
                throw new IOException(dbFile + " is locked by another program; close it (or the other Draftboard) "
                        + "and try again", e);
            }
            throw new IOException(dbFile + " is not a usable history database: " + e.getMessage(), e);
        }
    }

    private static void migrate(Connection c, Path dbFile) throws SQLException, IOException {
        int version;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version > Schema.latestVersion()) {
            throw new IOException(dbFile + " was written by a newer Draftboard (history schema v" + version
                    + "; this version knows up to v" + Schema.latestVersion() + ")");
        }
        for (Schema.Migration m : Schema.MIGRATIONS) {
            if (m.version() <= version) {
                continue;
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : m.statements()) {
                    s.execute(sql);
                }
                s.execute("PRAGMA user_version = " + m.version());
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** The schema version of the open database. */
    public int schemaVersion() {
        return withLock("read schema version", () -> {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    public String journalMode() {
        return withLock("read journal mode", () -> {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                return rs.next() ? rs.getString(1) : "";
            }
        });
    }

    /** Inserts {@code record} (its id is ignored) with its references in one transaction; returns the new id. */
    public long insert(GenerationRecord record) {
        return insertAll(List.of(record)).get(0);
    }

    /**
     * Inserts {@code record} and closes journal entry {@code journalId} with it, in one transaction: after a
     * crash either both happened or neither did.
     */
    public long insertClosingJob(GenerationRecord record, long journalId, JournalEntry.State state, String note) {
        return inTransaction("save generation", () -> {
            long id = insertRows(List.of(record)).get(0);
            if (journalId > 0) {
                updateJob(journalId, state, id, note);
            }
            return id;
        });
    }

    // ---- job journal ---------------------------------------------------------------------------------

    /** Writes a new PENDING job; returns its journal id. */
    public long openJob(String providerId, RenderKind kind, Long parentId, String requestJson, Instant now) {
        return inTransaction("journal job", () -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO jobs (created_at, updated_at, provider, "
                    + "kind, parent_id, request, state) VALUES (?,?,?,?,?,?,'PENDING')", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, now.toEpochMilli());
                ps.setLong(2, now.toEpochMilli());
                ps.setString(3, providerId);
                ps.setString(4, kind.name());
                setNullableLong(ps, 5, parentId);
                ps.setString(6, requestJson);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    public void jobSubmitted(long journalId, String remoteId, String pollingUrl) {
        update("journal provider job id", "UPDATE jobs SET state = 'SUBMITTED', remote_id = ?, polling_url = ?, "
                + "updated_at = ? WHERE id = ?", remoteId, pollingUrl, System.currentTimeMillis(), journalId);
    }

    /** Closes a job without a history row (lost, cancelled before anything came back). */
    public void closeJob(long journalId, JournalEntry.State state, String note) {
        inTransaction("close job", () -> {
            updateJob(journalId, state, null, note);
            return null;
        });
    }

    private void updateJob(long journalId, JournalEntry.State state, Long generationId, String note) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE jobs SET state = ?, generation_id = coalesce(?, generation_id), note = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, state.name());
            setNullableLong(ps, 2, generationId);
            ps.setString(3, note);
            ps.setLong(4, System.currentTimeMillis());
            ps.setLong(5, journalId);
            ps.executeUpdate();
        }
    }

    /** Jobs still PENDING or SUBMITTED: what a crash left behind. */
    public List<JournalEntry> openJobs() {
        return jobs("WHERE state IN ('PENDING', 'SUBMITTED') ORDER BY id", Integer.MAX_VALUE);
    }

    /** The newest {@code limit} journal entries. */
    public List<JournalEntry> recentJobs(int limit) {
        return jobs("ORDER BY id DESC", limit);
    }

    private List<JournalEntry> jobs(String where, int limit) {
        return withLock("read job journal", () -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT id, created_at, updated_at, provider, kind, "
                    + "parent_id, request, state, remote_id, polling_url, generation_id, note FROM jobs " + where + " LIMIT ?")) {
                ps.setInt(1, limit);
                List<JournalEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long parent = rs.getLong(6);
                        Long parentId = rs.wasNull() ? null : parent;
                        long gen = rs.getLong(11);
                        Long generationId = rs.wasNull() ? null : gen;
                        out.add(new JournalEntry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)),
                                Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4), RenderKind.valueOf(rs.getString(5)),
                                parentId, rs.getString(7), JournalEntry.State.valueOf(rs.getString(8)), rs.getString(9),
                                rs.getString(10), generationId, rs.getString(12)));
                    }
                }
                return out;
            }
        });
    }

    /** SQLite's own check of the whole file: "ok" when sound. */
    public String integrityCheck() {
        return withLock("check database", () -> {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                return rs.next() ? rs.getString(1) : "no answer";
            }
        });
    }

    /** Inserts many rows in one transaction (imports, benchmarks); returns their ids in order. */
    public List<Long> insertAll(List<GenerationRecord> records) {
        return inTransaction("save generation", () -> insertRows(records));
    }

    private List<Long> insertRows(List<GenerationRecord> records) throws SQLException {
        {
            List<Long> ids = new ArrayList<>(records.size());
            try (PreparedStatement row = connection.prepareStatement("INSERT INTO generations (" + COLUMNS.substring(4)
                    + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS);
                    PreparedStatement ref = connection.prepareStatement("INSERT INTO generation_references "
                            + "(generation_id, position, sha256, media_type, width, height) VALUES (?,?,?,?,?,?)")) {
                for (GenerationRecord r : records) {
                    bind(row, r);
                    row.executeUpdate();
                    long id;
                    try (ResultSet keys = row.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                    int position = 1;
                    for (StoredReference sr : r.references()) {
                        ref.setLong(1, id);
                        ref.setInt(2, position++);
                        ref.setString(3, sr.sha256());
                        ref.setString(4, sr.mediaType());
                        ref.setInt(5, sr.width());
                        ref.setInt(6, sr.height());
                        ref.executeUpdate();
                    }
                    ids.add(id);
                }
            }
            return ids;
        }
    }

    public Optional<GenerationRecord> find(long id) {
        return withLock("read generation", () -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM generations WHERE id = ?")) {
                ps.setLong(1, id);
                List<GenerationRecord> rows = readRows(ps);
                return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
            }
        });
    }

    /** One page, newest first. */
    public HistoryQuery.Page page(HistoryQuery q) {
        return withLock("search history", () -> {
            Sql sql = select(q, "SELECT " + prefixed("g") + " FROM ");
            sql.text.append(" ORDER BY g.id DESC LIMIT ?");
            sql.params.add(q.limit() + 1);
            try (PreparedStatement ps = sql.prepare(connection)) {
                List<GenerationRecord> rows = readRows(ps);
                if (rows.size() > q.limit()) {
                    rows = rows.subList(0, q.limit());
                    return new HistoryQuery.Page(List.copyOf(rows),
                            new HistoryQuery.Cursor(rows.get(rows.size() - 1).id()));
                }
                return new HistoryQuery.Page(List.copyOf(rows), null);
            }
        });
    }

    /** How many rows match {@code q}'s filters (its cursor and limit are ignored). */
    public long count(HistoryQuery q) {
        return withLock("count history", () -> {
            Sql sql = select(new HistoryQuery(q.text(), q.starredOnly(), q.providerId(), q.kind(), q.status(), 1, null),
                    "SELECT count(*) FROM ");
            try (PreparedStatement ps = sql.prepare(connection); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    public void setStarred(long id, boolean starred) {
        update("star generation", "UPDATE generations SET starred = ? WHERE id = ?", starred ? 1 : 0, id);
    }

    public void setTags(long id, List<String> tags) {
        update("tag generation", "UPDATE generations SET tags = ? WHERE id = ?", Json.write(tags), id);
    }

    /** Every render that used the reference image {@code sha256}, newest first. */
    public List<GenerationRecord> usingReference(String sha256, int limit) {
        return withLock("find renders by reference", () -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT " + prefixed("g")
                    + " FROM generations g WHERE g.id IN (SELECT generation_id FROM generation_references WHERE sha256 = ?)"
                    + " ORDER BY g.id DESC LIMIT ?")) {
                ps.setString(1, sha256);
                ps.setInt(2, limit);
                return readRows(ps);
            }
        });
    }

    /** The finals rendered from draft {@code draftId}, newest first. */
    public List<GenerationRecord> finalsOf(long draftId) {
        return withLock("find finals", () -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM generations WHERE parent_id = ? ORDER BY id DESC")) {
                ps.setLong(1, draftId);
                return readRows(ps);
            }
        });
    }

    /**
     * Deletes a generation (its references go with it; finals made from it keep their row and lose the link)
     * and returns the image hashes that no remaining row uses, so their files can be removed.
     */
    public Deletion delete(long id) {
        return inTransaction("delete generation", () -> {
            Set<String> hashes = new LinkedHashSet<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT image_sha256 FROM generations WHERE id = ? AND image_sha256 IS NOT NULL "
                            + "UNION ALL SELECT sha256 FROM generation_references WHERE generation_id = ?")) {
                ps.setLong(1, id);
                ps.setLong(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        hashes.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM generations WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            List<String> unused = new ArrayList<>();
            for (String hash : hashes) {
                if (!referenced(hash)) {
                    unused.add(hash);
                }
            }
            return new Deletion(id, unused);
        });
    }

    /** True while any row uses {@code sha256} as its output or as a reference. */
    public boolean isImageReferenced(String sha256) {
        return withLock("check image use", () -> referenced(sha256));
    }

    private boolean referenced(String sha256) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM generations WHERE image_sha256 = ?) "
                        + "OR EXISTS (SELECT 1 FROM generation_references WHERE sha256 = ?)")) {
            ps.setString(1, sha256);
            ps.setString(2, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
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

    // ---- query building -------------------------------------------------------------------------------

    private static final class Sql {
        final StringBuilder text = new StringBuilder();
        final List<Object> params = new ArrayList<>();

        PreparedStatement prepare(Connection c) throws SQLException {
            PreparedStatement ps = c.prepareStatement(text.toString());
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            return ps;
        }
    }

    private static Sql select(HistoryQuery q, String head) {
        Sql sql = new Sql();
        sql.text.append(head);
        String match = FtsQuery.of(q.text());
        if (match != null) {
            // Drive the query from the FTS index in rowid order: newest matches come first and LIMIT stops it.
            sql.text.append("generations_fts f JOIN generations g ON g.id = f.rowid WHERE generations_fts MATCH ?");
            sql.params.add(match);
        } else {
            sql.text.append("generations g WHERE 1");
        }
        if (q.starredOnly()) {
            sql.text.append(" AND g.starred = 1");
        }
        if (q.providerId() != null) {
            sql.text.append(" AND g.provider = ?");
            sql.params.add(q.providerId());
        }
        if (q.kind() != null) {
            sql.text.append(" AND g.kind = ?");
            sql.params.add(q.kind().name());
        }
        if (q.status() != null) {
            sql.text.append(" AND g.status = ?");
            sql.params.add(q.status().name());
        }
        if (q.before() != null) {
            sql.text.append(" AND g.id < ?");
            sql.params.add(q.before().beforeId());
        }
        return sql;
    }

    private static String prefixed(String alias) {
        StringBuilder b = new StringBuilder();
        for (String column : COLUMNS.split(", ")) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(alias).append('.').append(column);
        }
        return b.toString();
    }

    private static void bind(PreparedStatement ps, GenerationRecord r) throws SQLException {
        int i = 1;
        ps.setLong(i++, r.createdAt().toEpochMilli());
        ps.setString(i++, r.prompt());
        ps.setLong(i++, r.seed());
        ps.setInt(i++, r.steps());
        ps.setDouble(i++, r.guidance());
        ps.setInt(i++, r.width());
        ps.setInt(i++, r.height());
        ps.setString(i++, r.outputFormat().name());
        ps.setInt(i++, r.promptUpsampling() ? 1 : 0);
        ps.setInt(i++, r.safetyTolerance());
        ps.setString(i++, r.providerId());
        ps.setString(i++, r.model());
        ps.setString(i++, r.kind().name());
        setNullableLong(ps, i++, r.parentId());
        ps.setString(i++, r.status().name());
        ps.setString(i++, r.errorKind() == null ? null : r.errorKind().name());
        ps.setString(i++, r.errorMessage());
        StoredImage img = r.image();
        ps.setString(i++, img == null ? null : img.sha256());
        ps.setString(i++, img == null ? null : img.mediaType());
        setNullableLong(ps, i++, img == null ? null : (long) img.width());
        setNullableLong(ps, i++, img == null ? null : (long) img.height());
        ps.setDouble(i++, r.cost().usd());
        ps.setInt(i++, r.cost().estimated() ? 1 : 0);
        ps.setLong(i++, r.queueMillis());
        ps.setLong(i++, r.renderMillis());
        ps.setInt(i++, r.attempts());
        ps.setString(i++, r.remoteId());
        ps.setString(i++, r.revisedPrompt());
        ps.setInt(i++, r.starred() ? 1 : 0);
        ps.setString(i, Json.write(r.tags()));
    }

    private static void setNullableLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setLong(index, value);
        }
    }

    private List<GenerationRecord> readRows(PreparedStatement ps) throws SQLException {
        List<GenerationRecord> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(readRow(rs));
            }
        }
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, List<StoredReference>> refs = referencesOf(rows);
        List<GenerationRecord> withRefs = new ArrayList<>(rows.size());
        for (GenerationRecord r : rows) {
            List<StoredReference> mine = refs.get(r.id());
            withRefs.add(mine == null ? r : new GenerationRecord(r.id(), r.createdAt(), r.prompt(), r.seed(), r.steps(),
                    r.guidance(), r.width(), r.height(), r.outputFormat(), r.promptUpsampling(), r.safetyTolerance(),
                    mine, r.providerId(), r.model(), r.kind(), r.parentId(), r.status(), r.errorKind(),
                    r.errorMessage(), r.image(), r.cost(), r.queueMillis(), r.renderMillis(), r.attempts(),
                    r.remoteId(), r.revisedPrompt(), r.starred(), r.tags()));
        }
        return withRefs;
    }

    private Map<Long, List<StoredReference>> referencesOf(List<GenerationRecord> rows) throws SQLException {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            in.append(i == 0 ? "?" : ",?");
        }
        Map<Long, List<StoredReference>> result = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT generation_id, sha256, media_type, width, height "
                + "FROM generation_references WHERE generation_id IN (" + in + ") ORDER BY generation_id, position")) {
            for (int i = 0; i < rows.size(); i++) {
                ps.setLong(i + 1, rows.get(i).id());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new StoredReference(rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5)));
                }
            }
        }
        return result;
    }

    private static GenerationRecord readRow(ResultSet rs) throws SQLException {
        String imageHash = rs.getString("image_sha256");
        StoredImage image = imageHash == null ? null : new StoredImage(imageHash, rs.getString("image_media_type"),
                rs.getInt("image_width"), rs.getInt("image_height"));
        long parent = rs.getLong("parent_id");
        Long parentId = rs.wasNull() ? null : parent;
        String errorKind = rs.getString("error_kind");
        List<String> tags;
        try {
            tags = Json.MAPPER.readValue(rs.getString("tags"), STRING_LIST);
        } catch (IOException e) {
            tags = List.of();
        }
        return new GenerationRecord(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("created_at")),
                rs.getString("prompt"), rs.getLong("seed"), rs.getInt("steps"), rs.getDouble("guidance"),
                rs.getInt("width"), rs.getInt("height"), OutputFormat.valueOf(rs.getString("output_format")),
                rs.getInt("prompt_upsampling") != 0, rs.getInt("safety_tolerance"), List.of(), rs.getString("provider"),
                rs.getString("model"), RenderKind.valueOf(rs.getString("kind")), parentId,
                GenerationStatus.valueOf(rs.getString("status")),
                errorKind == null ? null : FailureKind.valueOf(errorKind), rs.getString("error_message"), image,
                new Cost(rs.getDouble("cost_usd"), rs.getInt("cost_estimated") != 0), rs.getLong("queue_ms"),
                rs.getLong("render_ms"), rs.getInt("attempts"), rs.getString("remote_id"),
                rs.getString("revised_prompt"), rs.getInt("starred") != 0, tags);
    }

    // ---- locking and transactions ---------------------------------------------------------------------

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private <T> T withLock(String what, SqlWork<T> work) {
        lock.lock();
        try {
            return work.run();
        } catch (SQLException e) {
            throw new HistoryException("cannot " + what, e);
        } finally {
            lock.unlock();
        }
    }

    private <T> T inTransaction(String what, SqlWork<T> work) {
        return withLock(what, () -> {
            connection.setAutoCommit(false);
            try {
                T result = work.run();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    private void update(String what, String sql, Object... params) {
        withLock(what, () -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                return ps.executeUpdate();
            }
        });
    }
}
