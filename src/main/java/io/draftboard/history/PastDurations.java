package io.draftboard.history;

import io.draftboard.generation.RenderDurations;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Past render times out of history, for polling: a provider's newest successful renders of one kind (draft or
 * final), each scaled to the workload asked about by steps × megapixels. One query on the covering index
 * {@code generations_durations} (schema v5): it reads at most {@code limit} index entries, so it costs the same
 * with 100 rows or 100,000.
 *
 * <p>A row's {@code render_ms} is what the app saw: submit, the provider's work, the polling that noticed it and
 * the download. That is a little longer than the provider's own time; the schedule allows for it. Renders that
 * needed a second attempt are left out, their time includes the wait before the retry.
 */
public final class PastDurations implements RenderDurations {
    private static final String COLUMNS = "SELECT render_ms, steps, width, height FROM generations ";
    static final String OF_KIND = COLUMNS + "INDEXED BY generations_durations WHERE provider = ? AND kind = ? AND status = 'DONE' AND attempts = 1 "
            + "ORDER BY id DESC LIMIT ?";
    /**
     * A caller that does not know the kind: the provider's renders of any kind, on the provider's index (left to
     * itself, SQLite may pick the status index and walk every other provider's rows too).
     */
    static final String ANY_KIND = COLUMNS + "INDEXED BY generations_provider WHERE provider = ? AND status = 'DONE' AND attempts = 1 "
            + "ORDER BY id DESC LIMIT ?";

    private final HistoryDatabase db;

    public PastDurations(HistoryDatabase db) {
        this.db = db;
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
}
