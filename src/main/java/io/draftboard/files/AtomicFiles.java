package io.draftboard.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Whole-file writes that are never seen half-done: the bytes go to a temporary file beside the target, are
 * forced to disk, and the file is renamed over the target in one step. A crash leaves either the old file or
 * the new one, plus at most a {@code .tmp} file that {@link #TEMP_SUFFIX} lets cleaners recognise.
 */
public final class AtomicFiles {
    public static final String TEMP_SUFFIX = ".draftboard-tmp";

    private AtomicFiles() {
    }

    /** How bytes reach the disk; a seam so tests can make the disk fill up mid-write. */
    @FunctionalInterface
    public interface ChannelWriter {
        ChannelWriter DIRECT = (channel, buffer) -> {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        };

        void write(FileChannel channel, ByteBuffer buffer) throws IOException;
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, bytes, ChannelWriter.DIRECT);
    }

    public static void write(Path target, byte[] bytes, ChannelWriter writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), TEMP_SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writer.write(ch, ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
