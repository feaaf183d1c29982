package io.draftboard.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.Cost;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.RenderDurations.Workload;
import io.draftboard.generation.RenderKind;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    private static GenerationRecord row(String provider, RenderKind kind, int steps, int width, int height, long ms,
            GenerationStatus status, int attempts) {
        return new GenerationRecord(0, Instant.EPOCH, "a red balloon", 1, steps, 5, width, height, OutputFormat.PNG,
                false, 2, List.of(), provider, "flux-2-flex", kind, null, status,
                status == GenerationStatus.FAILED ? FailureKind.PERMANENT : null, null, null, new Cost(0.05, false), 3,
                ms, attempts, "t", null, false, List.of());
    }

    private static GenerationRecord done(String provider, RenderKind kind, long ms) {
        return row(provider, kind, 6, 1024, 1024, ms, GenerationStatus.DONE, 1);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void onlyTheProvidersRendersOfTheSameKindNewestFirst() {
        store.insertAll(List.of(done("bfl", RenderKind.DRAFT, 1100), done("bfl", RenderKind.FINAL, 9000),
                done("fal", RenderKind.DRAFT, 400), done("bfl", RenderKind.DRAFT, 1200),
                done("bfl", RenderKind.DRAFT, 1300)));

        Workload draft = new Workload("bfl", RenderKind.DRAFT, 6, 1024, 1024);
        assertThat(past.recent(draft, 20)).containsExactly(ms(1300), ms(1200), ms(1100));
        assertThat(past.recent(draft, 2)).containsExactly(ms(1300), ms(1200));
        assertThat(past.recent(new Workload("bfl", RenderKind.FINAL, 6, 1024, 1024), 20)).containsExactly(ms(9000));
        assertThat(past.recent(new Workload("replicate", RenderKind.DRAFT, 6, 1024, 1024), 20)).isEmpty();
    }

    @Test
    void aCallerThatDoesNotKnowTheKindGetsEveryKind() {
        store.insertAll(List.of(done("bfl", RenderKind.DRAFT, 1100), done("bfl", RenderKind.FINAL, 9000)));

        assertThat(past.recent(new Workload("bfl", null, 6, 1024, 1024), 20)).containsExactly(ms(9000), ms(1100));
    }

    @Test
    void durationsAreScaledToTheAskedStepsTimesMegapixels() {
        store.insertAll(List.of(row("bfl", RenderKind.FINAL, 25, 1024, 1024, 4000, GenerationStatus.DONE, 1),
                row("bfl", RenderKind.FINAL, 50, 2048, 1024, 16_000, GenerationStatus.DONE, 1)));

        // 50 steps at 1 MP is twice the first row's work and half the second's: both say 8 s
        assertThat(past.recent(new Workload("bfl", RenderKind.FINAL, 50, 1024, 1024), 20))
                .containsExactly(ms(8000), ms(8000));
    }

    @Test
    void failedRendersAndRetriedOnesTeachNothing() {
        store.insertAll(List.of(done("bfl", RenderKind.DRAFT, 1000),
                row("bfl", RenderKind.DRAFT, 6, 1024, 1024, 50, GenerationStatus.FAILED, 1),
                row("bfl", RenderKind.DRAFT, 6, 1024, 1024, 30, GenerationStatus.CANCELLED, 1),
                row("bfl", RenderKind.DRAFT, 6, 1024, 1024, 12_000, GenerationStatus.DONE, 2)));

        assertThat(past.recent(new Workload("bfl", RenderKind.DRAFT, 6, 1024, 1024), 20)).containsExactly(ms(1000));
    }

    @Test
    void theQueryReadsOnlyTheCoveringIndexNewestFirst() {
        assertThat(plan(PastDurations.OF_KIND, "bfl", "DRAFT", 20)).contains("USING COVERING INDEX generations_durations")
                .doesNotContain("TEMP B-TREE");
        assertThat(plan(PastDurations.ANY_KIND, "bfl", 20)).contains("USING INDEX generations_provider")
                .doesNotContain("TEMP B-TREE");
    }

    @Test
    void withAHundredThousandRowsItStillTakesMilliseconds() {
        // mostly other providers and finals, so the asked-for rows are rare; written by SQLite itself (seconds, not 30)
        store.database().write("fill", c -> {
            try (var st = c.createStatement()) {
                return st.executeUpdate("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999) "
                        + "INSERT INTO generations (created_at, prompt, seed, steps, guidance, width, height, output_format, "
                        + "prompt_upsampling, safety_tolerance, provider, model, kind, status, cost_usd, cost_estimated, "
                        + "queue_ms, render_ms, attempts) SELECT 0, 'a red balloon ' || i, i, 6, 5, 1024, 1024, 'png', 0, 2, "
                        + "CASE WHEN i % 1000 = 0 OR i % 2 = 1 THEN 'bfl' ELSE 'fal' END, 'flux-2-flex', "
                        + "CASE WHEN i % 1000 = 0 THEN 'DRAFT' ELSE 'FINAL' END, 'DONE', 0.05, 0, 3, "
                        + "CASE WHEN i % 1000 = 0 THEN 1000 + i / 1000 ELSE 9000 END, 1 FROM n");
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
