package io.draftboard.history;

import io.draftboard.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every generation, in SQLite: insert, find, keyset pages with FTS5 search over prompts, stars, tags, links
 * between drafts and finals, and deletion that says which image files are no longer used. The file, its
 * connection and its transactions are {@link HistoryDatabase}'s; the job journal beside it is {@link JobJournal}.
 * Callers must stay off the UI thread.
 */
public final class HistoryStore implements AutoCloseable {
    private final HistoryDatabase db;

    public HistoryStore(HistoryDatabase db) {
        this.db = db;
    }

    /** Opens (creating and migrating as needed) the database at {@code dbFile}; closing the store closes it. */
    public static HistoryStore open(Path dbFile) throws IOException {
        return new HistoryStore(HistoryDatabase.open(dbFile));
    }

    /** The database this store works over (the journal shares it). */
    public HistoryDatabase database() {
        return db;
    }

    /** Inserts {@code record} (its id is ignored) with its references in one transaction; returns the new id. */
    public long insert(GenerationRecord record) {
        return insertAll(List.of(record)).get(0);
    }

    /** Inserts many rows in one transaction (imports, benchmarks); returns their ids in order. */
    public List<Long> insertAll(List<GenerationRecord> records) {
        return db.write("save generation", c -> GenerationRows.insert(c, records));
    }

    /** The generation with {@code id}, with its references; empty when there is none. */
    public Optional<GenerationRecord> find(long id) {
        return db.read("read generation", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + RowMapping.GENERATION_COLUMNS + " FROM generations WHERE id = ?")) {
                ps.setLong(1, id);
                List<GenerationRecord> rows = GenerationRows.read(c, ps);
                return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
            }
        });
    }

    /** One page, newest first. */
    public HistoryQuery.Page page(HistoryQuery q) {
        return db.read("search history", c -> {
            Sql sql = select(q, "SELECT " + RowMapping.generationColumns("g") + " FROM ");
            sql.text.append(" ORDER BY g.id DESC LIMIT ?");
            sql.params.add(q.limit() + 1);
            try (PreparedStatement ps = sql.prepare(c)) {
                List<GenerationRecord> rows = GenerationRows.read(c, ps);
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
        return db.read("count history", c -> {
            Sql sql = select(q.unpaged(), "SELECT count(*) FROM ");
            try (PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
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
        return db.read("find renders by reference", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + RowMapping.generationColumns("g")
                    + " FROM generations g WHERE g.id IN (SELECT generation_id FROM generation_references WHERE sha256 = ?)"
                    + " ORDER BY g.id DESC LIMIT ?")) {
                ps.setString(1, sha256);
                ps.setInt(2, limit);
                return GenerationRows.read(c, ps);
            }
        });
    }

    /** The finals rendered from draft {@code draftId}, newest first. */
    public List<GenerationRecord> finalsOf(long draftId) {
        return db.read("find finals", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + RowMapping.GENERATION_COLUMNS + " FROM generations WHERE parent_id = ? ORDER BY id DESC")) {
                ps.setLong(1, draftId);
                return GenerationRows.read(c, ps);
            }
        });
    }

    /**
     * Deletes a generation (its references go with it; finals made from it keep their row and lose the link)
     * and returns the image hashes that no remaining row uses, so their files can be removed.
     */
    public Deletion delete(long id) {
        return db.write("delete generation", c -> {
            Set<String> hashes = new LinkedHashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
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
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM generations WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            List<String> unused = new ArrayList<>();
            for (String hash : hashes) {
                if (!referenced(c, hash)) {
                    unused.add(hash);
                }
            }
            return new Deletion(id, unused);
        });
    }

    /** True while any row uses {@code sha256} as its output or as a reference. */
    public boolean isImageReferenced(String sha256) {
        return db.read("check image use", c -> referenced(c, sha256));
    }

    private static boolean referenced(Connection c, String sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM generations WHERE image_sha256 = ?) "
                        + "OR EXISTS (SELECT 1 FROM generation_references WHERE sha256 = ?)")) {
            ps.setString(1, sha256);
            ps.setString(2, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Closes the database (and so the journal that shares it). */
    @Override
    public void close() {
        db.close();
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
        if (q.keepers()) {
            sql.text.append(" AND (g.kind = ? OR g.starred = 1)");
            sql.params.add(io.draftboard.generation.RenderKind.FINAL.name());
        }
        if (q.tag() != null) {
            // tags is a JSON array of strings; rows with a tag are few, so a scan of each row's array is cheap
            sql.text.append(" AND EXISTS (SELECT 1 FROM json_each(g.tags) WHERE json_each.value = ?)");
            sql.params.add(q.tag());
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

    private void update(String what, String sql, Object... params) {
        db.write(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                return ps.executeUpdate();
            }
        });
    }
}
