package io.draftboard.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.RenderDurations.Workload;
import io.draftboard.generation.RenderKind;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PastDurationsTest {
    @TempDir
    Path dir;
    private HistoryStore store;
    private PastDurations past;

    @BeforeEach
    void open() throws Exception {
        store = HistoryStore.open(dir.resolve("history.db"));
        past = new PastDurations(store.database());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    private void took(String provider, RenderKind kind, int steps, int width, int height, long millis) {
        past.record(new Workload(provider, kind, steps, width, height), ms(millis));
    }

    private void took(String provider, RenderKind kind, long millis) {
        took(provider, kind, 6, 1024, 1024, millis);
    }

    @Test
    void onlyTheProvidersRendersOfTheSameKindNewestFirst() {
        took("bfl", RenderKind.DRAFT, 1100);
        took("bfl", RenderKind.FINAL, 9000);
        took("fal", RenderKind.DRAFT, 400);
        took("bfl", RenderKind.DRAFT, 1200);
        took("bfl", RenderKind.DRAFT, 1300);

        Workload draft = new Workload("bfl", RenderKind.DRAFT, 6, 1024, 1024);
        assertThat(past.recent(draft, 20)).containsExactly(ms(1300), ms(1200), ms(1100));
        assertThat(past.recent(draft, 2)).containsExactly(ms(1300), ms(1200));
        assertThat(past.recent(new Workload("bfl", RenderKind.FINAL, 6, 1024, 1024), 20)).containsExactly(ms(9000));
        assertThat(past.recent(new Workload("replicate", RenderKind.DRAFT, 6, 1024, 1024), 20)).isEmpty();
    }

    @Test
    void aCallerThatDoesNotKnowTheKindGetsEveryKind() {
        took("bfl", RenderKind.DRAFT, 1100);
        took("bfl", RenderKind.FINAL, 9000);

        assertThat(past.recent(new Workload("bfl", null, 6, 1024, 1024), 20)).containsExactly(ms(9000), ms(1100));
    }

    @Test
    void durationsAreScaledToTheAskedStepsTimesMegapixels() {
        took("bfl", RenderKind.FINAL, 25, 1024, 1024, 4000);
        took("bfl", RenderKind.FINAL, 50, 2048, 1024, 16_000);

        // 50 steps at 1 MP is twice the first one's work and half the second's: both say 8 s
        assertThat(past.recent(new Workload("bfl", RenderKind.FINAL, 50, 1024, 1024), 20))
                .containsExactly(ms(8000), ms(8000));
    }

    @Test
    void itSurvivesTheProcessAndKeepsOnlyTheNewestFewHundred() throws Exception {
        for (int i = 0; i < PastDurations.KEEP + 30; i++) {
            took("bfl", RenderKind.DRAFT, 1000 + i);
        }
        took("fal", RenderKind.DRAFT, 5);
        store.close();
        store = HistoryStore.open(dir.resolve("history.db")); // the next CLI run
        past = new PastDurations(store.database());

        assertThat(past.recent(new Workload("bfl", RenderKind.DRAFT, 6, 1024, 1024), 1000)).hasSize(PastDurations.KEEP)
                .startsWith(ms(1000 + PastDurations.KEEP + 29));
        assertThat(past.recent(new Workload("fal", RenderKind.DRAFT, 6, 1024, 1024), 20)).containsExactly(ms(5));
    }

    @Test
    void theQueryReadsOnlyTheIndexNewestFirst() {
        assertThat(plan(PastDurations.OF_KIND, "bfl", "DRAFT", 20)).contains("USING COVERING INDEX poll_times_recent")
                .doesNotContain("TEMP B-TREE");
        assertThat(plan(PastDurations.ANY_KIND, "bfl", 20)).contains("USING COVERING INDEX poll_times_recent");
    }

    @Test
    void withAHundredThousandRowsItStillTakesMilliseconds() {
        // far more than the trim keeps, mostly other providers and finals: the asked-for rows are rare
        store.database().write("fill", c -> {
            try (var st = c.createStatement()) {
                return st.executeUpdate("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999) "
                        + "INSERT INTO poll_times (created_at, provider, kind, steps, width, height, millis) SELECT 0, "
                        + "CASE WHEN i % 1000 = 0 OR i % 2 = 1 THEN 'bfl' ELSE 'fal' END, "
                        + "CASE WHEN i % 1000 = 0 THEN 'DRAFT' ELSE 'FINAL' END, 6, 1024, 1024, "
                        + "CASE WHEN i % 1000 = 0 THEN 1000 + i / 1000 ELSE 9000 END FROM n");
            }
        });
        Workload draft = new Workload("bfl", RenderKind.DRAFT, 6, 1024, 1024);
        past.recent(draft, 20); // warm the statement cache and the pages
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            assertThat(past.recent(draft, 20)).hasSize(20).first().isEqualTo(ms(1099));
            best = Math.min(best, System.nanoTime() - t0);
        }
        assertThat(Duration.ofNanos(best)).isLessThan(Duration.ofMillis(20)); // a scan of 100,000 rows takes longer
    }

    private String plan(String sql, Object... params) {
        return store.database().read("explain", c -> {
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                StringBuilder out = new StringBuilder();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.append(rs.getString("detail")).append('\n');
                    }
                }
                return out.toString();
            }
        });
    }
}
