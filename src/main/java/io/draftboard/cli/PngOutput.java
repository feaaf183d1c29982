package io.draftboard.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Checks a {@code --out} path before anything is rendered or read, so a bad one costs nothing. */
final class PngOutput {
    private PngOutput() {
    }

    /** {@code typed} resolved against the working directory, if it names a .png file in a writable folder. */
    static Path checked(CliEnvironment env, String typed) {
        Path path = env.resolve(typed);
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png")) {
            throw new UserError("--out " + typed + ": Draftboard writes PNG with metadata; use a .png name");
        }
        if (Files.isDirectory(path)) {
            throw new UserError("--out " + typed + " is a directory");
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UserError("--out " + typed + ": folder " + parent + " does not exist");
        }
        if (!Files.isWritable(parent)) {
            throw new UserError("--out " + typed + ": folder " + parent + " is not writable");
        }
        return path;
    }
}
