package io.draftboard.history;

import io.draftboard.generation.RenderDurations;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Past render times in history, for polling: what each remote job took at its provider (table {@code poll_times},
 * schema v5, written by the poll loop when it sees a job done), read back as a provider's newest renders of one
 * kind, each scaled to the asked workload by steps × megapixels. One query on the index {@code poll_times_recent}:
 * it reads at most {@code limit} index entries and never the table, so it costs the same with 100 rows or 100,000.
 */
public final class PastDurations implements RenderDurations {
    private static final String COLUMNS = "SELECT millis, steps, width, height FROM poll_times ";
    static final String OF_KIND = COLUMNS + "WHERE provider = ? AND kind = ? ORDER BY id DESC LIMIT ?";
    /** A caller that does not know the kind: the provider's renders of any kind. */
    static final String ANY_KIND = COLUMNS + "WHERE provider = ? ORDER BY id DESC LIMIT ?";
    /** Rows kept per provider and kind: a plan reads 20; the rest is trimmed as new ones come. */
    static final int KEEP = 200;

    private final HistoryDatabase db;
    private final Clock clock;

    public PastDurations(HistoryDatabase db) {
        this(db, Clock.systemUTC());
    }

    public PastDurations(HistoryDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public List<Duration> recent(Workload workload, int limit) {
        double target = workload.work();
        return db.read("read past render times", c -> {
            try (PreparedStatement ps = c.prepareStatement(workload.kind() == null ? ANY_KIND : OF_KIND)) {
                int i = 1;
                ps.setString(i++, workload.providerId());
                if (workload.kind() != null) {
                    ps.setString(i++, workload.kind().name());
                }
                ps.setInt(i, limit);
                List<Duration> times = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double work = rs.getInt(2) * (rs.getInt(3) * (double) rs.getInt(4) / 1_000_000.0);
                        if (work > 0 && target > 0) {
                            times.add(Duration.ofMillis(Math.round(rs.getLong(1) * target / work)));
                        }
                    }
                }
                return times;
            }
        });
    }

    /** One small insert (and a trim, so the table stays small); no fsync with WAL's synchronous = NORMAL. */
    @Override
    public void record(Workload workload, Duration took) {
        String kind = workload.kind() == null ? null : workload.kind().name();
        db.write("record render time", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO poll_times (created_at, provider, kind, steps, "
                    + "width, height, millis) VALUES (?,?,?,?,?,?,?)")) {
                ps.setLong(1, clock.millis());
                ps.setString(2, workload.providerId());
                ps.setString(3, kind);
                ps.setInt(4, workload.steps());
                ps.setInt(5, workload.width());
                ps.setInt(6, workload.height());
                ps.setLong(7, Math.max(0, took.toMillis()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM poll_times WHERE provider = ? AND kind IS ? "
                    + "AND id < (SELECT id FROM poll_times WHERE provider = ? AND kind IS ? ORDER BY id DESC "
                    + "LIMIT 1 OFFSET ?)")) {
                ps.setString(1, workload.providerId());
                ps.setString(2, kind);
                ps.setString(3, workload.providerId());
                ps.setString(4, kind);
                ps.setInt(5, KEEP - 1);
                return ps.executeUpdate();
            }
        });
    }
}
