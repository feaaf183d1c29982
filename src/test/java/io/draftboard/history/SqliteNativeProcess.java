package io.draftboard.history;

import java.nio.file.Path;

/**
 * A fresh JVM opening a history as the studio and the CLI do ({@link SqliteNativeTest}): with {@code copy}, SQLite's
 * library is first pointed at the copy in {@code native-dir}; with {@code plain}, sqlite-jdbc finds it its own way.
 * Prints the library path sqlite-jdbc was given, the files named for sqlite in the temp directory while the
 * database is open (sqlite-jdbc deletes its own copy when the JVM exits), then "done".
 */
public final class SqliteNativeProcess {
    private SqliteNativeProcess() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("copy")) {
            SqliteNative.useCopyIn(Path.of(args[1]));
        }
        try (HistoryDatabase db = HistoryDatabase.open(Path.of(args[2]))) {
            new HistoryStore(db).count(HistoryQuery.newest(1));
            System.out.println(System.getProperty(SqliteNative.PATH_PROPERTY));
            try (var files = java.nio.file.Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                System.out.println(files.filter(f -> f.getFileName().toString().contains("sqlite")).count());
            }
        }
        System.out.println("done");
    }
}
