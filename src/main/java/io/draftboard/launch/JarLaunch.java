package io.draftboard.launch;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * This JVM as {@code java [options] -jar draftboard.jar [args]} started it: the {@code java} it ran on, the JVM
 * options typed before {@code -jar}, the jar and the class path its manifest makes of it, and the program's
 * arguments. Absent when the JVM was started otherwise (the packaged launcher, {@code -cp}, a test).
 */
record JarLaunch(Path java, List<String> jvmOptions, Path jar, List<Path> classPath, List<String> args) {
    JarLaunch {
        jvmOptions = List.copyOf(jvmOptions);
        classPath = List.copyOf(classPath);
        args = List.copyOf(args);
    }

    /** This process, when a jar launch; its command line as the OS recorded it (Linux and macOS do). */
    static Optional<JarLaunch> current() {
        try {
            var source = Main.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path ownJar = Path.of(source.getLocation().toURI());
            List<String> arguments = ProcessHandle.current().info().arguments().map(List::of).orElse(List.of());
            return of(arguments, CdsArchive.thisJava(), ownJar);
        } catch (URISyntaxException | IllegalArgumentException | SecurityException | IOException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code arguments}, the process's arguments after the {@code java} command, as a launch of {@code ownJar};
     * empty when they do not start that jar.
     */
    static Optional<JarLaunch> of(List<String> arguments, Path java, Path ownJar) throws IOException {
        int at = arguments.indexOf("-jar");
        if (at < 0 || at + 1 >= arguments.size() || !Files.isRegularFile(ownJar)
                || !Path.of(arguments.get(at + 1)).toAbsolutePath().normalize()
                        .equals(ownJar.toAbsolutePath().normalize())) {
            return Optional.empty();
        }
        Path jar = ownJar.toAbsolutePath().normalize();
        return Optional.of(new JarLaunch(java, arguments.subList(0, at), jar, classPathOf(jar),
                arguments.subList(at + 2, arguments.size())));
    }

    /** The class path as one {@code -cp} value: the same string every time, as a class archive requires. */
    String classPathValue() {
        return String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList());
    }

    /** The jar, then its manifest's Class-Path entries: URLs relative to the jar's directory (or absolute). */
    private static List<Path> classPathOf(Path jar) throws IOException {
        List<Path> paths = new ArrayList<>(List.of(jar));
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String entries = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (entries != null) {
                for (String entry : entries.trim().split("\\s+")) {
                    if (!entry.isEmpty()) {
                        paths.add(Path.of(jar.getParent().toUri().resolve(entry)).normalize());
                    }
                }
            }
        }
        return paths;
    }
}
