package io.draftboard.imaging;

import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;

/**
 * Starts {@link ImageCodec}'s decoders on a background thread, once per process. In a fresh JVM the first image
 * checked pays for ImageIO's start (its plugin scan of the class path, the readers' classes): a few hundred
 * milliseconds, which a CLI command would otherwise add after its remote render is ready. A job that waits on a
 * remote render has idle time to do it in. Its own class, so asking for it does not start ImageCodec on the
 * caller's thread.
 */
public final class DecoderWarmUp {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private DecoderWarmUp() {
    }

    /** Returns at once; a second call does nothing. */
    public static void inBackground() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            ImageCodec.sniff(new byte[0]); // the class's start: the plugin scan
            for (String type : new String[] {ImageCodec.PNG, ImageCodec.JPEG, ImageCodec.WEBP}) {
                ImageIO.getImageReadersByMIMEType(type).forEachRemaining(r -> r.dispose());
            }
        }, "image decoder warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }
}
