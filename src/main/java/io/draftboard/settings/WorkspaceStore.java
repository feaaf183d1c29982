package io.draftboard.settings;

import io.draftboard.files.AtomicFiles;
import io.draftboard.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads and writes {@link Workspace} ({@code workspace.json}) and keeps the workspace's reference images as
 * files under {@code workspace/references/}, apart from the history's image store (deleting a render there must
 * not take an image the editor still holds). Never on the FX thread. A missing or unreadable file gives the
 * defaults and a sentence for the studio to show; an unreadable one is first moved aside to
 * {@code workspace.json.corrupt}, so the next save cannot overwrite what the designer may want to look at.
 */
public final class WorkspaceStore {
    public static final String FILE = "workspace.json";
    private static final System.Logger LOG = System.getLogger(WorkspaceStore.class.getName());

    private final Path home;
    private final Path file;
    private final Path references;

    /** What a start found: the workspace, and a one-line notice when it fell back to the defaults. */
    public record Loaded(Workspace workspace, String notice) {
    }

    public WorkspaceStore(Path home) {
        this.home = home;
        this.file = home.resolve(FILE);
        this.references = home.resolve("workspace").resolve("references");
    }

    public Path file() {
        return file;
    }

    public Loaded load() {
        if (!Files.isRegularFile(file)) {
            return new Loaded(Workspace.DEFAULTS, "No saved workspace yet: the studio starts with its defaults.");
        }
        try {
            Workspace w = Json.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), Workspace.class);
            if (w == null) {
                throw new IOException("empty");
            }
            return new Loaded(w, null);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "workspace file " + file + " is unreadable; using defaults");
            Path aside = file.resolveSibling(FILE + ".corrupt");
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                return new Loaded(Workspace.DEFAULTS, "The saved workspace was unreadable: it was kept as "
                        + aside.getFileName() + " and the studio starts with its defaults.");
            } catch (IOException moveFailed) {
                return new Loaded(Workspace.DEFAULTS, "The saved workspace was unreadable and could not be moved"
                        + " aside; the studio starts with its defaults.");
            }
        }
    }

    public void save(Workspace workspace) throws IOException {
        AtomicFiles.write(file, Json.pretty(workspace).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Stores a prepared reference image once per content ({@code sha256} names it) and returns how the
     * workspace names the file: relative to the data home.
     */
    public String keepReference(String sha256, String mediaType, byte[] bytes) throws IOException {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IOException("not a content hash: " + sha256);
        }
        Path target = references.resolve(sha256 + "." + extension(mediaType));
        if (!Files.isRegularFile(target)) {
            AtomicFiles.write(target, bytes);
        }
        return home.relativize(target).toString().replace('\\', '/');
    }

    /** The file a workspace path names: relative ones are inside the data home. */
    public Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : home.resolve(p).normalize();
    }

    /** Deletes the kept reference images the workspace no longer names (the tray changed). */
    public void forgetReferencesBut(Set<String> kept) throws IOException {
        if (!Files.isDirectory(references)) {
            return;
        }
        Set<Path> keep = kept.stream().map(this::resolve).collect(java.util.stream.Collectors.toSet());
        try (Stream<Path> files = Files.list(references)) {
            for (Path p : files.filter(p -> !keep.contains(p.normalize())).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String extension(String mediaType) {
        return switch (mediaType == null ? "" : mediaType) {
            case "image/jpeg" -> "jpg";
            case "image/webp" -> "webp";
            default -> "png";
        };
    }
}
