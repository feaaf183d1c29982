package io.draftboard.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;

/**
 * Whole-file writes that are never seen half-done: the bytes go to a temporary file beside the target, are
 * forced to disk, and the file is renamed over the target in one step. A crash leaves either the old file or
 * the new one, plus at most a {@code .tmp} file that {@link #TEMP_SUFFIX} lets cleaners recognise.
 *
 * <p>The result is an ordinary file: a new one gets the permissions the user's umask gives any new file
 * (0644 under the usual 022), a replaced one keeps the permissions it had. Secrets are not written here
 * ({@code ProviderKeys} makes {@code keys.json} owner-only its own way).
 */
public final class AtomicFiles {
    public static final String TEMP_SUFFIX = ".draftboard-tmp";
    private static final SecureRandom RANDOM = new SecureRandom();

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
        Path temp = null;
        try {
            FileChannel opened = null;
            while (opened == null) {
                // Not Files.createTempFile: it makes the file owner-only (0600), and the rename would carry that
                // over to an export the user meant to share. A plain create takes the umask's permissions.
                temp = dir.resolve("." + target.getFileName() + Long.toUnsignedString(RANDOM.nextLong()) + TEMP_SUFFIX);
                try {
                    opened = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException taken) {
                    temp = null;
                }
            }
            try (FileChannel ch = opened) {
                writer.write(ch, ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            keepPermissions(target, temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** A file being replaced keeps its permissions (a user who made an export private keeps it private). */
    private static void keepPermissions(Path target, Path temp) throws IOException {
        // Whether the file exists first: asking the file store reads the mount table (~80 KB of garbage each
        // time), and most writes (an image, a thumbnail) make a new file.
        if (Files.exists(target) && Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            try {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
            } catch (IOException | UnsupportedOperationException e) {
                // Not ours to change (another owner): the new file keeps the umask's permissions.
            }
        }
    }
}
