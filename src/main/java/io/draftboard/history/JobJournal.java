package io.draftboard.history;

import io.draftboard.generation.RenderKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Jobs in flight survive a crash: a job is written here before it is sent, gets the provider's id as soon as it
 * is known, and is closed in the same transaction that records its result in history. What is still open after
 * a restart is what a crash interrupted.
 */
public final class JobJournal {
    private final HistoryDatabase db;

    public JobJournal(HistoryDatabase db) {
        this.db = db;
    }

    /** Writes a new PENDING job; returns its journal id. */
    public long openJob(String providerId, RenderKind kind, Long parentId, String requestJson, Instant now) {
        return db.write("journal job", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO jobs (created_at, updated_at, provider, "
                    + "kind, parent_id, request, state) VALUES (?,?,?,?,?,?,'PENDING')", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, now.toEpochMilli());
                ps.setLong(2, now.toEpochMilli());
                ps.setString(3, providerId);
                ps.setString(4, kind.name());
                RowMapping.setNullableLong(ps, 5, parentId);
                ps.setString(6, requestJson);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** The provider accepted the job: from now on it can be resumed by polling {@code remoteId}. */
    public void jobSubmitted(long journalId, String remoteId, String pollingUrl) {
        db.write("journal provider job id", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET state = 'SUBMITTED', remote_id = ?, "
                    + "polling_url = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, remoteId);
                ps.setString(2, pollingUrl);
                ps.setLong(3, System.currentTimeMillis());
                ps.setLong(4, journalId);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Inserts {@code record} and closes journal entry {@code journalId} with it, in one transaction: after a
     * crash either both happened or neither did. A {@code journalId} of 0 or less only inserts the row.
     */
    public long insertClosingJob(GenerationRecord record, long journalId, JournalEntry.State state, String note) {
        return db.write("save generation", c -> {
            long id = GenerationRows.insert(c, List.of(record)).get(0);
            if (journalId > 0) {
                close(c, journalId, state, id, note);
            }
            return id;
        });
    }

    /** Closes a job without a history row (lost, cancelled before anything came back). */
    public void closeJob(long journalId, JournalEntry.State state, String note) {
        db.write("close job", c -> {
            close(c, journalId, state, null, note);
            return null;
        });
    }

    private static void close(Connection c, long journalId, JournalEntry.State state, Long generationId, String note)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE jobs SET state = ?, generation_id = coalesce(?, generation_id), note = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, state.name());
            RowMapping.setNullableLong(ps, 2, generationId);
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
        return db.read("read job journal", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + RowMapping.JOURNAL_COLUMNS + " FROM jobs "
                    + where + " LIMIT ?")) {
                ps.setInt(1, limit);
                List<JournalEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(RowMapping.journalEntry(rs));
                    }
                }
                return out;
            }
        });
    }
}
