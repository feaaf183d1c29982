package io.draftboard.settings;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The data directory, checked usable before anything is written into it. */
public record DataHome(Path root) {

    /** Creates {@code root} if needed and checks it is a writable directory; the message names the problem. */
    public static DataHome open(Path root) throws DataHomeException {
        Path dir = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new DataHomeException("data directory " + dir + " is a file, not a directory");
        } catch (AccessDeniedException e) {
            throw new DataHomeException("data directory " + dir + " cannot be created: permission denied");
        } catch (IOException e) {
            throw new DataHomeException("data directory " + dir + " cannot be created: " + e.getMessage());
        }
        if (!Files.isDirectory(dir)) {
            throw new DataHomeException("data directory " + dir + " is not a directory");
        }
        if (!Files.isReadable(dir) || !Files.isWritable(dir) || !Files.isExecutable(dir)) {
            throw new DataHomeException("data directory " + dir + " is not readable and writable by you");
        }
        return new DataHome(dir);
    }

    public Path historyDb() {
        return root.resolve("history.db");
    }

    public Path images() {
        return root.resolve("images");
    }

    /** Native libraries copied out of their jars once, rather than into the temp directory at every start. */
    public Path nativeLibraries() {
        return root.resolve("native");
    }

    /** A data directory that cannot be used; the message is one line fit for the user. */
    public static final class DataHomeException extends Exception {
        public DataHomeException(String message) {
            super(message);
        }
    }
}
