package io.draftboard.bench;

import io.draftboard.history.HistoryStore;
import io.draftboard.history.ImageStore;
import io.draftboard.imaging.PngWriter;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeds a DRAFTBOARD_HOME with a history of {@code rows} bench rows ({@link HistoryRows}) over {@code images}
 * distinct images, for measuring the real studio at scale ({@code src/test/xvfb/feel.sh}). The newest
 * {@code images} rows all have different images, so scrolling that far decodes that many thumbnails. Each image
 * gets its history thumbnail through the call the app makes when it saves a render ({@link ImageStore#thumbnail(
 * String, byte[], int)}), since a history this app made has them; {@code --without-thumbnails} seeds a history
 * as older builds left it, whose thumbnails history makes as it first shows them.
 *
 * <pre>java -cp target/draftboard.jar:target/test-classes io.draftboard.bench.SeedHome HOME [rows] [images] [side]
 *     [--without-thumbnails]</pre>
 */
public final class SeedHome {
    private SeedHome() {
    }

    public static void main(String[] all) throws Exception {
        boolean thumbnails = !List.of(all).contains("--without-thumbnails");
        String[] args = java.util.Arrays.stream(all).filter(a -> !a.startsWith("--")).toArray(String[]::new);
        Path home = Path.of(args[0]);
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int distinct = args.length > 2 ? Integer.parseInt(args[2]) : 3_000;
        int side = args.length > 3 ? Integer.parseInt(args[3]) : 320;
        long t0 = System.nanoTime();
        ImageStore images = new ImageStore(home.resolve("images"));
        String[] hashes = new String[distinct];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < distinct; i++) {
            BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
            var g = image.createGraphics();
            g.setColor(Color.getHSBColor(i / (float) distinct, 0.6f, 0.9f));
            g.fillRect(0, 0, side, side);
            g.setColor(Color.getHSBColor(random.nextFloat(), 0.8f, 0.5f));
            g.fillOval(random.nextInt(side / 2), random.nextInt(side / 2), side / 3, side / 3);
            g.dispose();
            byte[] png = PngWriter.encode(image, List.of());
            hashes[i] = images.put(png, "image/png");
            if (thumbnails) {
                images.thumbnail(hashes[i], png, ImageStore.THUMB_SIDE);
            }
        }
        try (HistoryStore store = HistoryStore.open(home.resolve("history.db"))) {
            // Row n gets image n mod distinct; the newest rows are the last ones inserted.
            HistoryRows.populate(store, rows, new SplittableRandom(11), n -> hashes[(rows - 1 - n) % distinct]);
        }
        System.out.printf(Locale.ROOT, "seeded %s: %,d rows, %,d images of %d px, %s (%.1f s)%n", home, rows,
                distinct, side, thumbnails ? "with their thumbnails" : "without thumbnails",
                (System.nanoTime() - t0) / 1e9);
    }
}
