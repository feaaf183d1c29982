package io.draftboard.imaging;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads and edits PNG text chunks without touching pixels: tEXt (Latin-1), zTXt (deflated Latin-1) and
 * iTXt (UTF-8, deflated or not), the three forms other tools write (peers.md §2).
 */
public final class PngMetadata {
    /**
     * Inflated text beyond this, per file (all its zTXt and iTXt chunks together), is not read: a small zTXt can
     * otherwise expand into gigabytes. The limit is set on each inflation before it starts.
     */
    static final int MAX_INFLATED_TEXT = 8 * 1024 * 1024;
    private static final Set<String> TEXT_CHUNKS = Set.of("tEXt", "zTXt", "iTXt");
    private static final Set<String> STRIPPED_CHUNKS = Set.of("tEXt", "zTXt", "iTXt", "eXIf", "tIME");

    private PngMetadata() {
    }

    private record Chunk(String type, int offset, int length, boolean crcOk) {
        int end() {
            return offset + 12 + length;
        }
    }

    public static boolean isPng(byte[] bytes) {
        if (bytes.length < PngChunks.SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < PngChunks.SIGNATURE.length; i++) {
            if (bytes[i] != PngChunks.SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /** Every readable text entry in file order; corrupt chunks are skipped, a broken file ends the list. */
    public static List<PngText> read(byte[] png) {
        List<PngText> texts = new ArrayList<>();
        if (!isPng(png)) {
            return texts;
        }
        int[] budget = {MAX_INFLATED_TEXT};
        for (Chunk c : chunks(png)) {
            if (!c.crcOk() || !TEXT_CHUNKS.contains(c.type())) {
                continue;
            }
            PngText t = decodeText(c.type(), png, c.offset() + 8, c.length(), budget);
            if (t != null) {
                texts.add(t);
            }
        }
        return texts;
    }

    /**
     * The same PNG with {@code texts} placed right after IHDR, replacing any text chunk with the same
     * keyword. Pixels are copied byte for byte.
     */
    public static byte[] withText(byte[] png, List<PngText> texts) throws ImageDecodeException {
        Set<String> keywords = new HashSet<>();
        texts.forEach(t -> keywords.add(t.keyword()));
        return rewrite(png, c -> {
            if (!TEXT_CHUNKS.contains(c.type())) {
                return false;
            }
            String keyword = keyword(png, c.offset() + 8, c.length());
            return keyword != null && keywords.contains(keyword);
        }, texts);
    }

    /** The same PNG without any text, EXIF or timestamp chunk: for handing an image to a client. */
    public static byte[] withoutText(byte[] png) throws ImageDecodeException {
        return rewrite(png, c -> STRIPPED_CHUNKS.contains(c.type()), List.of());
    }

    private interface Drop {
        boolean test(Chunk c);
    }

    private static byte[] rewrite(byte[] png, Drop drop, List<PngText> insert) throws ImageDecodeException {
        if (!isPng(png)) {
            throw new ImageDecodeException("not a PNG image");
        }
        List<Chunk> chunks = chunks(png);
        if (chunks.isEmpty() || !chunks.get(0).type().equals("IHDR")
                || !chunks.get(chunks.size() - 1).type().equals("IEND")) {
            throw new ImageDecodeException("the PNG is corrupt or truncated");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(png.length + 4096);
        try {
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(PngChunks.SIGNATURE);
            for (Chunk c : chunks) {
                if (drop.test(c)) {
                    continue;
                }
                out.write(png, c.offset(), c.end() - c.offset());
                if (c.type().equals("IHDR")) {
                    for (PngText t : insert) {
                        PngChunks.writeText(out, t);
                    }
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory stream
        }
        return bytes.toByteArray();
    }

    /** The chunks of a PNG up to IEND, or up to the first chunk that runs past the end of the data. */
    private static List<Chunk> chunks(byte[] png) {
        List<Chunk> chunks = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(png);
        int pos = PngChunks.SIGNATURE.length;
        while (pos + 12 <= png.length) {
            long length = buf.getInt(pos) & 0xffffffffL;
            if (length > png.length - pos - 12L) {
                break;
            }
            int len = (int) length;
            String type = new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1);
            long expected = buf.getInt(pos + 8 + len) & 0xffffffffL;
            long actual = PngChunks.crc(type.getBytes(StandardCharsets.ISO_8859_1), png, pos + 8, len);
            chunks.add(new Chunk(type, pos, len, expected == actual));
            pos += 12 + len;
            if (type.equals("IEND")) {
                break;
            }
        }
        return chunks;
    }

    /** A text chunk's keyword, read without inflating anything; null when malformed. */
    private static String keyword(byte[] png, int start, int length) {
        int nul = indexOf(png, start, start + length, (byte) 0);
        return nul <= start || nul - start > 79 ? null : new String(png, start, nul - start, StandardCharsets.ISO_8859_1);
    }

    /** {@code budget[0]}: inflated bytes this file may still produce; spent by each compressed chunk read. */
    private static PngText decodeText(String type, byte[] png, int start, int length, int[] budget) {
        int end = start + length;
        String keyword = keyword(png, start, length);
        if (keyword == null) {
            return null;
        }
        int nul = start + keyword.length();
        try {
            switch (type) {
                case "tEXt":
                    return new PngText(keyword, new String(png, nul + 1, end - nul - 1, StandardCharsets.ISO_8859_1));
                case "zTXt": {
                    if (nul + 2 > end || png[nul + 1] != 0) {
                        return null;
                    }
                    return new PngText(keyword, new String(inflate(png, nul + 2, end - nul - 2, budget), StandardCharsets.ISO_8859_1));
                }
                case "iTXt": {
                    if (nul + 3 > end) {
                        return null;
                    }
                    boolean compressed = png[nul + 1] == 1;
                    int language = indexOf(png, nul + 3, end, (byte) 0);
                    if (language < 0) {
                        return null;
                    }
                    int translated = indexOf(png, language + 1, end, (byte) 0);
                    if (translated < 0) {
                        return null;
                    }
                    int textStart = translated + 1;
                    byte[] text = compressed ? inflate(png, textStart, end - textStart, budget)
                            : java.util.Arrays.copyOfRange(png, textStart, end);
                    return new PngText(keyword, new String(text, StandardCharsets.UTF_8));
                }
                default:
                    return null;
            }
        } catch (DataFormatException | IllegalArgumentException e) {
            return null; // a damaged text chunk: skip it, keep reading the others
        }
    }

    private static byte[] inflate(byte[] data, int offset, int length, int[] budget) throws DataFormatException {
        int limit = budget[0];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data, offset, length);
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit, Math.max(64L, length * 4L)));
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated deflate stream");
                }
                if (out.size() + n > limit) {
                    budget[0] = 0; // the file is hostile: read no more compressed text from it
                    throw new DataFormatException("text chunks inflate beyond " + MAX_INFLATED_TEXT + " bytes");
                }
                out.write(buffer, 0, n);
            }
            budget[0] = limit - out.size();
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    private static int indexOf(byte[] data, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
