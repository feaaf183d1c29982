package io.draftboard.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.InvalidRequestException;
import io.draftboard.generation.ModelLimits;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.Reference;
import io.draftboard.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The one JSON form of a generation request: the job journal stores it ({@link JournalRequest}) and the
 * {@code draftboard} PNG chunk and the CLI's {@code --json} embed it ({@link GenerationMetadata}). Names and
 * spellings are fixed here and nowhere else: camelCase fields in request order, references by hash, and
 * {@code outputFormat} as the lower-case wire name ({@code png}, {@code jpeg}, {@code webp}).
 *
 * <p>Reading is lenient about the output format: journal rows written before this class existed spelled it
 * as the enum constant ({@code PNG}), and either spelling reads back the same.
 */
public final class RequestJson {
    private RequestJson() {
    }

    /** A request as history keeps it: every field, references by hash (their bytes live in the image store). */
    public record Fields(String prompt, long seed, int steps, double guidance, int width, int height,
            OutputFormat outputFormat, boolean promptUpsampling, int safetyTolerance,
            List<StoredReference> references) {

        public Fields {
            references = List.copyOf(references);
        }

        public static Fields of(GenerationRequest r) {
            List<StoredReference> refs = new ArrayList<>();
            for (Reference ref : r.references()) {
                refs.add(new StoredReference(ref.sha256(), ref.mediaType(), ref.width(), ref.height()));
            }
            return new Fields(r.prompt(), r.seed(), r.steps(), r.guidance(), r.width(), r.height(), r.outputFormat(),
                    r.promptUpsampling(), r.safetyTolerance(), refs);
        }

        public static Fields of(GenerationRecord r) {
            return new Fields(r.prompt(), r.seed(), r.steps(), r.guidance(), r.width(), r.height(), r.outputFormat(),
                    r.promptUpsampling(), r.safetyTolerance(), r.references());
        }

        /** The request itself, given the reference images in the same order (validated as every request is). */
        public GenerationRequest toRequest(List<Reference> images) {
            return new GenerationRequest(prompt, seed, steps, guidance, width, height, images, outputFormat,
                    promptUpsampling, safetyTolerance);
        }
    }

    /** Writes the request's fields into {@code o}, after whatever it already holds. */
    public static ObjectNode write(ObjectNode o, Fields f) {
        o.put("prompt", f.prompt());
        o.put("seed", f.seed());
        o.put("steps", f.steps());
        o.put("guidance", f.guidance());
        o.put("width", f.width());
        o.put("height", f.height());
        o.put("outputFormat", f.outputFormat().wireName());
        o.put("promptUpsampling", f.promptUpsampling());
        o.put("safetyTolerance", f.safetyTolerance());
        ArrayNode refs = o.putArray("references");
        for (StoredReference ref : f.references()) {
            refs.addObject().put("sha256", ref.sha256()).put("mediaType", ref.mediaType()).put("width", ref.width())
                    .put("height", ref.height());
        }
        return o;
    }

    public static String toJson(Fields f) {
        return Json.write(write(Json.object(), f));
    }

    /**
     * The request fields of {@code o} (a journal entry or a {@code draftboard} chunk). A missing output format
     * is PNG, a missing tolerance the default; an output format that is neither spelling is refused.
     *
     * @throws InvalidRequestException when the output format is unknown
     */
    public static Fields read(JsonNode o) {
        List<StoredReference> refs = new ArrayList<>();
        for (JsonNode ref : o.path("references")) {
            refs.add(new StoredReference(ref.path("sha256").asText(), ref.path("mediaType").asText(),
                    ref.path("width").asInt(), ref.path("height").asInt()));
        }
        return new Fields(o.path("prompt").asText(), o.path("seed").asLong(), o.path("steps").asInt(),
                o.path("guidance").asDouble(), o.path("width").asInt(), o.path("height").asInt(),
                OutputFormat.parse(o.path("outputFormat").asText(OutputFormat.PNG.wireName())),
                o.path("promptUpsampling").asBoolean(),
                o.path("safetyTolerance").asInt(ModelLimits.DEFAULT_SAFETY_TOLERANCE), refs);
    }
}
