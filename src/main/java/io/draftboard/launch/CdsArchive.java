package io.draftboard.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The AppCDS archive of the packaged app (issue 15): the classes the studio loads to its first frame, parsed,
 * verified and laid out once at install time instead of at every start.
 *
 * <p>{@code Draftboard --cds-train} writes {@value #FILE} beside {@code draftboard.jar}, where the packaged
 * launcher's {@code -XX:SharedArchiveFile=$APPDIR/draftboard.jsa} finds it. JDK 17 uses an archive only with
 * the exact class path it was dumped with, so the dump runs a child JVM (the runtime's own {@code bin/java})
 * with this process's class path, the one the launcher built for the path it is installed at; that is why the
 * .deb's postinst trains after installing rather than the build shipping an archive. The child only loads
 * (never initialises) the classes listed in {@value #CLASSES}, so it needs no display.
 */
final class CdsArchive {
    static final String FILE = "draftboard.jsa";
    /** Every class a studio start (to a first draft) and a CLI render loaded; remade by packaging/cds-classes.sh. */
    static final String CLASSES = "cds-classes.txt";

    private CdsArchive() {
    }

    /** {@code --cds-train}: dumps the archive; 0 when written, 5 when the JVM could not. */
    static int train(PrintStream out, PrintStream err) {
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path archive = jar.resolveSibling(FILE);
            Path partial = jar.resolveSibling(FILE + ".part");
            Files.deleteIfExists(partial);
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process dump = new ProcessBuilder(dumpCommand(List.of(java.toString()), System.getProperty("java.class.path"),
                    partial)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            int code = dump.waitFor();
            if (code != 0 || !Files.isRegularFile(partial)) {
                err.println("draftboard: the class archive could not be made (" + java + " exited with " + code + ")");
                return 5;
            }
            Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out.println("Class archive " + archive + " (" + Files.size(archive) / 1024 + " KiB)");
            return 0;
        } catch (IOException | java.net.URISyntaxException e) {
            err.println("draftboard: the class archive could not be made: " + e.getMessage());
            return 5;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /**
     * The child JVM that dumps an archive of the listed classes to {@code target} for {@code classPath}: a JVM run
     * later with exactly that class path can map it. {@code java} is the command that starts a JVM (it may
     * start with {@code nice}).
     */
    static List<String> dumpCommand(List<String> java, String classPath, Path target) {
        List<String> command = new java.util.ArrayList<>(java);
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + target, "-Xlog:disable", "-cp", classPath,
                Main.class.getName(), "--cds-load-classes"));
        return command;
    }

    /** {@code --cds-load-classes}, the child: loads every listed class without initialising it; the count loaded. */
    static int loadClasses() throws IOException {
        ClassLoader loader = Main.class.getClassLoader();
        int loaded = 0;
        try (InputStream in = Main.class.getResourceAsStream(CLASSES)) {
            if (in == null) {
                return 0;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String name; (name = lines.readLine()) != null; ) {
                if (name.isBlank() || name.startsWith("#")) {
                    continue;
                }
                try {
                    Class.forName(name.strip(), false, loader);
                    loaded++;
                } catch (ClassNotFoundException | LinkageError gone) {
                    // a class of another version or platform: the archive simply lacks it
                }
            }
        }
        return loaded;
    }
}
