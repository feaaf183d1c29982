package io.draftboard.ui.history;

import io.draftboard.history.GenerationRecord;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * History as the grid lays it out: a header for each day (Today, Yesterday, then dates), then that day's
 * renders in rows of {@code columns} tiles. A day always starts a new row, so a header never shares a row with
 * the day before. Free of JavaFX, so the rules are tested without a toolkit.
 */
public final class HistoryLines {
    private static final DateTimeFormatter THIS_YEAR = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);
    private static final DateTimeFormatter OTHER_YEAR = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    private HistoryLines() {
    }

    /** One line of the grid. */
    public sealed interface Line {
    }

    /** The start of a day: "Today", "Yesterday", "Monday 30 November". */
    public record Header(LocalDate day, String label) implements Line {
    }

    /**
     * One row of tiles of one day.
     *
     * @param first the index of the row's first record in the list laid out
     */
    public record Row(List<GenerationRecord> records, int first) implements Line {
        public Row {
            records = List.copyOf(records);
        }

        public int last() {
            return first + records.size() - 1;
        }

        public boolean holds(int index) {
            return index >= first && index <= last();
        }
    }

    /** Lays {@code records} (newest first) out in rows of {@code columns} under day headers, in {@code zone}. */
    public static List<Line> layout(List<GenerationRecord> records, int columns, LocalDate today, ZoneId zone) {
        int perRow = Math.max(1, columns);
        List<Line> lines = new ArrayList<>();
        LocalDate day = null;
        List<GenerationRecord> row = new ArrayList<>();
        int first = 0;
        for (int i = 0; i < records.size(); i++) {
            GenerationRecord r = records.get(i);
            LocalDate its = r.createdAt() == null ? day : r.createdAt().atZone(zone).toLocalDate();
            if (its != null && !its.equals(day)) {
                if (!row.isEmpty()) {
                    lines.add(new Row(row, first));
                    row = new ArrayList<>();
                }
                day = its;
                lines.add(new Header(day, dayLabel(day, today)));
            }
            if (row.size() == perRow) {
                lines.add(new Row(row, first));
                row = new ArrayList<>();
            }
            if (row.isEmpty()) {
                first = i;
            }
            row.add(r);
        }
        if (!row.isEmpty()) {
            lines.add(new Row(row, first));
        }
        return lines;
    }

    /** "Today", "Yesterday", "Monday 30 November", or with the year when it is not this year's. */
    public static String dayLabel(LocalDate day, LocalDate today) {
        if (day.equals(today)) {
            return "Today";
        }
        if (day.equals(today.minusDays(1))) {
            return "Yesterday";
        }
        return (day.getYear() == today.getYear() ? THIS_YEAR : OTHER_YEAR).format(day);
    }

    /** The index of the line holding record {@code index}, or -1. */
    public static int lineOf(List<Line> lines, int index) {
        int lo = 0;
        int hi = lines.size() - 1;
        // Rows are in record order, headers between them: a binary search over rows, stepping off headers.
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int probe = mid;
            while (probe <= hi && !(lines.get(probe) instanceof Row)) {
                probe++;
            }
            if (probe > hi) {
                hi = mid - 1;
                continue;
            }
            Row row = (Row) lines.get(probe);
            if (row.holds(index)) {
                return probe;
            }
            if (index < row.first()) {
                hi = mid - 1;
            } else {
                lo = probe + 1;
            }
        }
        return -1;
    }
}
