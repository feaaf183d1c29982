package io.draftboard.ui.history;

import io.draftboard.history.ImageStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.scene.image.Image;

/**
 * Thumbnails for the history grid, made and decoded on {@code background}, kept in a small LRU. A request
 * whose cell has moved on by the time a worker reaches it is dropped, so fast scrolling through 100,000 rows
 * only ever decodes what is on screen.
 */
public final class ThumbnailCache {
    static final int SIDE = 256;
    private static final int CAPACITY = 600;

    private final ImageStore images;
    private final Executor background;
    private final Executor fx;
    private final Map<String, Image> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Image> eldest) {
            return size() > CAPACITY;
        }
    };

    public ThumbnailCache(ImageStore images, Executor background, Executor fx) {
        this.images = images;
        this.background = background;
        this.fx = fx;
    }

    /** Delivers the thumbnail of {@code sha256} on the FX thread, unless {@code stillWanted} says otherwise. */
    public void load(String sha256, BooleanSupplier stillWanted, Consumer<Image> onFx) {
        Image hit;
        synchronized (cache) {
            hit = cache.get(sha256);
        }
        if (hit != null) {
            onFx.accept(hit);
            return;
        }
        background.execute(() -> {
            if (!stillWanted.getAsBoolean()) {
                return;
            }
            try {
                Path file = images.thumbnail(sha256, SIDE);
                Image image = new Image(file.toUri().toString(), SIDE, SIDE, true, true, false);
                if (image.isError()) {
                    return;
                }
                synchronized (cache) {
                    cache.put(sha256, image);
                }
                fx.execute(() -> onFx.accept(image));
            } catch (Exception e) {
                // A missing or corrupt file leaves the cell's placeholder; the row itself still works.
            }
        });
    }

    /** The full-size image, decoded on {@code background}. */
    public void full(String sha256, Consumer<Image> onFx, Consumer<String> onError) {
        background.execute(() -> {
            try {
                Path file = images.find(sha256).orElseThrow(() -> new java.io.IOException("the image file is missing"));
                Image image = new Image(file.toUri().toString(), false);
                fx.execute(() -> onFx.accept(image));
            } catch (Exception e) {
                fx.execute(() -> onError.accept(e.getMessage()));
            }
        });
    }
}
