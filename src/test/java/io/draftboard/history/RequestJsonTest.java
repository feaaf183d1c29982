package io.draftboard.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.Reference;
import io.draftboard.generation.RenderKind;
import io.draftboard.imaging.ContentHash;
import io.draftboard.imaging.PngMetadata;
import io.draftboard.imaging.PngText;
import io.draftboard.imaging.PngWriter;
import io.draftboard.json.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one JSON form of a request, as the journal, the PNG chunk and --json all write it. */
class RequestJsonTest {
    @TempDir
    Path dir;
    private ImageStore images;
    private Reference first;
    private Reference second;

    @BeforeEach
    void store() throws IOException {
        images = new ImageStore(dir.resolve("images"));
        first = stored(PngWriter.encode(new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB), List.of()), 8, 6);
        second = stored(PngWriter.encode(new BufferedImage(3, 5, BufferedImage.TYPE_INT_ARGB), List.of()), 3, 5);
    }

    private Reference stored(byte[] png, int w, int h) throws IOException {
        images.put(png, "image/png");
        return new Reference(ContentHash.sha256(png), "image/png", w, h, png);
    }

    /** Every field away from its default, so a field the codec drops or swaps cannot go unnoticed. */
    private GenerationRequest everyField() {
        return new GenerationRequest("poster of image 1 beside image 2, \"SALE\" \u6C14\u7403", 5_000_000_123L, 37, 7.25,
                1216, 832, List.of(first, second), OutputFormat.WEBP, true, 5);
    }

    @Test
    void aJournalRequestRoundTripsEveryField() throws IOException {
        GenerationRequest r = everyField();

        GenerationRequest back = JournalRequest.fromJson(JournalRequest.toJson(r), images);

        assertThat(back).isEqualTo(r);
        assertThat(back.references()).extracting(Reference::mediaType, Reference::width, Reference::height)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("image/png", 8, 6),
                        org.assertj.core.groups.Tuple.tuple("image/png", 3, 5));
        assertThat(back.references().get(0).bytes()).isEqualTo(first.bytes());
        for (OutputFormat format : OutputFormat.values()) {
            GenerationRequest f = new GenerationRequest("x", 1, 6, 5, 64, 64, List.of(), format, false, 0);
            assertThat(JournalRequest.fromJson(JournalRequest.toJson(f), images)).isEqualTo(f);
        }
    }

    @Test
    void theSpellingIsPinned() {
        assertThat(JournalRequest.toJson(everyField())).isEqualTo("{\"prompt\":\"poster of image 1 beside image 2, "
                + "\\\"SALE\\\" \u6C14\u7403\",\"seed\":5000000123,\"steps\":37,\"guidance\":7.25,\"width\":1216,"
                + "\"height\":832,\"outputFormat\":\"webp\",\"promptUpsampling\":true,\"safetyTolerance\":5,"
                + "\"references\":[{\"sha256\":\"" + first.sha256() + "\",\"mediaType\":\"image/png\",\"width\":8,"
                + "\"height\":6},{\"sha256\":\"" + second.sha256() + "\",\"mediaType\":\"image/png\",\"width\":3,"
                + "\"height\":5}]}");
        assertThat(OutputFormat.values()).extracting(OutputFormat::wireName).containsExactly("png", "jpeg", "webp");
    }

    @Test
    void thePngChunkCarriesTheSameRequestJsonAsTheJournal() {
        GenerationRecord record = new GenerationRecord(7, java.time.Instant.parse("2026-12-02T10:00:00Z"),
                everyField().prompt(), 5_000_000_123L, 37, 7.25, 1216, 832, OutputFormat.WEBP, true, 5,
                List.of(new StoredReference(first.sha256(), "image/png", 8, 6),
                        new StoredReference(second.sha256(), "image/png", 3, 5)),
                "bfl", "flux-2-flex", RenderKind.FINAL, 3L, GenerationStatus.DONE, null, null,
                new StoredImage(ContentHash.sha256(new byte[] {1}), "image/webp", 1216, 832),
                new io.draftboard.generation.Cost(0.1, false), 5, 900, 1, "task-1", null, false, List.of());

        JsonNode chunk = GenerationMetadata.toJson(record, "0.1.0");
        JsonNode journal = Json.parseOrNull(JournalRequest.toJson(record.request(List.of(first, second))));

        journal.fieldNames().forEachRemaining(field -> assertThat(chunk.get(field)).as(field)
                .isEqualTo(journal.get(field)));
        List<PngText> texts = PngMetadata.read(PngWriter.encode(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB),
                GenerationMetadata.pngTexts(record, "0.1.0")));
        assertThat(GenerationMetadata.readRequest(texts)).contains(RequestJson.Fields.of(record));
    }

    @Test
    void journalRowsWrittenWithTheEnumNameAreStillRead() throws IOException {
        // What JournalRequest wrote before the codec: the enum constant, not the wire name.
        for (String old : List.of("PNG", "JPEG", "WEBP")) {
            String row = "{\"prompt\":\"a red balloon\",\"seed\":42,\"steps\":6,\"guidance\":5.0,\"width\":1024,"
                    + "\"height\":1024,\"outputFormat\":\"" + old + "\",\"promptUpsampling\":false,\"safetyTolerance\":2,"
                    + "\"references\":[{\"sha256\":\"" + first.sha256() + "\",\"mediaType\":\"image/png\",\"width\":8,"
                    + "\"height\":6}]}";
            GenerationRequest r = JournalRequest.fromJson(row, images);
            assertThat(r.outputFormat()).isEqualTo(OutputFormat.valueOf(old));
            assertThat(r).isEqualTo(new GenerationRequest("a red balloon", 42, 6, 5.0, 1024, 1024, List.of(first),
                    OutputFormat.valueOf(old), false, 2));
        }
    }

    @Test
    void pngChunksInEitherSpellingAreRead() {
        // A chunk as Draftboard 0.1 wrote it (wire name), and one carrying the journal's old enum spelling.
        String written = "{\"format\":1,\"app\":\"Draftboard 0.1.0\",\"id\":4,\"createdAt\":\"2026-11-24T09:00:00Z\","
                + "\"prompt\":\"cabin\",\"seed\":9,\"steps\":50,\"guidance\":4.5,\"width\":1024,\"height\":768,"
                + "\"outputFormat\":\"%s\",\"promptUpsampling\":false,\"safetyTolerance\":2,\"references\":[],"
                + "\"provider\":\"offline\",\"model\":\"draftboard-procedural-1\",\"kind\":\"final\"}";
        for (String[] spelling : new String[][] {{"jpeg", "JPEG"}, {"JPEG", "JPEG"}, {"jpg", "JPEG"}, {"WEBP", "WEBP"}}) {
            List<PngText> texts = List.of(new PngText(GenerationMetadata.DRAFTBOARD_KEY, written.formatted(spelling[0])));
            assertThat(GenerationMetadata.readRequest(texts)).get().satisfies(f -> {
                assertThat(f.outputFormat()).isEqualTo(OutputFormat.valueOf(spelling[1]));
                assertThat(f.prompt()).isEqualTo("cabin");
                assertThat(f.seed()).isEqualTo(9);
                assertThat(f.steps()).isEqualTo(50);
            });
        }
    }

    @Test
    void anUnknownFormatIsRefusedNotGuessed() {
        String row = "{\"prompt\":\"x\",\"seed\":1,\"steps\":6,\"guidance\":5.0,\"width\":64,\"height\":64,"
                + "\"outputFormat\":\"tiff\",\"references\":[]}";
        assertThatThrownBy(() -> JournalRequest.fromJson(row, images)).isInstanceOf(IOException.class)
                .hasMessageContaining("output format must be png, jpeg or webp");
        assertThat(GenerationMetadata.readRequest(List.of(new PngText(GenerationMetadata.DRAFTBOARD_KEY, row)))).isEmpty();
    }
}
