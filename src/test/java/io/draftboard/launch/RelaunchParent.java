package io.draftboard.launch;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The jar's JVM in StudioRelaunchTest: relaunches {@link RelaunchProbe} (which stays up) from its own class path,
 * as {@code java -jar} relaunches the studio, and waits, so that the test can stop it.
 */
public final class RelaunchParent {
    private RelaunchParent() {
    }

    public static void main(String[] args) throws Exception {
        Path cache = Path.of(args[0]);
        List<Path> classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        JarLaunch launch = new JarLaunch(CdsArchive.thisJava(), List.of(),
                classPath.get(0), classPath, List.of(cache.toString(), "--until-archive"));
        System.exit(StudioRelaunch.run(launch, new ClassArchiveCache(cache, launch), "Linux",
                RelaunchProbe.class.getName(), ProcessBuilder.Redirect.INHERIT, Long.MAX_VALUE / 2));
    }
}
