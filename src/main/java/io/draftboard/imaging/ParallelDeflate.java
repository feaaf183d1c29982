package io.draftboard.imaging;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.Adler32;
import java.util.zip.Deflater;

/**
 * A zlib stream compressed in independent slices on every core, as pigz does: each slice is raw deflate
 * primed with the 32 KiB before it (the window a decoder holds anyway), ended with a sync flush so the
 * slices join byte-aligned, the last one finished; one header and one Adler-32 around them. Any inflater
 * reads it as a single stream. The slice count depends on the input size only, never on the machine, so
 * the same bytes always compress to the same output.
 */
final class ParallelDeflate {
    private static final int WINDOW = 32 * 1024;
    /** Below this one slice is as fast: thumbnails and small images skip the bookkeeping. */
    private static final int MIN_SLICE = 512 * 1024;
    private static final int MAX_SLICES = 8;

    private ParallelDeflate() {
    }

    static byte[] zlib(byte[] data, int level) {
        int slices = Math.max(1, Math.min(MAX_SLICES, data.length / MIN_SLICE));
        List<byte[]> parts = IntStream.range(0, slices).parallel()
                .mapToObj(i -> slice(data, (int) ((long) data.length * i / slices),
                        (int) ((long) data.length * (i + 1) / slices), level, i == slices - 1))
                .toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream(parts.stream().mapToInt(p -> p.length).sum() + 6);
        out.write(0x78);
        out.write(0x9C); // deflate, 32 KiB window, no preset dictionary; (0x78 << 8 | 0x9C) % 31 == 0
        parts.forEach(out::writeBytes);
        Adler32 adler = new Adler32();
        adler.update(data);
        long sum = adler.getValue();
        out.write((int) (sum >>> 24));
        out.write((int) (sum >>> 16));
        out.write((int) (sum >>> 8));
        out.write((int) sum);
        return out.toByteArray();
    }

    private static byte[] slice(byte[] data, int from, int to, int level, boolean last) {
        Deflater deflater = new Deflater(level, true);
        try {
            if (from > 0) {
                int start = Math.max(0, from - WINDOW);
                deflater.setDictionary(data, start, from - start);
            }
            deflater.setInput(data, from, to - from);
            ByteArrayOutputStream out = new ByteArrayOutputStream((to - from) / 2 + 64);
            byte[] buffer = new byte[64 * 1024];
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
            } else {
                int n;
                do {
                    n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                    out.write(buffer, 0, n);
                } while (n == buffer.length || !deflater.needsInput());
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }
}
