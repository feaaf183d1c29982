package io.draftboard.history;

import io.draftboard.generation.Cost;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.RenderKind;
import java.time.Instant;
import java.util.List;

/** Builds history rows for tests and the benchmark. */
public final class Records {
    private Records() {
    }

    public static GenerationRecord done(String prompt, String imageHash, RenderKind kind, Long parentId,
            String provider, boolean starred, List<StoredReference> refs) {
        return new GenerationRecord(0, Instant.parse("2026-11-24T09:00:00Z"), prompt, 5_000_000_123L, kind == RenderKind.DRAFT ? 6 : 50,
                4.5, 1024, 768, OutputFormat.PNG, false, 2, refs, provider, provider.equals("bfl") ? "flux-2-flex"
                : "draftboard-procedural-1", kind, parentId, GenerationStatus.DONE, null, null,
                new StoredImage(imageHash, "image/png", 1024, 768), new Cost(0.05, provider.equals("bfl")), 12, 345, 1,
                provider.equals("bfl") ? "task-1" : null, null, starred, List.of());
    }

    public static GenerationRecord done(String prompt, String imageHash) {
        return done(prompt, imageHash, RenderKind.DRAFT, null, "offline", false, List.of());
    }

    public static String hash(int n) {
        return String.format("%064x", n);
    }
}
