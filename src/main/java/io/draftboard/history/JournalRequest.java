package io.draftboard.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.Reference;
import io.draftboard.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A request as the journal keeps it: every field, references by hash (their bytes live in the image store). */
public final class JournalRequest {
    private JournalRequest() {
    }

    public static String toJson(GenerationRequest r) {
        ObjectNode o = Json.object();
        o.put("prompt", r.prompt());
        o.put("seed", r.seed());
        o.put("steps", r.steps());
        o.put("guidance", r.guidance());
        o.put("width", r.width());
        o.put("height", r.height());
        o.put("outputFormat", r.outputFormat().name());
        o.put("promptUpsampling", r.promptUpsampling());
        o.put("safetyTolerance", r.safetyTolerance());
        ArrayNode refs = o.putArray("references");
        for (Reference ref : r.references()) {
            refs.addObject().put("sha256", ref.sha256()).put("mediaType", ref.mediaType()).put("width", ref.width())
                    .put("height", ref.height());
        }
        return Json.write(o);
    }

    /** The request a journal entry holds, with its reference images read back from the image store. */
    public static GenerationRequest restore(JournalEntry entry, ImageStore images) throws IOException {
        return fromJson(entry.request(), images);
    }

    static GenerationRequest fromJson(String json, ImageStore images) throws IOException {
        JsonNode o = Json.parseOrNull(json);
        if (o == null) {
            throw new IOException("journal entry is not readable JSON");
        }
        List<Reference> refs = new ArrayList<>();
        for (JsonNode ref : o.path("references")) {
            String hash = ref.path("sha256").asText();
            refs.add(new Reference(hash, ref.path("mediaType").asText(), ref.path("width").asInt(),
                    ref.path("height").asInt(), images.read(hash)));
        }
        return new GenerationRequest(o.path("prompt").asText(), o.path("seed").asLong(), o.path("steps").asInt(),
                o.path("guidance").asDouble(), o.path("width").asInt(), o.path("height").asInt(), refs,
                OutputFormat.valueOf(o.path("outputFormat").asText("PNG")), o.path("promptUpsampling").asBoolean(),
                o.path("safetyTolerance").asInt(2));
    }
}
