package io.draftboard.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One OpenAI-compatible gateway the designer can render through, side by side with others: its provider id
 * (what {@code --provider} takes and what its key is stored under in {@code keys.json}), the name the studio
 * shows, the base URL (including the API version, as OpenAI's SDKs take it) and the gateway's model id.
 *
 * <p>The three presets are always there; the designer's own entries live in {@code settings.json}. A preset's
 * base URL and model are only defaults: {@code DRAFTBOARD_<ID>_BASE_URL} / {@code DRAFTBOARD_<ID>_MODEL} (or the
 * Base URLs tab) override them, as for every provider. The wire format itself stays in {@code provider.openai}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GatewayEntry(String id, String name, String baseUrl, String model) {
    /** Vercel AI Gateway, as providers.md lists it (its key variable is the one Vercel documents). */
    public static final GatewayEntry VERCEL = new GatewayEntry("vercel", "Vercel AI Gateway",
            "https://ai-gateway.vercel.sh/v1/", "bfl/flux-2-flex");
    /** AIgateway: heavy models may answer 202 with a job to poll. */
    public static final GatewayEntry AIGATEWAY = new GatewayEntry("aigateway", "AIgateway",
            "https://api.aigateway.sh/v1/", "black-forest-labs/flux-2-flex");
    /** Lumenfall: routes flex to fal or Replicate and reports what it charged. */
    public static final GatewayEntry LUMENFALL = new GatewayEntry("lumenfall", "Lumenfall",
            "https://api.lumenfall.ai/openai/v1/", "flux.2-flex");
    /**
     * The single gateway slot of earlier versions, kept so existing {@code keys.json} entries and
     * {@code DRAFTBOARD_OPENAI_*} variables keep working: any gateway, Lumenfall unless told otherwise.
     */
    public static final GatewayEntry CUSTOM_OPENAI = new GatewayEntry("openai", "OpenAI-compatible gateway",
            "https://api.lumenfall.ai/openai/v1/", "flux.2-flex");

    /** Built in, in the order they are listed. */
    public static final List<GatewayEntry> PRESETS = List.of(VERCEL, AIGATEWAY, LUMENFALL, CUSTOM_OPENAI);

    /** Ids a designer's own entry cannot take: every built-in provider's, and the key file's other names. */
    public static final Set<String> RESERVED_IDS = Set.of("offline", "bfl", "openai", "cloudflare", "replicate", "fal",
            "comfyui", "runflow", "vercel", "aigateway", "lumenfall", ProviderKeys.CLOUDFLARE_ACCOUNT);

    public GatewayEntry {
        id = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        name = name == null ? "" : name.strip();
        baseUrl = baseUrl == null ? "" : baseUrl.strip();
        model = model == null ? "" : model.strip();
    }

    /**
     * The id a name gives: lower case, letters and digits, other runs as one hyphen ("Acme Gateway EU" is
     * {@code acme-gateway-eu}); short, because it is typed after {@code --provider}.
     */
    public static String idFor(String name) {
        String slug = (name == null ? "" : name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return slug.length() > 24 ? slug.substring(0, 24).replaceAll("-+$", "") : slug;
    }

    /**
     * What is wrong with this as one of the designer's own entries, in a sentence, or null when nothing is: a
     * settings file written by hand may hold anything, and one bad entry must not cost the others.
     */
    public String problem() {
        if (!id.matches("[a-z0-9][a-z0-9-]{0,23}")) {
            return "gateway id \"" + id + "\" must be 1-24 lower-case letters, digits or hyphens";
        }
        if (RESERVED_IDS.contains(id)) {
            return "gateway id \"" + id + "\" is taken by a built-in provider";
        }
        if (name.isEmpty() || baseUrl.isEmpty() || model.isEmpty()) {
            return "gateway \"" + id + "\" needs a name, a base URL and a model id";
        }
        return null;
    }

    /** The environment variable that may hold this entry's key, for the designer's own entries. */
    public static String keyVariable(String id) {
        return "DRAFTBOARD_" + id.toUpperCase(Locale.ROOT).replace('-', '_') + "_API_KEY";
    }
}
