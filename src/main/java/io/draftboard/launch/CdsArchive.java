package io.draftboard.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The AppCDS archive of the packaged app (issue 15): the classes the studio loads to its first frame, parsed,
 * verified and laid out once at install time instead of at every start, with the lambdas they link.
 *
 * <p>{@code Draftboard --cds-train} writes {@value #FILE} beside {@code draftboard.jar}, where the packaged
 * launcher's {@code -XX:SharedArchiveFile=$APPDIR/draftboard.jsa} finds it. JDK 17 uses an archive only with
 * the exact class path it was dumped with, so the dump runs a child JVM (the runtime's own {@code bin/java})
 * with this process's class path, the one the launcher built for the path it is installed at; that is why the
 * .deb's postinst trains after installing rather than the build shipping an archive.
 *
 * <p>The dump is static ({@code -Xshare:dump}) from the JDK class list {@value #CLASSES}, so it runs no app code
 * and needs no display. A static dump is used rather than a dynamic one ({@code -XX:ArchiveClassesAtExit}) for
 * what a class list carries beyond class names: the lambdas the studio links on its way to the first frame
 * (about 1,100, each otherwise spun and defined at start) and the method-handle forms behind them. Archiving
 * those maps the window sooner with less CPU (1,057 to 1,003 ms, CPU 1,830 to 1,640 ms: feel.sh, 7 interleaved
 * starts).
 */
final class CdsArchive {
    static final String FILE = "draftboard.jsa";
    /**
     * The JDK class list (-XX:DumpLoadedClassList) of a studio start to a first draft and of CLI renders; remade
     * by packaging/cds-classes.sh.
     */
    static final String CLASSES = "cds.classlist";

    private CdsArchive() {
    }

    /** {@code --cds-train} in the packaged app: dumps the archive beside the jar; 0 when written, 5 when not. */
    static int train(PrintStream out, PrintStream err) {
        Path jar;
        try {
            jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            err.println("draftboard: the class archive could not be made: " + e.getMessage());
            return 5;
        }
        Path java = thisJava();
        Path archive = jar.resolveSibling(FILE);
        return train(java, archive, () -> dump(List.of(java.toString()), System.getProperty("java.class.path"), archive),
                out, err);
    }

    /** A {@link #dump} to run: 0 when the archive was written, else why not. */
    @FunctionalInterface
    interface Dump {
        int run() throws IOException, InterruptedException;
    }

    /**
     * {@code --cds-train}, wherever the archive goes: runs {@code dump} with {@code java} and says what came of it;
     * 0 when {@code archive} was written, 5 when not, 130 when interrupted.
     */
    static int train(Path java, Path archive, Dump dump, PrintStream out, PrintStream err) {
        try {
            int dumped = dump.run();
            if (dumped != 0) {
                err.println("draftboard: the class archive could not be made (" + java + " exited with " + dumped + ")");
                return 5;
            }
            out.println("Class archive " + archive + " (" + Files.size(archive) / 1024 + " KiB)");
            return 0;
        } catch (IOException e) {
            err.println("draftboard: the class archive could not be made: " + e.getMessage());
            return 5;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** The {@code java} command of the runtime this JVM runs on (the app-image's own, or the JDK's). */
    static Path thisJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * Dumps an archive of the listed classes for {@code classPath} (a JVM run later with exactly that class path
     * can map it) to {@code archive}, whole or not at all; 0 when written, else the dumping JVM's exit code (-1
     * when it wrote nothing). {@code javaCommand} is the command that starts a JVM (it may start with {@code nice}).
     * Interrupted, the child is stopped and nothing is kept.
     */
    static int dump(List<String> javaCommand, String classPath, Path archive) throws IOException, InterruptedException {
        String partialName = archive.getFileName() + "." + ProcessHandle.current().pid();
        Path partial = archive.resolveSibling(partialName + ".part");
        Path classList = archive.resolveSibling(partialName + ".classlist.part");
        Files.deleteIfExists(partial);
        try (InputStream in = Main.class.getResourceAsStream(CLASSES)) {
            if (in == null) {
                return -1;
            }
            Files.copy(in, classList, StandardCopyOption.REPLACE_EXISTING); // the JVM reads the list from a file
        }
        List<String> command = new ArrayList<>(javaCommand);
        command.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                "-XX:SharedArchiveFile=" + partial, "-Xlog:disable", "-cp", classPath));
        Process dump = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            int code = dump.waitFor();
            if (code != 0) {
                return code;
            }
            if (!Files.isRegularFile(partial)) {
                return -1;
            }
            Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return 0;
        } catch (InterruptedException e) {
            dump.destroyForcibly();
            dump.waitFor(5, TimeUnit.SECONDS);
            throw e;
        } finally {
            Files.deleteIfExists(partial);
            Files.deleteIfExists(classList);
        }
    }
}
