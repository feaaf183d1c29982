package io.draftboard.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.draftboard.generation.Cost;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.Provider;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.ProviderInfo;
import io.draftboard.provider.offline.OfflineProvider;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactingProviderTest {
    private static final String KEY = "sk-redact-0123456789";

    @Test
    void aFailureKeepsItsKindAndWaitButNotTheKey() {
        Provider echoing = provider(() -> {
            throw new ProviderException(FailureKind.RATE_LIMITED, "slow down, " + KEY, Duration.ofSeconds(7), null);
        });
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> new RedactingProvider(echoing, () -> List.of(KEY)).generate(request(), JobContext.none()));
        assertThat(e.getMessage()).isEqualTo("slow down, ****");
        assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void theResultsTextAndTheImagesOwnBytesLoseTheKey() throws Exception {
        byte[] image = ("\u0089PNG fake " + KEY + " bytes").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Provider echoing = provider(() -> new GenerationResult(image, "image/png", 1, 64, 64, "task-" + KEY,
                "revised " + KEY, null));
        GenerationResult r = new RedactingProvider(echoing, () -> List.of(KEY)).generate(request(), JobContext.none());
        assertThat(r.remoteId()).isEqualTo("task-****");
        assertThat(r.revisedPrompt()).isEqualTo("revised ****");
        assertThat(new String(r.image(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(KEY)
                .contains("*".repeat(KEY.length()));
        assertThat(r.image()).hasSameSizeAs(image);
    }

    /**
     * A method added to Provider must be forwarded too: a default left in place would answer for every
     * provider (e.g. "every failure is billed", "no setup check") whatever the provider itself says.
     */
    @Test
    void theProviderWrapperForwardsEveryMethod() throws Exception {
        for (Method m : io.draftboard.generation.Provider.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Method own = RedactingProvider.class.getMethod(m.getName(), m.getParameterTypes());
            assertThat(own.getDeclaringClass()).as(m.getName()).isEqualTo(RedactingProvider.class);
        }
    }

    /** A method added to JobContext must be forwarded, or a provider's report would silently vanish. */
    @Test
    void theJobContextWrapperForwardsEveryMethod() throws Exception {
        for (Method m : JobContext.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Method own = RedactingProvider.Context.class.getMethod(m.getName(), m.getParameterTypes());
            assertThat(own.getDeclaringClass()).as(m.getName()).isEqualTo(RedactingProvider.Context.class);
        }
    }

    private interface Body {
        GenerationResult run() throws ProviderException;
    }

    private static Provider provider(Body body) {
        OfflineProvider offline = new OfflineProvider();
        return new Provider() {
            @Override
            public ProviderInfo info() {
                return offline.info();
            }

            @Override
            public GenerationResult generate(GenerationRequest request, JobContext context) throws ProviderException {
                return body.run();
            }

            @Override
            public Cost estimateCost(GenerationRequest request) {
                return Cost.FREE;
            }
        };
    }

    private static GenerationRequest request() {
        return GenerationRequest.of("x", 1, 2, 64, 64);
    }
}
