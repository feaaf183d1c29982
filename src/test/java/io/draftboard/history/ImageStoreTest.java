package io.draftboard.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.files.AtomicFiles;
import io.draftboard.imaging.ContentHash;
import io.draftboard.imaging.ImageCodec;
import io.draftboard.imaging.PngWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {
    @TempDir
    Path dir;

    private static byte[] png(int w, int h) {
        return PngWriter.encode(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), List.of());
    }

    private long filesUnder(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void anImageIsStoredOnceUnderItsHash() throws Exception {
        ImageStore store = new ImageStore(dir.resolve("images"));
        byte[] bytes = png(32, 32);

        String first = store.put(bytes, "image/png");
        String second = store.put(bytes, "image/png");

        assertThat(first).isEqualTo(second).isEqualTo(ContentHash.sha256(bytes));
        Path file = store.find(first).orElseThrow();
        assertThat(file).isEqualTo(dir.resolve("images").resolve(first.substring(0, 2)).resolve(first + ".png"));
        assertThat(store.read(first)).isEqualTo(bytes);
        assertThat(filesUnder(dir.resolve("images"))).isEqualTo(1);
    }

    @Test
    void aLargeImageIsDecodedOnlyAsLargeAsItsThumbnailNeeds() throws Exception {
        BufferedImage stripes = new BufferedImage(2048, 1024, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 2048; x++) {
            for (int y = 0; y < 1024; y++) {
                stripes.setRGB(x, y, x % 2 == 0 ? 0xffffff : 0x000000);
            }
        }
        byte[] png = PngWriter.encode(stripes, List.of());

        BufferedImage read = ImageCodec.decodeForSide(png, 256);
        assertThat(read.getWidth()).isEqualTo(512); // every 4th pixel: still twice the side, for the last halving
        assertThat(read.getHeight()).isEqualTo(256);
        assertThat(ImageCodec.decodeForSide(png, 4096).getWidth()).isEqualTo(2048);
    }

    @Test
    void thumbnailsAreSmallerCachedAndRemovedWithTheImage() throws Exception {
        ImageStore store = new ImageStore(dir.resolve("images"));
        String hash = store.put(png(1024, 512), "image/png");

        Path thumb = store.thumbnail(hash, 256);
        BufferedImage t = ImageCodec.decode(Files.readAllBytes(thumb));
        assertThat(t.getWidth()).isEqualTo(256);
        assertThat(t.getHeight()).isEqualTo(128);
        long modified = Files.getLastModifiedTime(thumb).toMillis();
        assertThat(store.thumbnail(hash, 256)).isEqualTo(thumb);
        assertThat(Files.getLastModifiedTime(thumb).toMillis()).isEqualTo(modified);

        store.delete(hash);
        assertThat(store.find(hash)).isEmpty();
        assertThat(thumb).doesNotExist();
    }

    @Test
    void temporaryFilesLeftByACrashAreCleanedOnOpen() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images/ab"));
        Path leftover = Files.write(images.resolve(".abc.png123" + AtomicFiles.TEMP_SUFFIX), new byte[10]);
        new ImageStore(dir.resolve("images"));
        assertThat(leftover).doesNotExist();
    }

    @Test
    void anAtomicWriteReplacesTheTargetAndLeavesNoTemporary() throws Exception {
        Path target = dir.resolve("out.png");
        Files.writeString(target, "old");
        AtomicFiles.write(target, new byte[] {1, 2, 3});
        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("out.png");
        }
    }

    @Test
    void anAtomicWriteMakesAnOrdinaryFileAndAReplacedFileKeepsItsPermissions() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(dir.resolve("made-by-the-user"));
        Path fresh = dir.resolve("export.png");
        AtomicFiles.write(fresh, new byte[] {1});
        // What any new file of the user's gets (0644 under the usual umask 022), not the 0600 of a temporary file.
        assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(Files.getPosixFilePermissions(plain));

        var ownerOnly = java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
        Files.setPosixFilePermissions(fresh, ownerOnly);
        AtomicFiles.write(fresh, new byte[] {2});
        assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(ownerOnly);
        assertThat(Files.readAllBytes(fresh)).containsExactly(2);
    }
}
