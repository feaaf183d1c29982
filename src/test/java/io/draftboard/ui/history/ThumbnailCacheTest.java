package io.draftboard.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.history.ImageStore;
import io.draftboard.ui.task.TaskRunnerCore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grid's thumbnail cache with no toolkit: work and deliveries wait in two queues the test drains, so it
 * decides what a cell wants by the time a worker, and then the FX thread, gets to a request.
 */
class ThumbnailCacheTest {
    private static final int SIDE = ThumbnailCache.SIDE;

    @TempDir
    Path dir;
    private final Deque<Runnable> work = new ArrayDeque<>();
    private final Deque<Runnable> fx = new ArrayDeque<>();
    /** What the source was asked to decode, as "hash@side". */
    private final List<String> decoded = new ArrayList<>();
    private final Map<String, Image> made = new HashMap<>();
    private final List<Image> shown = new ArrayList<>();
    private ThumbnailCache cache;
    /** Run once inside the next decode, as another worker would run at the same time. */
    private Runnable duringDecode;

    @BeforeEach
    void setUp() throws IOException {
        cache = cache(10);
    }

    private ThumbnailCache cache(int capacity) throws IOException {
        return cache(capacity, ThumbnailCache.MAX_BYTES);
    }

    private ThumbnailCache cache(int capacity, long maxBytes) throws IOException {
        return cache(capacity, maxBytes, 1);
    }

    private ThumbnailCache cache(int capacity, long maxBytes, int kept) throws IOException {
        TaskRunnerCore tasks = TaskRunnerCore.on(work::add, fx::add, f -> {
            throw new AssertionError(f.message(), f.cause());
        });
        return new ThumbnailCache(new ImageStore(dir.resolve("images")), tasks, (sha256, side) -> {
            if (sha256.equals("corrupt")) {
                throw new IOException("not an image");
            }
            decoded.add(sha256 + "@" + side);
            Runnable meanwhile = duringDecode;
            duringDecode = null;
            if (meanwhile != null) {
                meanwhile.run();
            }
            Image image = new WritableImage(side, side);
            made.put(sha256 + "@" + side, image);
            return image;
        }, capacity, maxBytes, kept);
    }

    private void drain() {
        while (!work.isEmpty() || !fx.isEmpty()) {
            if (!work.isEmpty()) {
                work.removeFirst().run();
            } else {
                fx.removeFirst().run();
            }
        }
    }

    @Test
    void aCellGetsItsThumbnailOnceDecoded() {
        ThumbnailCache.Wanted cell = new ThumbnailCache.Wanted();

        cache.load("a", SIDE, cell, shown::add);
        assertThat(shown).isEmpty(); // nothing before a worker got to it
        drain();

        assertThat(decoded).containsExactly("a@" + SIDE);
        assertThat(shown).containsExactly(made.get("a@" + SIDE));
    }

    @Test
    void twoCellsShowingTheSameImageDecodeItOnce() {
        ThumbnailCache.Wanted first = new ThumbnailCache.Wanted();
        ThumbnailCache.Wanted twin = new ThumbnailCache.Wanted(); // a re-run that rendered the same pixels
        cache.load("a", SIDE, first, shown::add);
        cache.load("a", SIDE, twin, shown::add);

        drain();

        assertThat(decoded).containsExactly("a@" + SIDE);
        assertThat(shown).containsExactly(made.get("a@" + SIDE), made.get("a@" + SIDE));
        assertThat(cache.bytes()).isEqualTo(4L * SIDE * SIDE);
    }

