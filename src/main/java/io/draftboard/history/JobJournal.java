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
import java.util.function.Predicate;

/**
 * Jobs in flight survive a crash: a job is written here before it is sent, gets the provider's id as soon as it
 * is known, and is closed in the same transaction that records its result in history. What is still open after
 * a restart is what a crash interrupted.
 *
 * <p>Several processes share the journal (the studio resumes at start, {@code jobs resume} beside it), so each
 * open job names the process finishing it: the one that opened it, or the one that {@link #claim claimed} it
 * after its owner stopped. A job whose owner still runs is never taken from it.
 */
public final class JobJournal {
    private final HistoryDatabase db;
    private final String owner;
    private final Predicate<String> running;

    public JobJournal(HistoryDatabase db) {
        this(db, ProcessIdentity.current(), ProcessIdentity::isRunning);
    }

    /** A journal acting as {@code owner}, judging other owners alive by {@code running} (tests). */
    JobJournal(HistoryDatabase db, String owner, Predicate<String> running) {
        this.db = db;
        this.owner = owner;
        this.running = running;
    }

    /** Writes a new PENDING job, owned by this process; returns its journal id. */
    public long openJob(String providerId, RenderKind kind, Long parentId, String requestJson, Instant now) {
        return db.write("journal job", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO jobs (created_at, updated_at, provider, "
                    + "kind, parent_id, request, state, claimed_by, claimed_at) VALUES (?,?,?,?,?,?,'PENDING',?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, now.toEpochMilli());
                ps.setLong(2, now.toEpochMilli());
                ps.setString(3, providerId);
                ps.setString(4, kind.name());
                RowMapping.setNullableLong(ps, 5, parentId);
                ps.setString(6, requestJson);
                ps.setString(7, owner);
                ps.setLong(8, now.toEpochMilli());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /**
     * Makes this process the one that finishes open job {@code journalId}, atomically: true when it got the
     * job, false when the job is closed or another running process owns it (this one included: it is already
     * finishing it). A job whose owner stopped (a crash, a kill) is free to claim.
     */
    public boolean claim(long journalId) {
        return db.write("claim job", c -> {
            String holder;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT claimed_by FROM jobs WHERE id = ? AND state IN ('PENDING', 'SUBMITTED')")) {
                ps.setLong(1, journalId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    holder = rs.getString(1);
                }
            }
            if (holder != null && (holder.equals(owner) || running.test(holder))) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET claimed_by = ?, claimed_at = ? "
                    + "WHERE id = ? AND state IN ('PENDING', 'SUBMITTED') AND claimed_by IS ?")) {
                ps.setString(1, owner);
                ps.setLong(2, System.currentTimeMillis());
                ps.setLong(3, journalId);
                ps.setString(4, holder);
                return ps.executeUpdate() == 1;
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
     * crash either both happened or neither did. A {@code journalId} of 0 or less only inserts the row. An entry
     * that already has a row (a job billed but not fetched, asked again) has that row replaced, so each job is in
     * history once.
     */
    public long insertClosingJob(GenerationRecord record, long journalId, JournalEntry.State state, String note) {
        return db.write("save generation", c -> {
            if (journalId > 0) {
                deleteEarlierRow(c, journalId);
            }
            long id = GenerationRows.insert(c, List.of(record)).get(0);
            if (journalId > 0) {
                close(c, journalId, state, id, note);
            }
            return id;
        });
    }

    /**
     * Records a job the provider accepted (and so billed) but whose image did not arrive: {@code record} goes to
     * history with what it cost, and the entry stays open, released by this process, so the next resume (the
     * studio's at start, or {@code jobs resume}) asks the provider again. Returns the row's id.
     */
    public long insertKeepingOpen(GenerationRecord record, long journalId, String note) {
        return db.write("save unfetched generation", c -> {
            deleteEarlierRow(c, journalId);
            long id = GenerationRows.insert(c, List.of(record)).get(0);
            try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET generation_id = ?, note = ?, "
                    + "claimed_by = NULL, claimed_at = NULL, updated_at = ? WHERE id = ?")) {
                ps.setLong(1, id);
                ps.setString(2, note);
                ps.setLong(3, System.currentTimeMillis());
                ps.setLong(4, journalId);
                ps.executeUpdate();
            }
            return id;
        });
    }

    /** The journal entry {@code journalId}, if there is one. */
    public java.util.Optional<JournalEntry> find(long journalId) {
        List<JournalEntry> found = db.read("read job journal", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + RowMapping.JOURNAL_COLUMNS
                    + " FROM jobs WHERE id = ?")) {
                ps.setLong(1, journalId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? List.of(RowMapping.journalEntry(rs)) : List.of();
                }
            }
        });
        return found.stream().findFirst();
    }

    private static void deleteEarlierRow(Connection c, long journalId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM generations WHERE id = "
                + "(SELECT generation_id FROM jobs WHERE id = ? AND state IN ('PENDING', 'SUBMITTED'))")) {
            ps.setLong(1, journalId);
            ps.executeUpdate();
        }
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
