package io.draftboard.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.generation.RenderKind;
import io.draftboard.imaging.Infotext;
import io.draftboard.imaging.PngText;
import io.draftboard.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a generation is described outside the database: the {@code draftboard} JSON (every field, for
 * lossless recall and for {@code --json}) and the AUTOMATIC1111 {@code parameters} line that other tools'
 * PNG-info readers show. Never carries a key: nothing secret is in a {@link GenerationRecord}.
 */
public final class GenerationMetadata {
    public static final String PARAMETERS_KEY = "parameters";
    public static final String DRAFTBOARD_KEY = "draftboard";
    public static final int FORMAT_VERSION = 1;

    private GenerationMetadata() {
    }

    /** The PNG text chunks for an image written from {@code record}. */
    public static List<PngText> pngTexts(GenerationRecord record, String appVersion) {
        return List.of(new PngText(PARAMETERS_KEY, infotext(record, appVersion)),
                new PngText(DRAFTBOARD_KEY, Json.write(toJson(record, appVersion))));
    }

    public static String infotext(GenerationRecord r, String appVersion) {
        LinkedHashMap<String, String> params = new LinkedHashMap<>();
        params.put("Steps", Integer.toString(r.steps()));
        params.put("Guidance", formatDouble(r.guidance()));
        params.put("Seed", Long.toString(r.seed()));
        params.put("Size", r.width() + "x" + r.height());
        params.put("Model", r.model());
        params.put("Provider", r.providerId());
        params.put("Prompt upsampling", Boolean.toString(r.promptUpsampling()));
        params.put("Safety tolerance", Integer.toString(r.safetyTolerance()));
        params.put("References", Integer.toString(r.references().size()));
        params.put("Kind", r.kind().name().toLowerCase(Locale.ROOT));
        if (r.parentId() != null) {
            params.put(r.kind() == RenderKind.FINAL ? "Final of" : "Draft of", Long.toString(r.parentId()));
        }
        params.put("Version", "Draftboard " + appVersion);
        return Infotext.format(r.prompt(), null, params);
    }

    public static ObjectNode toJson(GenerationRecord r, String appVersion) {
        ObjectNode o = Json.object();
        o.put("format", FORMAT_VERSION);
        o.put("app", "Draftboard " + appVersion);
        if (r.id() > 0) {
            o.put("id", r.id());
        }
        o.put("createdAt", r.createdAt().toString());
        o.put("prompt", r.prompt());
        o.put("seed", r.seed());
        o.put("steps", r.steps());
        o.put("guidance", r.guidance());
        o.put("width", r.width());
        o.put("height", r.height());
        o.put("outputFormat", r.outputFormat().wireName());
        o.put("promptUpsampling", r.promptUpsampling());
        o.put("safetyTolerance", r.safetyTolerance());
        ArrayNode refs = o.putArray("references");
        for (StoredReference ref : r.references()) {
            refs.addObject().put("sha256", ref.sha256()).put("mediaType", ref.mediaType())
                    .put("width", ref.width()).put("height", ref.height());
        }
        o.put("provider", r.providerId());
        o.put("model", r.model());
        o.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
        if (r.parentId() != null) {
            o.put("parentId", r.parentId());
        }
        o.put("status", r.status().name().toLowerCase(Locale.ROOT));
        if (r.errorKind() != null) {
            o.put("errorKind", r.errorKind().name());
            o.put("errorMessage", r.errorMessage());
        }
        if (r.image() != null) {
            o.putObject("image").put("sha256", r.image().sha256()).put("mediaType", r.image().mediaType())
                    .put("width", r.image().width()).put("height", r.image().height());
        }
        o.putObject("cost").put("usd", r.cost().usd()).put("estimated", r.cost().estimated());
        o.putObject("timings").put("queueMillis", r.queueMillis()).put("renderMillis", r.renderMillis())
                .put("attempts", r.attempts());
        if (r.remoteId() != null) {
            o.put("remoteId", r.remoteId());
        }
        if (r.revisedPrompt() != null) {
            o.put("revisedPrompt", r.revisedPrompt());
        }
        o.put("starred", r.starred());
        ArrayNode tags = o.putArray("tags");
        r.tags().forEach(tags::add);
        return o;
    }

    /**
     * Reads back what an image says about how it was made: Draftboard's own JSON when present, else the
     * {@code parameters} infotext any A1111-style tool writes.
     */
    public static Optional<RecalledParameters> read(List<PngText> texts) {
        for (PngText t : texts) {
            if (DRAFTBOARD_KEY.equals(t.keyword())) {
                JsonNode n = Json.parseOrNull(t.text());
                if (n != null && n.hasNonNull("prompt")) {
                    return Optional.of(new RecalledParameters("Draftboard", n.get("prompt").asText(),
                            n.hasNonNull("seed") ? n.get("seed").asLong() : null,
                            n.hasNonNull("steps") ? n.get("steps").asInt() : null,
                            n.hasNonNull("guidance") ? n.get("guidance").asDouble() : null,
                            n.hasNonNull("width") ? n.get("width").asInt() : null,
                            n.hasNonNull("height") ? n.get("height").asInt() : null));
                }
            }
        }
        for (PngText t : texts) {
            if (PARAMETERS_KEY.equals(t.keyword())) {
                Infotext.Parsed p = Infotext.parse(t.text());
                var params = p.params();
                Integer w = null;
                Integer h = null;
                String size = params.get("Size");
                if (size != null && size.matches("\\d+x\\d+")) {
                    w = Integer.parseInt(size.substring(0, size.indexOf('x')));
                    h = Integer.parseInt(size.substring(size.indexOf('x') + 1));
                }
                String guidance = params.getOrDefault("Guidance", params.get("CFG scale"));
                return Optional.of(new RecalledParameters("parameters", p.prompt(), parseLong(params.get("Seed")),
                        parseInt(params.get("Steps")), parseDouble(guidance), w, h));
            }
        }
        return Optional.empty();
    }

    private static String formatDouble(double d) {
        return d == Math.rint(d) ? String.format(Locale.ROOT, "%.1f", d) : Double.toString(d);
    }

    private static Long parseLong(String s) {
        try {
            return s == null ? null : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer parseInt(String s) {
        try {
            return s == null ? null : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double parseDouble(String s) {
        try {
            return s == null ? null : Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
