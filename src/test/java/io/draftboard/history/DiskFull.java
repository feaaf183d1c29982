package io.draftboard.history;

/** Makes SQLite find the disk full for one open database: its page count capped where it is now (SQLITE_FULL). */
public final class DiskFull {
    private DiskFull() {
    }

    public static void now(HistoryDatabase db) {
        db.read("fill the disk", c -> {
            try (var s = c.createStatement()) {
                int pages = HistoryDatabase.pragmaInt(c, "page_count");
                s.execute("PRAGMA max_page_count = " + pages);
            }
            return null;
        });
    }
}
