package io.draftboard.launch;

import io.draftboard.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The class archive of a jar-launched studio, in the user's cache: what the packaged launcher's
 * {@code draftboard.jsa} is to the app-image, for {@code java -jar draftboard.jar}, which cannot name an archive
 * itself. JDK 17 maps an archive only for the JVM and class path it was dumped for, so each archive is named by
 * a key over the {@code java} it runs on, that JVM's version and every class-path entry's path, size and
 * modification time: a rebuilt jar, a moved one or another JDK has no archive until one is made for it, and
 * never gets a stale one. The directory keeps the newest {@value #KEPT}.
 *
 * <p>Making one runs a child JVM for a few seconds (it loads the listed classes, {@link CdsArchive}); a failure
 * is remembered, so a JVM that cannot dump archives is not asked again at every start.
 */
final class ClassArchiveCache {
    private static final String PREFIX = "studio-";
    /** Archives kept (~40 MB each): a designer's jar, and a developer's builds started in turn. */
    static final int KEPT = 3;
    /** The packaged launcher's compiler directives, a resource of the jar; the JVM reads them from a file. */
    static final String DIRECTIVES = "compiler-directives.json";

    private final Path directory;
    private final JarLaunch launch;
    private final String key;

    ClassArchiveCache(Path directory, JarLaunch launch) {
        this.directory = directory;
        this.launch = launch;
        this.key = keyOf(launch);
    }

    /** The archive for this launch, when one was made. */
    Optional<Path> archive() {
        Path archive = archivePath();
        return Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
    }

    /** Neither an archive for this launch nor a failed attempt at one. */
    boolean wantsArchive() {
        return archive().isEmpty() && !Files.exists(failedMarker());
    }

    /** Where this launch's archive is, or would be. */
    Path archivePath() {
        return directory.resolve(PREFIX + key + ".jsa");
    }

    /**
     * Dumps this launch's archive with {@code java} (the command, {@code nice} first for a background
     * run) and keeps it, with the newest others; 0 when made, else the dumping JVM's exit code, which is
     * remembered. Interrupted, nothing is kept.
     */
    int make(List<String> java) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        int code = CdsArchive.dump(java, launch.classPathValue(), archivePath());
        if (code != 0) {
            AtomicFiles.write(failedMarker(), ("exit " + code + "\n").getBytes(StandardCharsets.UTF_8));
            return code;
        }
        removeOthers(archivePath());
        return 0;
    }

    /** The compiler directives as a file, written once per content; empty when it cannot be written. */
    Optional<Path> directives() {
        try (InputStream in = ClassArchiveCache.class.getResourceAsStream(DIRECTIVES)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            Path file = directory.resolve("compiler-directives-" + Long.toHexString(fnv(bytes)) + ".json");
            if (!Files.isRegularFile(file)) {
                Files.createDirectories(directory);
                AtomicFiles.write(file, bytes);
            }
            return Optional.of(file);
        } catch (IOException e) {
            return Optional.empty(); // the child starts without them: C2 everywhere, as the plain jar did
        }
    }

    private Path failedMarker() {
        return directory.resolve(PREFIX + key + ".failed");
    }

    /**
     * Keeps the newest {@value #KEPT} archives (two builds started in turn keep theirs) and drops other keys'
     * failure marks: this JVM just dumped one.
     */
    private void removeOthers(Path kept) throws IOException {
        List<Path> archives = new ArrayList<>();
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(".jsa") && !f.equals(kept)) {
                    archives.add(f);
                } else if (name.endsWith(".failed")) {
                    stale.add(f);
                }
            }
        }
        archives.sort(java.util.Comparator.comparing(ClassArchiveCache::modified).reversed());
        stale.addAll(archives.subList(Math.min(archives.size(), KEPT - 1), archives.size()));
        for (Path f : stale) {
            Files.deleteIfExists(f);
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException gone) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    private static String keyOf(JarLaunch launch) {
        StringBuilder facts = new StringBuilder(launch.java().toString()).append('\n')
                .append(System.getProperty("java.vm.version")).append('\n');
        for (Path entry : launch.classPath()) {
            facts.append(entry).append(' ');
            try {
                BasicFileAttributes a = Files.readAttributes(entry, BasicFileAttributes.class);
                facts.append(a.size()).append(' ').append(a.lastModifiedTime().toMillis());
            } catch (IOException missing) {
                // an entry that is not there: its path alone names it, as the JVM's own check would
            }
            facts.append('\n');
        }
        return String.format("%016x", fnv(facts.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** FNV-1a, 64 bits: a name, not a secret; the JVM checks the class path itself before it maps an archive. */
    private static long fnv(byte[] bytes) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }
}
