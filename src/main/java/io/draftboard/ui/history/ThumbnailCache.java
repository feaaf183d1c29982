package io.draftboard.ui.history;

import io.draftboard.history.ImageStore;
import io.draftboard.ui.task.TaskRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.scene.image.Image;

/**
 * Thumbnails for the history grid, made and decoded off the FX thread, kept in an LRU keyed by image and
 * side and bounded twice: by count and by the bytes of decoded pixels ({@link #MAX_BYTES}), which give way only
 * to the {@link #KEPT} most recent thumbnails, about a screen of the largest tiles. Each is decoded
 * at the side its tile draws it (from one {@link #SIDE}-pixel file on disk), not larger, so a grid of small
 * tiles holds small images; after a tile-size change the other size's entries simply age out. A request whose cell has moved on by the time a worker reaches it is dropped, so fast scrolling through
 * 100,000 rows only ever decodes what is on screen. Workers never touch a cell: each cell owns a {@link Wanted}
 * token it updates on the FX thread, and the worker reads only that.
 */
public final class ThumbnailCache {
    /** The side of the thumbnail files on disk; a tile decodes it at its own, smaller side. */
    static final int SIDE = ImageStore.THUMB_SIDE;
    static final int CAPACITY = 600;
    /**
     * Decoded pixels held at most: 8 MB is 155 medium tiles (116 px), four screens of a maximised 2560 px
     * window's grid. A thumbnail costs more than its pixels: on JavaFX's software pipeline (no usable GPU: a
     * VM, a remote desktop) each one drawn also keeps a texture of 4 bytes a pixel in the heap, so 24 MB of
     * pixels held ~50 MB of heap after scrolling 2,000 rows, and the studio 370 MB resident (src/test/xvfb/feel.sh).
     */
    static final long MAX_BYTES = 8L << 20;
    /**
     * The newest thumbnails kept even over {@link #MAX_BYTES}: a screen of large tiles on a large HiDPI window
     * (decoded at up to {@link #SIDE} px, 400 KB each) must not evict itself, or every relayout would decode it again.
     */
    static final int KEPT = 64;
    private static final System.Logger LOG = System.getLogger(ThumbnailCache.class.getName());

    /** Makes and decodes the thumbnail of one image at one side; runs on a worker. */
    @FunctionalInterface
    interface Source {
        Image thumbnail(String sha256, int side) throws Exception;
    }

    /**
     * The image one grid cell wants to show, as a thread-safe token: the cell sets it on the FX thread when it
     * shows a row ({@link ThumbnailCache#load}) and clears it when it shows nothing; workers only read it.
     */
    public static final class Wanted {
        private final AtomicReference<String> sha256 = new AtomicReference<>();

        /** The cell shows no image (empty, or a row without one). */
        public void clear() {
            sha256.set(null);
        }

        void set(String hash) {
            sha256.set(hash);
        }

        boolean is(String hash) {
            return hash.equals(sha256.get());
        }
    }

    private record Key(String sha256, int side) {
    }

    private final ImageStore images;
    private final TaskRunner tasks;
    private final Source source;
    // Read on the FX thread, filled by workers; guarded by itself, as is bytes.
    private final Map<Key, Image> cache = new LinkedHashMap<>(64, 0.75f, true);
    private final int capacity;
    private final long maxBytes;
    private final int kept;
    private long bytes;

    public ThumbnailCache(ImageStore images, TaskRunner tasks) {
        this(images, tasks, fromStore(images), CAPACITY, MAX_BYTES, KEPT);
    }

    ThumbnailCache(ImageStore images, TaskRunner tasks, Source source, int capacity, long maxBytes, int kept) {
        this.images = images;
        this.tasks = tasks;
        this.source = source;
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.kept = kept;
    }

    /** The side to decode a thumbnail at for a tile that draws it {@code drawn} pixels wide, on this screen. */
    public static int sideFor(double drawn) {
        double scale = 1;
        try {
            scale = Math.max(1, javafx.stage.Screen.getPrimary().getOutputScaleX());
        } catch (RuntimeException | Error noToolkit) {
            // no screen (a test without the toolkit): 1:1
        }
        return (int) Math.min(SIDE, Math.ceil(drawn * scale));
    }

    private static Source fromStore(ImageStore images) {
        return (sha256, side) -> {
            Path file = images.thumbnail(sha256, SIDE);
            Image image = new Image(file.toUri().toString(), side, side, true, true, false);
            if (image.isError()) {
                throw new IOException("the thumbnail cannot be decoded", image.getException());
            }
            return image;
        };
    }

    /**
     * On the FX thread: marks {@code sha256} as what {@code wanted}'s cell shows and delivers its thumbnail at
     * {@code side} to {@code onFx}, at once when cached, else later, and only if the cell still wants it then.
     */
    public void load(String sha256, int side, Wanted wanted, Consumer<Image> onFx) {
        wanted.set(sha256);
        Key key = new Key(sha256, side);
        Image hit = cached(key);
        if (hit != null) {
            onFx.accept(hit);
            return;
        }
        tasks.task("Making a thumbnail", () -> {
            if (!wanted.is(sha256)) {
                return null; // the cell scrolled on before a worker got here: decode nothing
            }
            Image earlier = cached(key);
            if (earlier != null) {
                return earlier; // another cell's request for the same image got here first (a re-run's twin)
            }
            Image image = source.thumbnail(sha256, side);
            put(key, image);
            return image;
        }).onSuccess(image -> {
            if (image != null && wanted.is(sha256)) {
                onFx.accept(image);
            }
        }).onError(failure -> {
            // A missing or corrupt file leaves the cell's placeholder; the row itself still works.
            LOG.log(System.Logger.Level.DEBUG, () -> failure.message() + " (" + sha256 + ")");
        }).start();
    }

    private void put(Key key, Image image) {
        synchronized (cache) {
            Image old = cache.put(key, image);
            bytes += bytesOf(image) - (old == null ? 0 : bytesOf(old));
            // Oldest first; the one just put is the newest and stays even when it alone is over the bound.
            var eldest = cache.entrySet().iterator();
            while ((cache.size() > capacity || (bytes > maxBytes && cache.size() > kept)) && cache.size() > 1) {
                bytes -= bytesOf(eldest.next().getValue());
                eldest.remove();
            }
        }
    }

    /** What a decoded image holds in memory: 4 bytes a pixel (JavaFX keeps them as BGRA or RGB). */
    static long bytesOf(Image image) {
        return 4L * (long) Math.ceil(image.getWidth()) * (long) Math.ceil(image.getHeight());
    }

    /** The bytes of decoded pixels held. */
    long bytes() {
        synchronized (cache) {
            return bytes;
        }
    }

    private Image cached(Key key) {
        synchronized (cache) {
            return cache.get(key);
        }
    }

    /** How many thumbnails are held. */
    int size() {
        synchronized (cache) {
            return cache.size();
        }
    }

    /** The full-size image, decoded off the FX thread; a failure reaches {@code onError} as one line. */
    public void full(String sha256, Consumer<Image> onFx, Consumer<String> onError) {
        tasks.task("Opening the image", () -> {
            Path file = images.find(sha256).orElseThrow(() -> new IOException("the image file is missing"));
            Image image = new Image(file.toUri().toString(), false);
            if (image.isError()) {
                throw new IOException("the image file cannot be decoded", image.getException());
            }
            return image;
        }).onSuccess(onFx).onError(failure -> onError.accept(failure.message())).start();
    }
}
