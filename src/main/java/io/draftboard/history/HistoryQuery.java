package io.draftboard.history;

import io.draftboard.generation.RenderKind;

/**
 * A page request over history, newest first. Every filter is optional (null or false means "any").
 *
 * @param text   words typed in the search box; anything is accepted (see {@link FtsQuery})
 * @param before a cursor from the previous page, or null for the newest page
 * @param keepers only finals and starred rows (a starred draft is one worth keeping; other drafts are not)
 * @param tag     only rows carrying this tag (e.g. "superseded": paid drafts that landed after a newer one)
 */
public record HistoryQuery(String text, boolean starredOnly, String providerId, RenderKind kind,
        GenerationStatus status, int limit, Cursor before, boolean keepers, String tag) {

    public HistoryQuery(String text, boolean starredOnly, String providerId, RenderKind kind,
            GenerationStatus status, int limit, Cursor before) {
        this(text, starredOnly, providerId, kind, status, limit, before, false, null);
    }

    public HistoryQuery(String text, boolean starredOnly, String providerId, RenderKind kind,
            GenerationStatus status, int limit, Cursor before, boolean keepers) {
        this(text, starredOnly, providerId, kind, status, limit, before, keepers, null);
    }

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
        return new HistoryQuery(text, starredOnly, providerId, kind, status, limit, cursor, keepers, tag);
    }

    /** Only finals and starred rows, or every row the other filters let through. */
    public HistoryQuery keepersOnly(boolean only) {
        return new HistoryQuery(text, starredOnly, providerId, kind, status, limit, before, only, tag);
    }

    /** Only rows tagged {@code tag}, or (null) rows whatever their tags. */
    public HistoryQuery taggedOnly(String only) {
        return new HistoryQuery(text, starredOnly, providerId, kind, status, limit, before, keepers, only);
    }

    /** The same filters from the newest row on, one row at a time (for counting). */
    HistoryQuery unpaged() {
        return new HistoryQuery(text, starredOnly, providerId, kind, status, 1, null, keepers, tag);
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
