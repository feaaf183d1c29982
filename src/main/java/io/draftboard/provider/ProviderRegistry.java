package io.draftboard.provider;

import io.draftboard.generation.InvalidRequestException;
import io.draftboard.generation.Provider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The providers this installation can use, by id, in the order the UI lists them (the default first). */
public final class ProviderRegistry {
    private final Map<String, Provider> providers = new LinkedHashMap<>();

    public ProviderRegistry(List<Provider> available) {
        this(available, null);
    }

    /**
     * The providers, each wrapped in a {@link RedactingProvider} that scrubs {@code secrets} (every configured
     * key) from what it says, when {@code secrets} is not null.
     */
    public ProviderRegistry(List<Provider> available, Supplier<List<String>> secrets) {
        for (Provider p : available) {
            providers.put(p.info().id(), secrets == null ? p : new RedactingProvider(p, secrets));
        }
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("at least one provider is needed");
        }
    }

    public Provider get(String id) {
        Provider p = providers.get(id);
        if (p == null) {
            throw new InvalidRequestException("provider", "unknown provider \"" + id + "\"; available: "
                    + String.join(", ", providers.keySet()));
        }
        return p;
    }

    public Provider defaultProvider() {
        return providers.values().iterator().next();
    }

    public List<Provider> all() {
        return List.copyOf(providers.values());
    }
}
