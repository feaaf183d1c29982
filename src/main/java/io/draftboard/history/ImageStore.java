package io.draftboard.history;

import io.draftboard.files.AtomicFiles;
import io.draftboard.imaging.ContentHash;
import io.draftboard.imaging.ImageCodec;
import io.draftboard.imaging.ImageDecodeException;
import io.draftboard.imaging.PngWriter;
import io.draftboard.imaging.Resize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Image files by content: {@code images/ab/<sha256>.<ext>}. Identical images are stored once, a file is
 * never seen half-written ({@link AtomicFiles}), and thumbnails are cached beside them under {@code thumbs/}.
 */
public final class ImageStore {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** The side of the thumbnail every saved image gets, the one the history grid decodes its tiles from. */
    public static final int THUMB_SIDE = 256;
    private static final List<String> EXTENSIONS = List.of("png", "jpg", "webp", "bin");

    private final Path root;
    private final AtomicFiles.ChannelWriter writer;

    /** Opens the store at {@code root}, removing temporary files a crash may have left. */
    public ImageStore(Path root) throws IOException {
        this(root, AtomicFiles.ChannelWriter.DIRECT);
    }

    /** With {@code writer} between the store and the disk (tests fill the disk with it). */
    public ImageStore(Path root, AtomicFiles.ChannelWriter writer) throws IOException {
        this.writer = writer;
        this.root = root.toAbsolutePath();
        Files.createDirectories(this.root);
        cleanTemporaryFiles();
    }

    public Path root() {
        return root;
    }

    /** Stores {@code bytes} (once per content) and returns their SHA-256. */
    public String put(byte[] bytes, String mediaType) throws IOException {
        String hash = ContentHash.sha256(bytes);
        Path target = pathFor(hash, extension(mediaType));
        if (!Files.exists(target)) {
            AtomicFiles.write(target, bytes, writer);
        }
        return hash;
    }

    public Optional<Path> find(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            return Optional.empty();
        }
        for (String ext : EXTENSIONS) {
            Path p = pathFor(sha256, ext);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public byte[] read(String sha256) throws IOException {
        Path p = find(sha256).orElseThrow(() -> new IOException("image " + sha256 + " is missing from " + root));
        return Files.readAllBytes(p);
    }

    /** Removes the image and its cached thumbnails; absent files are fine. */
    public void delete(String sha256) throws IOException {
        if (!SHA256.matcher(sha256).matches()) {
            return;
        }
        for (String ext : EXTENSIONS) {
            Files.deleteIfExists(pathFor(sha256, ext));
        }
        Path thumbs = thumbDir(sha256);
        if (Files.isDirectory(thumbs)) {
            try (Stream<Path> s = Files.list(thumbs)) {
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith(sha256)).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * A PNG thumbnail no larger than {@code maxSide}, served from disk. Saved images have theirs from the start
     * ({@link #thumbnail(String, byte[], int)}); one that has none (an older history, a thumbnail that failed) is
     * made here, once, from the stored file decoded only as large as the thumbnail needs.
     */
    public Path thumbnail(String sha256, int maxSide) throws IOException {
        Path thumb = thumbPath(sha256, maxSide);
        return Files.isRegularFile(thumb) ? thumb : writeThumbnail(thumb, sha256, read(sha256), maxSide);
    }

    /** The thumbnail of {@code image}, stored as {@code sha256}, made from the bytes in hand unless it exists. */
    public Path thumbnail(String sha256, byte[] image, int maxSide) throws IOException {
        Path thumb = thumbPath(sha256, maxSide);
        return Files.isRegularFile(thumb) ? thumb : writeThumbnail(thumb, sha256, image, maxSide);
    }

    private Path writeThumbnail(Path thumb, String sha256, byte[] image, int maxSide) throws IOException {
        try {
            AtomicFiles.write(thumb, PngWriter.encode(Resize.toFit(ImageCodec.decodeForSide(image, maxSide), maxSide),
                    List.of()), writer);
        } catch (ImageDecodeException e) {
            throw new IOException("image " + sha256 + " cannot be decoded: " + e.getMessage(), e);
        }
        return thumb;
    }

    /** Deletes {@link AtomicFiles} temporaries left behind by a crash mid-write. */
    public void cleanTemporaryFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(AtomicFiles.TEMP_SUFFIX)).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private Path pathFor(String sha256, String ext) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256 + "." + ext);
    }

    private Path thumbPath(String sha256, int maxSide) {
        return thumbDir(sha256).resolve(sha256 + "-" + maxSide + ".png");
    }

    private Path thumbDir(String sha256) {
        return root.resolve("thumbs").resolve(sha256.substring(0, 2));
    }

    private static String extension(String mediaType) {
        return switch (mediaType) {
            case "image/png" -> "png";
            case "image/jpeg" -> "jpg";
            case "image/webp" -> "webp";
            default -> "bin";
        };
    }
}
