package io.draftboard.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads whole generations: the row in {@code generations} plus its ordered references in
 * {@code generation_references}. Shared by {@link HistoryStore} and {@link JobJournal} (which records a row and
 * closes its journal entry in one transaction); the caller holds the connection and the transaction.
 */
final class GenerationRows {
    private static final String INSERT = "INSERT INTO generations ("
            + RowMapping.GENERATION_COLUMNS.substring("id, ".length())
            + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private GenerationRows() {
    }

    /** Inserts {@code records} (their ids are ignored) with their references; returns the new ids in order. */
    static List<Long> insert(Connection c, List<GenerationRecord> records) throws SQLException {
        List<Long> ids = new ArrayList<>(records.size());
        try (PreparedStatement row = c.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS);
                PreparedStatement ref = c.prepareStatement("INSERT INTO generation_references "
                        + "(generation_id, position, sha256, media_type, width, height) VALUES (?,?,?,?,?,?)")) {
            for (GenerationRecord r : records) {
                RowMapping.bind(row, r);
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

    /** Runs {@code ps} (which selects {@link RowMapping#GENERATION_COLUMNS}) and returns its rows with their references. */
    static List<GenerationRecord> read(Connection c, PreparedStatement ps) throws SQLException {
        List<GenerationRecord> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(RowMapping.generation(rs));
            }
        }
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, List<StoredReference>> refs = referencesOf(c, rows);
        List<GenerationRecord> withRefs = new ArrayList<>(rows.size());
        for (GenerationRecord r : rows) {
            List<StoredReference> mine = refs.get(r.id());
            withRefs.add(mine == null ? r : RowMapping.withReferences(r, mine));
        }
        return withRefs;
    }

    private static Map<Long, List<StoredReference>> referencesOf(Connection c, List<GenerationRecord> rows)
            throws SQLException {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            in.append(i == 0 ? "?" : ",?");
        }
        Map<Long, List<StoredReference>> result = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT generation_id, sha256, media_type, width, height "
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
}
