package io.draftboard.launch;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;

/**
 * The studio's stand-in in StudioRelaunchTest's child JVM: says how it was started (its arguments, whether a
 * class archive of the cache directory is mapped into it, from /proc/self/maps) and, given "--until-archive",
 * stays up until an archive appears there, as a studio stays up while its first start trains one.
 */
public final class RelaunchProbe {
    private RelaunchProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path cache = Path.of(args[0]);
        String maps = Files.readString(Path.of("/proc/self/maps"));
        System.out.println("mapped=" + maps.lines().anyMatch(l -> l.contains(cache.toString()) && l.endsWith(".jsa")));
        // Not ProcessHandle's arguments(): the JDK gives none for a command line as long as this class path.
        System.out.println("malloc-arena-max=" + System.getenv("MALLOC_ARENA_MAX"));
        System.out.println("arguments=" + Files.readString(Path.of("/proc/self/cmdline")).replace('\0', ' '));
        if (args.length > 1 && args[1].equals("--until-archive")) {
            try (WatchService watch = FileSystems.getDefault().newWatchService()) {
                cache.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!hasArchive(cache) && System.nanoTime() < deadline) {
                    WatchKey key = watch.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (key != null) {
                        key.pollEvents();
                        key.reset();
                    }
                }
            }
        }
        System.exit(7);
    }

    private static boolean hasArchive(Path cache) throws java.io.IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".jsa"));
        }
    }
}
