package io.draftboard.history;

import io.draftboard.generation.RenderKind;

/**
 * A page request over history, newest first. Every filter is optional (null or false means "any").
 *
 * @param text   words typed in the search box; anything is accepted (see {@link FtsQuery})
 * @param before a cursor from the previous page, or null for the newest page
 */
public record HistoryQuery(String text, boolean starredOnly, String providerId, RenderKind kind,
        GenerationStatus status, int limit, Cursor before) {

    public HistoryQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    public static HistoryQuery newest(int limit) {
        return new HistoryQuery(null, false, null, null, null, limit, null);
    }

    public static HistoryQuery search(String text, int limit) {
        return new HistoryQuery(text, false, null, null, null, limit, null);
    }

    public HistoryQuery after(Cursor cursor) {
        return new HistoryQuery(text, starredOnly, providerId, kind, status, limit, cursor);
    }

    /**
     * Where a page ended. History is ordered by row id, which SQLite assigns in insertion order, i.e. the
     * order generations finished: keyset paging on it never skips or repeats a row and needs no OFFSET scan.
     */
    public record Cursor(long beforeId) {
    }

    /** One page of rows and the cursor of the next, null at the end. */
    public record Page(java.util.List<GenerationRecord> items, Cursor next) {
    }
}
