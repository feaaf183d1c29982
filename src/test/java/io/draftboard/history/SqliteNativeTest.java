package io.draftboard.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.LibraryLoaderUtil;

class SqliteNativeTest {
    @TempDir
    Path dir;

    @Test
    void theCopyHoldsTheJarsLibraryForThisPlatform() throws IOException {
        Path copy = SqliteNative.copyIn(dir.resolve("native")).orElseThrow();

        assertThat(copy.getFileName().toString()).isEqualTo(LibraryLoaderUtil.getNativeLibName());
        try (var in = org.sqlite.SQLiteJDBCLoader.class.getResourceAsStream(
                LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName())) {
            assertThat(Files.readAllBytes(copy)).isEqualTo(in.readAllBytes());
        }
        assertThat(copy.getParent().getFileName().toString())
                .isEqualTo("sqlite-jdbc-" + org.sqlite.SQLiteJDBCLoader.getVersion()); // an upgrade copies afresh
    }

    @Test
    void aCopyThatMatchesIsLeftAloneAndADamagedOneIsReplaced() throws IOException {
        Path copy = SqliteNative.copyIn(dir.resolve("native")).orElseThrow();
        byte[] good = Files.readAllBytes(copy);
        FileTime made = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(copy, made);

        SqliteNative.copyIn(dir.resolve("native"));
        assertThat(Files.getLastModifiedTime(copy)).isEqualTo(made); // not rewritten

        byte[] damaged = good.clone();
        damaged[damaged.length / 2] ^= 0x5a; // same size, one byte off
        Files.write(copy, damaged);
        SqliteNative.copyIn(dir.resolve("native"));
        assertThat(Files.readAllBytes(copy)).isEqualTo(good);

        Files.write(copy, new byte[] {1, 2, 3}); // truncated
        SqliteNative.copyIn(dir.resolve("native"));
        assertThat(Files.readAllBytes(copy)).isEqualTo(good);
    }

    @Test
    void aHomeItCannotWriteLeavesSqliteToFindItsOwn() throws IOException {
        Path blocked = Files.writeString(dir.resolve("native"), "a file where the folder would go");

        assertThat(SqliteNative.copyIn(blocked)).isEmpty(); // no exception: sqlite-jdbc copies to temp as before
        String before = System.getProperty(SqliteNative.PATH_PROPERTY);
        if (before == null) {
            SqliteNative.useCopyIn(blocked);
            assertThat(System.getProperty(SqliteNative.PATH_PROPERTY)).isNull();
        }
    }

    @Test
    void sqliteJdbcIsPointedAtTheCopy() {
        String path = System.getProperty(SqliteNative.PATH_PROPERTY);
        String name = System.getProperty(SqliteNative.NAME_PROPERTY);
        System.clearProperty(SqliteNative.PATH_PROPERTY);
        System.clearProperty(SqliteNative.NAME_PROPERTY);
        try {
            SqliteNative.useCopyIn(dir.resolve("native"));

            Path copy = Path.of(System.getProperty(SqliteNative.PATH_PROPERTY),
                    System.getProperty(SqliteNative.NAME_PROPERTY));
            assertThat(copy).isRegularFile().startsWith(dir.resolve("native"));
        } finally {
            restore(SqliteNative.PATH_PROPERTY, path);
            restore(SqliteNative.NAME_PROPERTY, name);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    @Test
    void aLibraryPathChosenOnTheCommandLineWins() throws IOException {
        // Set to a good copy, so a database this JVM opens meanwhile still loads.
        Path chosen = SqliteNative.copyIn(dir.resolve("chosen")).orElseThrow().getParent();
        String before = System.getProperty(SqliteNative.PATH_PROPERTY);
        System.setProperty(SqliteNative.PATH_PROPERTY, chosen.toString());
        try {
            SqliteNative.useCopyIn(dir.resolve("native"));

            assertThat(System.getProperty(SqliteNative.PATH_PROPERTY)).isEqualTo(chosen.toString());
            assertThat(dir.resolve("native")).doesNotExist();
        } finally {
            restore(SqliteNative.PATH_PROPERTY, before);
        }
    }

    @Test
    void aFreshJvmLoadsSqliteFromTheCopyAndWritesNothingToTheTempDirectory() throws Exception {
        Path nativeDir = dir.resolve("home/native");
        Path db = dir.resolve("home/history.db");

        Seen plain = run("plain", nativeDir, db, Files.createDirectory(dir.resolve("tmp-plain")));
        assertThat(plain.libraryPath()).isEqualTo("null");
        assertThat(plain.sqliteFilesInTemp()).as("sqlite-jdbc left to itself copies its library there").isPositive();

        Seen first = run("copy", nativeDir, db, Files.createDirectory(dir.resolve("tmp-1")));
        assertThat(Path.of(first.libraryPath())).startsWith(nativeDir);
        assertThat(first.sqliteFilesInTemp()).isZero();
        Path copy = Path.of(first.libraryPath()).resolve(LibraryLoaderUtil.getNativeLibName());
        FileTime made = Files.getLastModifiedTime(copy);

        Seen second = run("copy", nativeDir, db, Files.createDirectory(dir.resolve("tmp-2")));
        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(copy)).isEqualTo(made); // the next start reuses it
    }

    /** What the child JVM saw: the library path sqlite-jdbc was given, and its files in the temp directory. */
    private record Seen(String libraryPath, long sqliteFilesInTemp) {
    }

    /** Runs {@link SqliteNativeProcess} with {@code temp} as its temp directory. */
    private static Seen run(String mode, Path nativeDir, Path db, Path temp) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path err = Files.createTempFile(temp.getParent(), "err", ".txt");
        Process p = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + temp,
                "-cp", System.getProperty("java.class.path"), SqliteNativeProcess.class.getName(), mode,
                nativeDir.toString(), db.toString()).redirectError(err.toFile()).start();
        List<String> lines;
        try (var out = p.inputReader()) {
            lines = out.lines().toList();
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(lines).as(Files.readString(err)).endsWith("done");
        return new Seen(lines.get(lines.size() - 3), Long.parseLong(lines.get(lines.size() - 2)));
    }
}
