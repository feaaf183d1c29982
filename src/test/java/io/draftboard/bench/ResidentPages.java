package io.draftboard.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

/**
 * The memory a group of processes holds in RAM, each physical page once (feel.sh, issue 15). Summing their
 * resident sizes counts twice what two JVMs share (the JVM's own library, the JDK's modules file, libc); the
 * proportional size splits a shared page with every other process on the machine (Xvfb shares libc). This reads
 * which physical page backs every resident page of each process (/proc/PID/pagemap) and counts the distinct ones.
 *
 * <p>{@code java -cp target/test-classes io.draftboard.bench.ResidentPages PID...} prints the MB; "-" when the
 * kernel hides page frame numbers (it shows them only to a process with CAP_SYS_ADMIN, root here).
 */
public final class ResidentPages {
    private static final long PAGE = 4096;
    private static final long PRESENT = 1L << 63;
    private static final long FRAME = (1L << 55) - 1;

    private ResidentPages() {
    }

    public static void main(String[] args) throws IOException {
        BitSet frames = new BitSet();
        boolean hidden = false;
        for (String pid : args) {
            try {
                hidden |= !addFrames(Path.of("/proc", pid), frames);
            } catch (IOException gone) {
                // the process ended between the listing and now: it holds nothing
            }
        }
        System.out.println(hidden ? "-" : Long.toString(frames.cardinality() * PAGE / (1024 * 1024)));
    }

    /** Adds the frames of every resident page of the process; false when the kernel gave no frame numbers. */
    static boolean addFrames(Path proc, BitSet frames) throws IOException {
        List<String> smaps = Files.readAllLines(proc.resolve("smaps"));
        boolean sawFrame = false;
        boolean sawPresent = false;
        try (RandomAccessFile pagemap = new RandomAccessFile(proc.resolve("pagemap").toFile(), "r")) {
            long start = 0;
            long end = 0;
            for (String line : smaps) {
                if (isRange(line)) {
                    int dash = line.indexOf('-');
                    int space = line.indexOf(' ');
                    start = Long.parseUnsignedLong(line.substring(0, dash), 16);
                    end = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
                } else if (line.startsWith("Rss:") && !line.matches("Rss:\\s+0 kB")) {
                    ByteBuffer entries = ByteBuffer.allocate((int) ((end - start) / PAGE * 8)).order(ByteOrder.LITTLE_ENDIAN);
                    pagemap.getChannel().read(entries, start / PAGE * 8);
                    entries.flip();
                    while (entries.remaining() >= 8) {
                        long entry = entries.getLong();
                        if ((entry & PRESENT) != 0) {
                            sawPresent = true;
                            long frame = entry & FRAME;
                            if (frame != 0) {
                                sawFrame = true;
                                frames.set(Math.toIntExact(frame));
                            }
                        }
                    }
                }
            }
        }
        return sawFrame || !sawPresent;
    }

    /** A mapping's first line: "start-end perms offset dev inode [path]" (a path may hold a colon). */
    private static boolean isRange(String line) {
        int dash = line.indexOf('-');
        int space = line.indexOf(' ');
        return dash > 0 && space > dash && line.substring(0, space).matches("[0-9a-f]+-[0-9a-f]+");
    }
}
