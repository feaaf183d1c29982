package io.draftboard.history;

import java.util.List;

/** What deleting a generation freed: image hashes no remaining row uses, whose files can go. */
public record Deletion(long id, List<String> unusedImages) {
    public Deletion {
        unusedImages = List.copyOf(unusedImages);
    }
}
