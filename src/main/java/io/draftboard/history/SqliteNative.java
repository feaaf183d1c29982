package io.draftboard.history;

import io.draftboard.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * SQLite's native library, copied out of sqlite-jdbc's jar once, into Draftboard's data home, instead of on
 * every start. Left to itself, sqlite-jdbc copies it into the temp directory each time a JVM first opens a
 * database, reads it back to compare, and lists the directory for stale copies: ~130 ms of every studio start
 * (on the thread the first frame waits for) and every CLI command. A temp directory mounted {@code noexec}
 * cannot load it at all; the data home can.
 *
 * <p>The copy sits in a folder named for sqlite-jdbc's version and is checked against the jar entry's size and
 * CRC at every start (a read of 1 MB from the page cache), so an upgrade or a damaged file is copied afresh.
 * When anything goes wrong, nothing is set and sqlite-jdbc finds its library as it always did; sqlite-jdbc
 * itself also falls back to its own copy when the one it is pointed at does not load.
 */
public final class SqliteNative {
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";
    private static final System.Logger LOG = System.getLogger(SqliteNative.class.getName());

    private SqliteNative() {
    }

    /**
     * Points sqlite-jdbc at the copy in {@code dir} (making it when missing or stale), unless its library path was
     * already chosen (a {@code -Dorg.sqlite.lib.path} on the command line wins). Before the first database opens.
     */
    public static void useCopyIn(Path dir) {
        if (System.getProperty(PATH_PROPERTY) != null) {
            return;
        }
        copyIn(dir).ifPresent(library -> {
            System.setProperty(PATH_PROPERTY, library.getParent().toString());
            System.setProperty(NAME_PROPERTY, library.getFileName().toString());
        });
    }

    /**
     * The library for this OS and architecture, as a file under {@code dir}, made or remade when it does not match
     * the jar's; empty when sqlite-jdbc carries none for this platform, or the copy cannot be made.
     */
    static Optional<Path> copyIn(Path dir) {
        String name = LibraryLoaderUtil.getNativeLibName();
        URL resource = SQLiteJDBCLoader.class.getResource(LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name);
        if (resource == null) {
            return Optional.empty();
        }
        try {
            URLConnection connection = resource.openConnection();
            if (!(connection instanceof JarURLConnection jar)) {
                return Optional.empty(); // not from a jar: nothing cheap to check a copy against
            }
            var entry = jar.getJarEntry();
            Path library = dir.resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion()).resolve(name);
            if (!matches(library, entry.getSize(), entry.getCrc())) {
                byte[] bytes;
                try (InputStream in = connection.getInputStream()) {
                    bytes = in.readAllBytes();
                }
                AtomicFiles.write(library, bytes);
            }
            return Optional.of(library);
        } catch (IOException | RuntimeException e) { // a read-only home, a full disk: sqlite-jdbc's own way
            LOG.log(System.Logger.Level.DEBUG, () -> "SQLite's library stays in the temp directory: " + e);
            return Optional.empty();
        }
    }

    private static boolean matches(Path file, long size, long crc) throws IOException {
        if (size < 0 || crc < 0 || !Files.isRegularFile(file) || Files.size(file) != size) {
            return false;
        }
        CRC32 sum = new CRC32();
        sum.update(Files.readAllBytes(file));
        return sum.getValue() == crc;
    }
}
