package io.draftboard.provider;

import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.Provider;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.Reference;
import io.draftboard.imaging.ContentHash;
import io.draftboard.imaging.PngWriter;
import java.awt.image.BufferedImage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import okio.Buffer;

/** Shared shapes for provider wire tests. */
public final class WireFixtures {
    public static final byte[] PNG = PngWriter.encode(new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB), List.of());
    public static final Reference REF = new Reference(ContentHash.sha256(PNG), "image/png", 48, 32, PNG);

    private WireFixtures() {
    }

    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    public static MockResponse image() {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "image/png").body(new Buffer().write(PNG)).build();
    }

    public static GenerationRequest request() {
        return GenerationRequest.of("a teal poster, \"OPEN\"", 77, 6, 512, 512);
    }

    /** Polls without waiting: wire tests are about shapes, not time. */
    public static PollLoop instantLoop() {
        return new PollLoop(new PollSchedule(), (d, c) -> c.checkCancelled(), Clock.systemUTC(), Duration.ofSeconds(10));
    }

    public static ProviderException failure(Provider p, GenerationRequest r) {
        try {
            p.generate(r, JobContext.none());
        } catch (ProviderException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }
}
