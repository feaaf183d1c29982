package io.draftboard.imaging;

import com.drew.lang.ByteArrayReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * The one decoding path for every image Draftboard reads: dropped references, provider outputs, history
 * thumbnails. Formats are recognised by their magic bytes, sizes are checked from the header before
 * decoding, EXIF orientation is applied, and every failure is an {@link ImageDecodeException} whose message
 * is a sentence for the user.
 */
public final class ImageCodec {
    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final String WEBP = "image/webp";

    static {
        ImageIO.setUseCache(false); // decode in memory: no temp files, no dependence on java.io.tmpdir
        ImageIO.scanForPlugins();   // picks up the TwelveMonkeys WebP reader from the class path
    }

    private ImageCodec() {
    }

    /** The media type by magic bytes, or null when the bytes are not PNG, JPEG or WebP. */
    public static String sniff(byte[] bytes) {
        if (PngMetadata.isPng(bytes)) {
            return PNG;
        }
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
            return JPEG;
        }
        if (bytes.length >= 12 && bytes[0] == 'R' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == 'F'
                && bytes[8] == 'W' && bytes[9] == 'E' && bytes[10] == 'B' && bytes[11] == 'P') {
            return WEBP;
        }
        return null;
    }

    /** Format and size from the header, without decoding pixels. */
    public static ImageInfo probe(byte[] bytes) throws ImageDecodeException {
        String mediaType = checkedType(bytes);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(in, mediaType);
            try {
                reader.setInput(in, true, true);
                return new ImageInfo(mediaType, reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodeException("the image data is corrupt or truncated", e);
        }
    }

    public static BufferedImage decode(byte[] bytes) throws ImageDecodeException {
        return decode(bytes, ImageLimits.DEFAULT);
    }

    /** Decodes PNG, JPEG or WebP bytes upright, as TYPE_INT_RGB (opaque) or TYPE_INT_ARGB. */
    public static BufferedImage decode(byte[] bytes, ImageLimits limits) throws ImageDecodeException {
        return decode(bytes, limits, Integer.MAX_VALUE);
    }

    /**
     * Decodes as {@link #decode(byte[])} does, for an image that will be scaled down to {@code maxSide}: the
     * reader keeps every n-th pixel of every n-th line, still at least twice {@code maxSide} a side, so a
     * thumbnail of a large image never holds the full-size pixels and {@link Resize} still averages the last
     * halving. Pixels are dropped, not averaged: for thumbnails, not for anything sent or saved.
     */
    public static BufferedImage decodeForSide(byte[] bytes, int maxSide) throws ImageDecodeException {
        return decode(bytes, ImageLimits.DEFAULT, maxSide);
    }

    private static BufferedImage decode(byte[] bytes, ImageLimits limits, int maxSide) throws ImageDecodeException {
        String mediaType = checkedType(bytes);
        BufferedImage raw;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(in, mediaType);
            AtomicReference<String> warning = new AtomicReference<>();
            reader.addIIOReadWarningListener(new IIOReadWarningListener() {
                @Override
                public void warningOccurred(javax.imageio.ImageReader source, String message) {
                    warning.compareAndSet(null, message);
                }
            });
            try {
                reader.setInput(in, true, true);
                checkSize(reader.getWidth(0), reader.getHeight(0), limits);
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.max(1, Math.max(reader.getWidth(0), reader.getHeight(0)) / (2L * maxSide));
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                raw = reader.read(0, param);
            } finally {
                reader.dispose();
            }
            String w = warning.get();
            if (w != null && w.toLowerCase(Locale.ROOT).matches(".*(premature|corrupt|truncat|missing).*")) {
                throw new ImageDecodeException("the image data is corrupt or truncated");
            }
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodeException("the image data is corrupt or truncated", e);
        } catch (OutOfMemoryError e) {
            throw new ImageDecodeException("the image is too large to decode in the memory available", null);
        }
        if (raw == null) {
            throw new ImageDecodeException("the image data is corrupt or truncated");
        }
        if (mediaType.equals(PNG) && !hasIend(bytes)) {
            throw new ImageDecodeException("the image data is corrupt or truncated");
        }
        return orient(normalise(raw), orientation(bytes));
    }

    /** Reads a file the user named; each way the file can be wrong gets its own sentence. */
    public static byte[] readFile(Path file, ImageLimits limits) throws ImageDecodeException {
        if (Files.isDirectory(file)) {
            throw new ImageDecodeException("is a folder, not an image file");
        }
        if (!Files.exists(file)) {
            throw new ImageDecodeException("no such file");
        }
        if (!Files.isReadable(file)) {
            throw new ImageDecodeException("the file is not readable (permission denied)");
        }
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new ImageDecodeException("the file is empty");
            }
            if (size > limits.maxFileBytes()) {
                throw new ImageDecodeException("the file is " + sizeText(size) + "; at most "
                        + sizeText(limits.maxFileBytes()) + " is accepted");
            }
            return Files.readAllBytes(file);
        } catch (ImageDecodeException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new ImageDecodeException("no such file");
        } catch (AccessDeniedException e) {
            throw new ImageDecodeException("the file is not readable (permission denied)");
        } catch (IOException e) {
            throw new ImageDecodeException("the file cannot be read: " + e.getMessage(), e);
        }
    }

    public static BufferedImage decode(Path file) throws ImageDecodeException {
        return decode(readFile(file, ImageLimits.DEFAULT));
    }

    /** A byte count as people read it: "2.0 KB", "64.0 MB". */
    public static String sizeText(long bytes) {
        if (bytes >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
        }
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }

    private static String checkedType(byte[] bytes) throws ImageDecodeException {
        if (bytes.length == 0) {
            throw new ImageDecodeException("the file is empty");
        }
        String type = sniff(bytes);
        if (type == null) {
            throw new ImageDecodeException("not a PNG, JPEG or WebP image");
        }
        return type;
    }

    private static ImageReader readerFor(ImageInputStream in, String mediaType) throws ImageDecodeException {
        if (in == null) {
            throw new ImageDecodeException("the image cannot be read");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(mediaType);
        if (!readers.hasNext()) {
            throw new ImageDecodeException("no decoder for " + mediaType + " is installed");
        }
        return readers.next();
    }

    private static void checkSize(int width, int height, ImageLimits limits) throws ImageDecodeException {
        if (width <= 0 || height <= 0) {
            throw new ImageDecodeException("the image has no pixels");
        }
        long pixels = (long) width * height;
        if (width > limits.maxSide() || height > limits.maxSide() || pixels > limits.maxPixels()) {
            throw new ImageDecodeException(String.format(Locale.ROOT,
                    "image is %d\u00d7%d pixels (%.0f MP); at most %d pixels a side and %d MP are accepted", width,
                    height, pixels / 1e6, limits.maxSide(), limits.maxPixels() / 1_000_000));
        }
    }

    /**
     * Whether the chunks, followed by their lengths from the signature, reach IEND. Whatever follows IEND (some
     * tools append junk, of any length) is ignored, as image viewers do.
     */
    private static boolean hasIend(byte[] png) {
        int pos = PngChunks.SIGNATURE.length;
        while (pos + 12 <= png.length) {
            long length = ((png[pos] & 0xffL) << 24) | ((png[pos + 1] & 0xff) << 16) | ((png[pos + 2] & 0xff) << 8)
                    | (png[pos + 3] & 0xff);
            if (png[pos + 4] == 'I' && png[pos + 5] == 'E' && png[pos + 6] == 'N' && png[pos + 7] == 'D') {
                return true;
            }
            if (length > png.length - pos - 12L) {
                return false;
            }
            pos += 12 + (int) length;
        }
        return false;
    }

    private static BufferedImage normalise(BufferedImage image) {
        boolean alpha = image.getColorModel().hasAlpha();
        int wanted = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        if (image.getType() == wanted) {
            return image;
        }
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), wanted);
        Graphics2D g = copy.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return copy;
    }

    /**
     * EXIF orientation 1-8, 1 when absent or unreadable. Only the EXIF block is read ({@link ExifBlock}: found by
     * walking the container, at most 1 MB, nothing inflated), never the file's other metadata: a zTXt chunk
     * that inflates to gigabytes is never touched.
     */
    static int orientation(byte[] bytes) {
        byte[] tiff = ExifBlock.find(bytes);
        if (tiff == null) {
            return 1;
        }
        try {
            Metadata metadata = new Metadata();
            new ExifReader().extract(new ByteArrayReader(tiff), metadata);
            ExifIFD0Directory dir = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (dir != null && dir.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                int o = dir.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                return o >= 1 && o <= 8 ? o : 1;
            }
        } catch (MetadataException | RuntimeException e) {
            // no usable EXIF: the image is shown as stored
        }
        return 1;
    }

    /** Applies EXIF orientation so the image is upright: output pixel (x, y) comes from the stored pixel below. */
    static BufferedImage orient(BufferedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        int[] src = image.getRGB(0, 0, w, h, null, 0, w);
        int[] dst = new int[ow * oh];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }          // mirrored
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }  // upside down
                    case 4 -> { sx = x; sy = h - 1 - y; }          // flipped
                    case 5 -> { sx = y; sy = x; }                  // transposed
                    case 6 -> { sx = y; sy = h - 1 - x; }          // stored 90° anticlockwise: turn clockwise
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }  // transversed
                    default -> { sx = w - 1 - y; sy = x; }         // 8: stored 90° clockwise: turn back
                }
                dst[y * ow + x] = src[sy * w + sx];
            }
        }
        BufferedImage out = new BufferedImage(ow, oh, image.getType());
        out.setRGB(0, 0, ow, oh, dst, 0, ow);
        return out;
    }
}
