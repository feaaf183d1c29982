package io.draftboard.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.Cost;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.Job;
import io.draftboard.generation.Timings;
import io.draftboard.imaging.ImageCodec;
import io.draftboard.imaging.PngWriter;
import io.draftboard.provider.offline.OfflineProvider;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved render comes with its history thumbnail, made after the save and never at the save's expense. */
class SavedThumbnailTest {
    private static final Instant T = Instant.parse("2026-12-03T09:00:00Z");

    @TempDir
    Path dir;
    private HistoryDatabase db;
    private HistoryStore history;
    private ImageStore images;
    /** The recorder's thumbnail work, held until the test runs it: proof the save did not wait for it. */
    private final List<Runnable> queued = new ArrayList<>();
    private final Executor later = queued::add;

    @BeforeEach
    void open() throws Exception {
        db = HistoryDatabase.open(dir.resolve("history.db"));
        history = new HistoryStore(db);
        images = new ImageStore(dir.resolve("images"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private long save(byte[] image) throws Exception {
        HistoryRecorder recorder = new HistoryRecorder(new JobJournal(db), images, Clock.systemUTC(), later);
        Job job = Job.draft(GenerationRequest.of("a red balloon", 7, 4, 1024, 768), new OfflineProvider());
        long journalId = recorder.opened(job);
        return recorder.recordSuccess(journalId, job,
                new GenerationResult(image, ImageCodec.PNG, 7, 1024, 768, null, null, Cost.FREE),
                new Timings(T, T, T.plusSeconds(1), 1));
    }

    private Path thumbFile(String hash) {
        return images.root().resolve("thumbs").resolve(hash.substring(0, 2))
                .resolve(hash + "-" + ImageStore.THUMB_SIDE + ".png");
    }

    @Test
    void aSavedRenderHasItsThumbnailOnDiskWithoutAnyoneAsking() throws Exception {
        byte[] png = PngWriter.encode(new BufferedImage(1024, 768, BufferedImage.TYPE_INT_RGB), List.of());

        long id = save(png);

        String hash = history.find(id).orElseThrow().image().sha256();
        assertThat(thumbFile(hash)).as("not made before the save returns").doesNotExist();
        queued.forEach(Runnable::run);
        BufferedImage thumb = ImageCodec.decode(Files.readAllBytes(thumbFile(hash)));
        assertThat(thumb.getWidth()).isEqualTo(ImageStore.THUMB_SIDE);
        assertThat(thumb.getHeight()).isEqualTo(192);
        assertThat(images.thumbnail(hash, ImageStore.THUMB_SIDE)).isEqualTo(thumbFile(hash));
    }

    @Test
    void aThumbnailThatCannotBeMadeDoesNotFailTheSave() throws Exception {
        byte[] notDecodable = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};

        long id = save(notDecodable);
        queued.forEach(Runnable::run);

        GenerationRecord row = history.find(id).orElseThrow();
        assertThat(images.read(row.image().sha256())).isEqualTo(notDecodable);
        assertThat(thumbFile(row.image().sha256())).doesNotExist();
    }
}
