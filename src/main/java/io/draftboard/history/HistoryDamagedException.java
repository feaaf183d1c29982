package io.draftboard.history;

import java.nio.file.Path;

/**
 * SQLite found a damaged page in the history file while working (SQLITE_CORRUPT in any form): the message is one
 * sentence a user can act on, for the CLI and the studio to show as it is.
 */
public final class HistoryDamagedException extends HistoryException {
    private final transient Path file;

    HistoryDamagedException(Path file, String what, Throwable cause) {
        super("the history database " + file + " is damaged (a corrupt page stopped \"" + what + "\"); quit "
                + "Draftboard and move the file aside to start a new history (sqlite3's .recover can rescue rows "
                + "from it)", cause, false);
        this.file = file;
    }

    /** The damaged database file. */
    public Path file() {
        return file;
    }
}