    @Test
    void twoWorkersDecodingTheSameImageAtOnceCountItOnce() {
        ThumbnailCache.Wanted first = new ThumbnailCache.Wanted();
        ThumbnailCache.Wanted twin = new ThumbnailCache.Wanted();
        cache.load("a", SIDE, first, shown::add);
        cache.load("a", SIDE, twin, shown::add);
        duringDecode = () -> work.removeLast().run(); // the twin's worker decodes and stores it meanwhile

        drain();

        assertThat(decoded).containsExactly("a@" + SIDE, "a@" + SIDE);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.bytes()).isEqualTo(4L * SIDE * SIDE);
        assertThat(shown).hasSize(2);
    }

    @Test
    void aRequestWhoseCellHasMovedOnIsNotDecoded() {
        ThumbnailCache.Wanted cell = new ThumbnailCache.Wanted();
        List<Image> shownForA = new ArrayList<>();
        cache.load("a", SIDE, cell, shownForA::add);
        cache.load("b", SIDE, cell, shown::add); // scrolled: the same cell now shows another row

        drain();

        assertThat(decoded).containsExactly("b@" + SIDE);
        assertThat(shownForA).isEmpty();
        assertThat(shown).containsExactly(made.get("b@" + SIDE));
    }

    @Test
    void aCellThatEmptiedBeforeAWorkerGotThereDecodesNothing() {
        ThumbnailCache.Wanted cell = new ThumbnailCache.Wanted();
        cache.load("a", SIDE, cell, shown::add);
        cell.clear();

        drain();

        assertThat(decoded).isEmpty();
        assertThat(shown).isEmpty();
    }

    @Test
    void aThumbnailDecodedAfterItsCellMovedOnIsNotDeliveredToItButKept() {
        ThumbnailCache.Wanted cell = new ThumbnailCache.Wanted();
        cache.load("a", SIDE, cell, shown::add);
        work.removeFirst().run(); // decoded while the cell still wanted it
        cell.clear(); // then the cell moved on before the FX thread delivered it

        drain();

        assertThat(decoded).containsExactly("a@" + SIDE);
        assertThat(shown).isEmpty();
        ThumbnailCache.Wanted other = new ThumbnailCache.Wanted();
        cache.load("a", SIDE, other, shown::add); // scrolling back finds it cached
        assertThat(shown).containsExactly(made.get("a@" + SIDE));
        assertThat(work).isEmpty();
    }

    @Test
    void aCachedThumbnailArrivesAtOnceWithoutDecodingAgainAndIsKeptPerSize() {
        ThumbnailCache.Wanted cell = new ThumbnailCache.Wanted();
        cache.load("a", SIDE, cell, image -> { });
        drain();

        cache.load("a", SIDE, cell, shown::add);
        assertThat(shown).containsExactly(made.get("a@" + SIDE));
        assertThat(work).isEmpty();

        cache.load("a", 64, cell, shown::add);
        drain();
        assertThat(decoded).containsExactly("a@" + SIDE, "a@64");
        assertThat(shown).containsExactly(made.get("a@" + SIDE), made.get("a@64"));
    }

    @Test
    void theCacheIsBoundedAndForgetsTheLeastRecentlyUsed() throws IOException {
        cache = cache(2);
        ThumbnailCache.Wanted cell = new ThumbnailCache.Wanted();
        for (String hash : List.of("a", "b", "a", "c")) { // "a" used again, so "b" is the eldest when "c" comes
            cache.load(hash, SIDE, cell, image -> { });
            drain();
        }
        assertThat(cache.size()).isEqualTo(2);
        decoded.clear();

        for (String hash : List.of("a", "c", "b")) {
            cache.load(hash, SIDE, cell, image -> { });
            drain();
        }

        assertThat(decoded).containsExactly("b@" + SIDE);
    }

    @Test
    void theCacheStaysWithinItsByteBoundWhateverTheCount() throws IOException {
        long oneAt100 = 100 * 100 * 4;
        cache = cache(1_000, 3 * oneAt100);
        ThumbnailCache.Wanted cell = new ThumbnailCache.Wanted();
        for (int i = 0; i < 10; i++) {
            cache.load("h" + i, 100, cell, image -> { });
            drain();
            assertThat(cache.bytes()).isLessThanOrEqualTo(3 * oneAt100);
        }
        assertThat(cache.size()).isEqualTo(3);
        decoded.clear();

        cache.load("h9", 100, cell, image -> { }); // the newest stayed
        drain();
        assertThat(decoded).isEmpty();

        for (int i = 0; i < 15; i++) { // smaller tiles: four times as many fit in the same bytes
            cache.load("s" + i, 50, cell, image -> { });
            drain();
        }
        assertThat(cache.size()).isEqualTo(12);
        assertThat(cache.bytes()).isEqualTo(12 * 50 * 50 * 4);
    }

    @Test
    void aScreenOfLargeHiDpiTilesStaysCachedThoughItIsOverTheByteBound() throws IOException {
        cache = cache(ThumbnailCache.CAPACITY, ThumbnailCache.MAX_BYTES, ThumbnailCache.KEPT);
        ThumbnailCache.Wanted cell = new ThumbnailCache.Wanted();
        for (int i = 0; i < ThumbnailCache.KEPT; i++) { // 64 files' worth at full side: 25 MB
            cache.load("big" + i, SIDE, cell, image -> { });
            drain();
        }
        assertThat(cache.bytes()).isGreaterThan(ThumbnailCache.MAX_BYTES);
        decoded.clear();

        for (int i = 0; i < ThumbnailCache.KEPT; i++) { // the same screen laid out again: nothing decoded
            cache.load("big" + i, SIDE, cell, image -> { });
            drain();
        }
        assertThat(decoded).isEmpty();

        cache.load("next", SIDE, cell, image -> { }); // one more: the oldest makes room
        drain();
        assertThat(cache.size()).isEqualTo(ThumbnailCache.KEPT);
        decoded.clear();
        cache.load("big0", SIDE, cell, image -> { });
        drain();
        assertThat(decoded).containsExactly("big0@" + SIDE);
    }

    @Test
    void scrollingTwoThousandMediumTilesHoldsNoMoreThanTheBound() throws IOException {
        cache = cache(ThumbnailCache.CAPACITY, ThumbnailCache.MAX_BYTES, ThumbnailCache.KEPT);
        ThumbnailCache.Wanted cell = new ThumbnailCache.Wanted();
        int side = ThumbnailCache.sideFor(HistoryBrowserView.side(io.draftboard.settings.StudioSettings.ThumbnailSize.MEDIUM) - 12);
        assertThat(side).isLessThan(ThumbnailCache.SIDE); // decoded at the tile's side, not the file's
        for (int i = 0; i < 2_000; i++) {
            cache.load("row" + i, side, cell, image -> { });
            drain();
        }
        assertThat(cache.bytes()).isLessThanOrEqualTo(ThumbnailCache.MAX_BYTES);
        assertThat(cache.size()).isLessThanOrEqualTo(ThumbnailCache.CAPACITY);
    }

    @Test
    void anImageThatCannotBeDecodedLeavesThePlaceholderQuietly() {
        ThumbnailCache.Wanted cell = new ThumbnailCache.Wanted();

        cache.load("corrupt", SIDE, cell, shown::add); // the runner's fallback would fail the test

        drain();
        assertThat(shown).isEmpty();
        assertThat(cache.size()).isZero();
    }
}
