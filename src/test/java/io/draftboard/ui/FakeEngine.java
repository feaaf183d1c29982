package io.draftboard.ui;

import io.draftboard.generation.Cost;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobCancelledException;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.Provider;
import io.draftboard.generation.ProviderCapabilities;
import io.draftboard.generation.ProviderInfo;
import io.draftboard.imaging.PngWriter;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A provider for studio tests: records every request and can hold renders until released. Either it wraps a
 * real provider (the offline engine: the studio's flows run against it) or it renders a small flat image at
 * once (its colour from the seed) and charges per megapixel, for what the free engine cannot show (spend).
 */
public final class FakeEngine implements Provider {
    public final List<GenerationRequest> requests = new CopyOnWriteArrayList<>();
    private final String id;
    private final double usdPerMegapixel;
    private final int maxReferences;
    private final Provider delegate;
    private volatile CountDownLatch gate;

    public FakeEngine(String id, double usdPerMegapixel, int maxReferences) {
        this.id = id;
        this.usdPerMegapixel = usdPerMegapixel;
        this.maxReferences = maxReferences;
        this.delegate = null;
    }

    /** Records and holds, but renders with {@code real}. */
    public FakeEngine(Provider real) {
        this.id = real.info().id();
        this.usdPerMegapixel = 0;
        this.maxReferences = real.info().capabilities().maxReferences();
        this.delegate = real;
    }

    /** Renders started from now on wait until {@link #release()}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    @Override
    public ProviderInfo info() {
        if (delegate != null) {
            return delegate.info();
        }
        return new ProviderInfo(id, "Fake " + id, "fake-1",
                new ProviderCapabilities(maxReferences, true, true, 64, 4096, 1, 4));
    }

    @Override
    public GenerationResult generate(GenerationRequest request, JobContext context)
            throws io.draftboard.generation.ProviderException {
        requests.add(request);
        CountDownLatch g = gate;
        if (g != null) {
            try {
                while (!g.await(20, TimeUnit.MILLISECONDS)) {
                    if (context.isCancelled()) {
                        throw new JobCancelledException();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobCancelledException();
            }
        }
        if (delegate != null) {
            return delegate.generate(request, context);
        }
        context.progress(1.0);
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        var g2 = img.createGraphics();
        g2.setColor(new Color((int) (request.seed() * 2654435761L) & 0xFFFFFF));
        g2.fillRect(0, 0, 64, 64);
        g2.dispose();
        return new GenerationResult(PngWriter.encode(img, List.of()), "image/png", request.seed(), 64, 64, null, null,
                estimateCost(request));
    }

    @Override
    public Cost estimateCost(GenerationRequest request) {
        if (delegate != null) {
            return delegate.estimateCost(request);
        }
        return usdPerMegapixel == 0 ? Cost.FREE
                : new Cost(Math.ceil((double) request.width() * request.height() / (1 << 20)) * usdPerMegapixel, true);
    }
}
