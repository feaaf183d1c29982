package io.draftboard.generation;

import java.util.LinkedHashMap;
import java.util.Map;

/** The last drafts rendered, by request, least recently used first out. Not thread-safe: its owner locks. */
final class RecentDrafts {
    private final Map<GenerationRequest, ShownDraft> drafts;

    RecentDrafts(int capacity) {
        drafts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<GenerationRequest, ShownDraft> eldest) {
                return size() > capacity;
            }
        };
    }

    void put(GenerationRequest request, ShownDraft draft) {
        drafts.put(request, draft);
    }

    ShownDraft get(GenerationRequest request) {
        return drafts.get(request);
    }

    void clear() {
        drafts.clear();
    }
}
