package io.draftboard.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class PngMetadataTest {
    private static final String EMOJI_CJK = "\u6C14\u7403 \uD83C\uDF88 \"SALE\"";

    private static String chunkTypes(byte[] png) {
        StringBuilder types = new StringBuilder();
        int pos = 8;
        while (pos + 8 <= png.length) {
            int len = ((png[pos] & 0xff) << 24) | ((png[pos + 1] & 0xff) << 16) | ((png[pos + 2] & 0xff) << 8) | (png[pos + 3] & 0xff);
            types.append(new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1)).append(' ');
            pos += 12 + len;
        }
        return types.toString().trim();
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater();
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void latinTextIsWrittenAsTextAndUnicodeAsUtf8InternationalText() {
        byte[] png = PngWriter.encode(TestImages.twoTone(4, 4),
                List.of(new PngText("parameters", "a red balloon, Steps: 6"), new PngText("draftboard", EMOJI_CJK)));

        assertThat(chunkTypes(png)).isEqualTo("IHDR tEXt iTXt IDAT IEND");
        assertThat(PngMetadata.read(png)).containsExactly(new PngText("parameters", "a red balloon, Steps: 6"),
                new PngText("draftboard", EMOJI_CJK));
    }

    @Test
    void compressedTextFromOtherToolsIsRead() throws Exception {
        byte[] ztxt = concat("prompt\0".getBytes(StandardCharsets.ISO_8859_1), new byte[] {0},
                deflate("{\"3\":{\"class_type\":\"KSampler\"}}".getBytes(StandardCharsets.ISO_8859_1)));
        byte[] itxt = concat("parameters\0".getBytes(StandardCharsets.ISO_8859_1), new byte[] {1, 0},
                "en\0".getBytes(StandardCharsets.ISO_8859_1), "\0".getBytes(StandardCharsets.ISO_8859_1),
                deflate(EMOJI_CJK.getBytes(StandardCharsets.UTF_8)));
        byte[] png = TestImages.pngWithChunks(List.of(new Object[] {"zTXt", ztxt}, new Object[] {"iTXt", itxt}));

        assertThat(PngMetadata.read(png)).containsExactly(
                new PngText("prompt", "{\"3\":{\"class_type\":\"KSampler\"}}"), new PngText("parameters", EMOJI_CJK));
    }

    @Test
    void aChunkWithABadCrcIsSkippedAndTheRestStillRead() throws Exception {
        byte[] png = PngWriter.encode(TestImages.twoTone(4, 4),
                List.of(new PngText("a", "first"), new PngText("b", "second")));
        int second = new String(png, StandardCharsets.ISO_8859_1).indexOf("second");
        png[second] = 'S'; // payload changed, CRC not
        assertThat(PngMetadata.read(png)).containsExactly(new PngText("a", "first"));
    }

    @Test
    void aZipBombInATextChunkIsRefusedQuietly() throws Exception {
        byte[] huge = new byte[PngMetadata.MAX_INFLATED_TEXT + 1024];
        Arrays.fill(huge, (byte) 'a');
        byte[] ztxt = concat("bomb\0".getBytes(StandardCharsets.ISO_8859_1), new byte[] {0}, deflate(huge));
        byte[] png = TestImages.pngWithChunks(List.<Object[]>of(new Object[] {"zTXt", ztxt}));
        assertThat(ztxt.length).isLessThan(20_000);
        assertThat(PngMetadata.read(png)).isEmpty();
    }

    @Test
    void withTextReplacesTheSameKeywordAndKeepsPixelsByteForByte() throws Exception {
        byte[] png = PngWriter.encode(TestImages.twoTone(8, 8),
                List.of(new PngText("parameters", "old"), new PngText("Software", "x")));

        byte[] edited = PngMetadata.withText(png, List.of(new PngText("parameters", "new")));

        assertThat(PngMetadata.read(edited)).containsExactly(new PngText("parameters", "new"), new PngText("Software", "x"));
        assertThat(ImageCodec.decode(edited).getRGB(7, 7)).isEqualTo(ImageCodec.decode(png).getRGB(7, 7));
    }

    @Test
    void withoutTextStripsEveryTextChunk() throws Exception {
        byte[] png = PngWriter.encode(TestImages.twoTone(8, 8),
                List.of(new PngText("parameters", "secret prompt"), new PngText("draftboard", EMOJI_CJK)));
        byte[] stripped = PngMetadata.withoutText(png);
        assertThat(PngMetadata.read(stripped)).isEmpty();
        assertThat(chunkTypes(stripped)).isEqualTo("IHDR IDAT IEND");
        assertThat(new String(stripped, StandardCharsets.ISO_8859_1)).doesNotContain("secret");
    }

    @Test
    void editingATruncatedPngIsRefused() {
        byte[] png = TestImages.png(16, 16);
        assertThatThrownBy(() -> PngMetadata.withText(Arrays.copyOf(png, png.length - 20), List.of()))
                .hasMessage("the PNG is corrupt or truncated");
        assertThat(PngMetadata.read("not png".getBytes())).isEmpty();
    }
}
