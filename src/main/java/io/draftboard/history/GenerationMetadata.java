package io.draftboard.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.generation.InvalidRequestException;
import io.draftboard.generation.RenderKind;
import io.draftboard.imaging.Infotext;
import io.draftboard.imaging.PngMetadata;
import io.draftboard.imaging.PngText;
import io.draftboard.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a generation is described outside the database: the {@code draftboard} JSON (every field, for
 * lossless recall and for {@code --json}) and the AUTOMATIC1111 {@code parameters} line that other tools'
 * PNG-info readers show. Never carries a key: nothing secret is in a {@link GenerationRecord}. Reading goes
 * further than writing: {@link #read} also understands what other tools write, one small class per tool.
 */
public final class GenerationMetadata {
    public static final String PARAMETERS_KEY = "parameters";
    public static final String DRAFTBOARD_KEY = "draftboard";
    /** Fooocus's companion to {@code parameters}: "fooocus" (JSON) or "a1111" (infotext). */
    static final String FOOOCUS_SCHEME_KEY = "fooocus_scheme";
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
        RequestJson.write(o, RequestJson.Fields.of(r));
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
     * The whole request a Draftboard image was made from, read from its {@code draftboard} chunk through
     * {@link RequestJson} (lossless, unlike {@link #read}, which also serves other tools' conventions). Empty
     * when there is no such chunk or it is not readable.
     */
    public static Optional<RequestJson.Fields> readRequest(List<PngText> texts) {
        return chunk(texts, DRAFTBOARD_KEY).map(Json::parseOrNull).filter(JsonNode::isObject).flatMap(n -> {
            try {
                return Optional.of(RequestJson.read(n));
            } catch (InvalidRequestException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * Reads back what an image says about how it was made, from whichever convention it carries (peers.md §2),
     * trying the most faithful first: Draftboard's own JSON, then the {@code parameters} text that AUTOMATIC1111,
     * Forge, Krita and Fooocus write (Fooocus's JSON scheme included), then ComfyUI's graph, InvokeAI's metadata
     * and Draw Things' XMP. A convention that yields no prompt does not count, so a broken or empty chunk falls
     * through to the next one. Malformed content never throws.
     */
    public static Optional<RecalledParameters> read(List<PngText> texts) {
        List<Supplier<Optional<RecalledParameters>>> conventions = List.of(
                () -> chunk(texts, DRAFTBOARD_KEY).flatMap(GenerationMetadata::readOwnJson),
                () -> chunk(texts, PARAMETERS_KEY)
                        .flatMap(p -> readParameters(p, chunk(texts, FOOOCUS_SCHEME_KEY).orElse(null))),
                () -> chunk(texts, ComfyUiPrompt.KEY).flatMap(ComfyUiPrompt::read),
                () -> chunk(texts, InvokeAiMetadata.KEY).flatMap(InvokeAiMetadata::read),
                () -> chunk(texts, DrawThingsXmp.KEY).flatMap(DrawThingsXmp::read));
        for (Supplier<Optional<RecalledParameters>> convention : conventions) {
            Optional<RecalledParameters> recalled = convention.get()
                    .filter(r -> r.prompt() != null && !r.prompt().isBlank());
            if (recalled.isPresent()) {
                return recalled;
            }
        }
        return Optional.empty();
    }

    /** {@link #read(List)} on a PNG file's text chunks; anything that is not a PNG recalls nothing. */
    public static Optional<RecalledParameters> recall(byte[] imageBytes) {
        return PngMetadata.isPng(imageBytes) ? read(PngMetadata.read(imageBytes)) : Optional.empty();
    }

    private static Optional<String> chunk(List<PngText> texts, String keyword) {
        return texts.stream().filter(t -> t.keyword().equals(keyword)).map(PngText::text).findFirst();
    }

    private static Optional<RecalledParameters> readOwnJson(String json) {
        JsonNode n = Json.parseOrNull(json);
        if (n == null || !n.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new RecalledParameters("Draftboard", RecallValues.text(n.get("prompt")),
                RecallValues.toLong(n.get("seed")), RecallValues.toInt(n.get("steps")),
                RecallValues.toDouble(n.get("guidance")), RecallValues.toInt(n.get("width")),
                RecallValues.toInt(n.get("height"))));
    }

    /**
     * Fooocus decides between its two schemes by whether {@code parameters} parses as JSON; so do we. Without a
     * {@code fooocus} scheme, text that merely starts with "{" (a dynamic prompt such as "{red|blue} balloon")
     * is still read as infotext.
     */
    private static Optional<RecalledParameters> readParameters(String parameters, String fooocusScheme) {
        Optional<RecalledParameters> json = FooocusJson.read(parameters);
        if (json.isPresent() || "fooocus".equals(fooocusScheme)) {
            return json;
        }
        return InfotextRecall.read(parameters, fooocusScheme);
    }

    private static String formatDouble(double d) {
        return d == Math.rint(d) ? String.format(Locale.ROOT, "%.1f", d) : Double.toString(d);
    }
}
