package io.draftboard.launch;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Jars for the launch tests: JDK 17 dumps and maps a class archive only for a class path of jars. */
final class TestJars {
    private TestJars() {
    }

    /**
     * The app as a jar at {@code target}: target/classes and any {@code extra} class files, its manifest Class-Path
     * naming every jar on this test JVM's class path (JavaFX, SQLite, ...), as the built draftboard.jar names lib/.
     */
    static Path appJar(Path target, Path... extra) throws IOException {
        String libraries = String.join(" ", Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar")).map(e -> Path.of(e).toUri().toString()).toList());
        Path[] content = Stream.concat(Stream.of(Path.of("target/classes")), Stream.of(extra)).toArray(Path[]::new);
        return jar(target, libraries, content);
    }

    /** A jar at {@code target} with that manifest Class-Path, holding the classes under each of {@code content}. */
    static Path jar(Path target, String classPath, Path... content) throws IOException {
        Files.createDirectories(target.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Path root : content) {
                if (Files.isRegularFile(root)) { // one test class, at its package's path
                    out.putNextEntry(new JarEntry("io/draftboard/launch/" + root.getFileName()));
                    Files.copy(root, out);
                    continue;
                }
                if (!Files.isDirectory(root)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                        out.putNextEntry(new JarEntry(root.relativize(f).toString().replace(File.separatorChar, '/')));
                        Files.copy(f, out);
                    }
                }
            }
        }
        return target;
    }
}
