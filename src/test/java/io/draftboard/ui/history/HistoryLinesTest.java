package io.draftboard.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.Cost;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.RenderKind;
import io.draftboard.history.GenerationRecord;
import io.draftboard.history.GenerationStatus;
import io.draftboard.ui.history.HistoryLines.Header;
import io.draftboard.ui.history.HistoryLines.Line;
import io.draftboard.ui.history.HistoryLines.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The history grid's layout without a toolkit: day headers the user reads, rows that never mix two days, and
 * the line the keyboard scrolls to for a tile.
 */
class HistoryLinesTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

    @Test
    void daysAreNamedTodayYesterdayThenByDateWithTheYearOnlyWhenItIsNotThisYears() {
        assertThat(HistoryLines.dayLabel(TODAY, TODAY)).isEqualTo("Today");
        assertThat(HistoryLines.dayLabel(TODAY.minusDays(1), TODAY)).isEqualTo("Yesterday");
        assertThat(HistoryLines.dayLabel(TODAY.minusDays(2), TODAY)).isEqualTo("Tuesday 1 December");
        assertThat(HistoryLines.dayLabel(LocalDate.of(2025, 12, 3), TODAY)).isEqualTo("Wednesday 3 December 2025");
        // The day after today (a clock set back) is a date, not "Yesterday".
        assertThat(HistoryLines.dayLabel(TODAY.plusDays(1), TODAY)).isEqualTo("Friday 4 December");
    }

    @Test
    void eachDayStartsWithItsHeaderAndItsTilesFillRowsOfTheColumnCount() {
        List<GenerationRecord> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(at(TODAY, 12 - i));
        }
        records.add(at(TODAY.minusDays(1), 9));
        records.add(at(TODAY.minusDays(1), 8));

        List<Line> lines = HistoryLines.layout(records, 2, TODAY, UTC);

        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo(new Header(TODAY, "Today"));
        assertThat(lines.get(1)).isEqualTo(new Row(records.subList(0, 2), 0));
        assertThat(lines.get(2)).isEqualTo(new Row(records.subList(2, 4), 2));
        // Today's fifth tile is alone on its row: yesterday's do not fill it up.
        assertThat(lines.get(3)).isEqualTo(new Row(records.subList(4, 5), 4));
        assertThat(lines.get(4)).isEqualTo(new Header(TODAY.minusDays(1), "Yesterday"));
        assertThat(lines.get(5)).isEqualTo(new Row(records.subList(5, 7), 5));
    }

    @Test
    void theDayIsTheOneInTheUsersZoneNotUtcs() {
        GenerationRecord lateEvening = record(Instant.parse("2026-12-02T23:30:00Z"));

        assertThat(HistoryLines.layout(List.of(lateEvening), 4, TODAY, UTC).get(0))
                .isEqualTo(new Header(TODAY.minusDays(1), "Yesterday"));
        assertThat(HistoryLines.layout(List.of(lateEvening), 4, TODAY, ZoneId.of("Europe/Paris")).get(0))
                .isEqualTo(new Header(TODAY, "Today"));
    }

    @Test
    void aRowWithoutADateStaysWithTheDayBeforeItAndNoColumnsStillShowsOneTilePerRow() {
        GenerationRecord undated = record(null);
        List<GenerationRecord> records = List.of(at(TODAY, 10), undated, at(TODAY, 9));

        assertThat(HistoryLines.layout(records, 0, TODAY, UTC)).containsExactly(
                new Header(TODAY, "Today"),
                new Row(List.of(records.get(0)), 0),
                new Row(List.of(undated), 1),
                new Row(List.of(records.get(2)), 2));
        assertThat(HistoryLines.layout(List.of(), 3, TODAY, UTC)).isEmpty();
    }

    @Test
    void aRowHoldsExactlyTheTilesFromItsFirstToItsLast() {
        Row row = new Row(List.of(at(TODAY, 3), at(TODAY, 2), at(TODAY, 1)), 4);

        assertThat(row.last()).isEqualTo(6);
        assertThat(row.holds(3)).isFalse();
        assertThat(row.holds(4)).isTrue();
        assertThat(row.holds(6)).isTrue();
        assertThat(row.holds(7)).isFalse();
    }

    @Test
    void everyTileIsFoundOnItsOwnRowAcrossManyDaysAndATileBeyondTheListOnNone() {
        List<GenerationRecord> records = new ArrayList<>();
        for (int day = 0; day < 6; day++) {
            for (int i = 0; i <= day; i++) { // 1, 2, ... 6 tiles a day: rows full, part-full, and headers between
                records.add(at(TODAY.minusDays(day), 20 - i));
            }
        }
        for (int columns = 1; columns <= 4; columns++) {
            List<Line> lines = HistoryLines.layout(records, columns, TODAY, UTC);
            for (int index = 0; index < records.size(); index++) {
                int line = HistoryLines.lineOf(lines, index);
                assertThat(line).as("tile %d in %d columns", index, columns).isNotNegative();
                assertThat(lines.get(line)).isInstanceOfSatisfying(Row.class,
                        row -> assertThat(row.records()).contains(records.get(row.first())));
                assertThat(((Row) lines.get(line)).holds(index)).isTrue();
            }
            assertThat(HistoryLines.lineOf(lines, records.size())).isEqualTo(-1);
            assertThat(HistoryLines.lineOf(lines, -1)).isEqualTo(-1);
        }
        assertThat(HistoryLines.lineOf(List.of(), 0)).isEqualTo(-1);
        assertThat(HistoryLines.lineOf(List.of(new Header(TODAY, "Today")), 0)).isEqualTo(-1);
    }

    private static GenerationRecord at(LocalDate day, int hour) {
        return record(day.atTime(hour, 0).toInstant(ZoneOffset.UTC));
    }

    private static int made;

    private static GenerationRecord record(Instant when) {
        made++;
        return new GenerationRecord(made, when, "a lighthouse " + made, made, 6, 5.0, 64, 64, OutputFormat.PNG,
                false, 2, List.of(), "offline", "draftboard-procedural-1", RenderKind.DRAFT, null,
                GenerationStatus.DONE, null, null, null, Cost.FREE, 1, 10, 1, null, null, false, List.of());
    }
}
