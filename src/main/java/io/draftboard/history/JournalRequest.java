package io.draftboard.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.InvalidRequestException;
import io.draftboard.generation.Reference;
import io.draftboard.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A request as the journal keeps it: {@link RequestJson}, every field, references by hash (their bytes live in
 * the image store).
 */
public final class JournalRequest {
    private JournalRequest() {
    }

    public static String toJson(GenerationRequest r) {
        return RequestJson.toJson(RequestJson.Fields.of(r));
    }

    /** The request a journal entry holds, with its reference images read back from the image store. */
    public static GenerationRequest restore(JournalEntry entry, ImageStore images) throws IOException {
        return fromJson(entry.request(), images);
    }

    static GenerationRequest fromJson(String json, ImageStore images) throws IOException {
        JsonNode o = Json.parseOrNull(json);
        if (o == null || !o.isObject()) {
            throw new IOException("journal entry is not readable JSON");
        }
        RequestJson.Fields fields;
        try {
            fields = RequestJson.read(o);
        } catch (InvalidRequestException e) {
            throw new IOException("journal entry: " + e.getMessage(), e);
        }
        List<Reference> refs = new ArrayList<>();
        for (StoredReference ref : fields.references()) {
            refs.add(new Reference(ref.sha256(), ref.mediaType(), ref.width(), ref.height(), images.read(ref.sha256())));
        }
        return fields.toRequest(refs);
    }
}
