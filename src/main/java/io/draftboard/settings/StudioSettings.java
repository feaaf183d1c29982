package io.draftboard.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.draftboard.generation.Quality;
import java.util.List;
import java.util.Map;

/**
 * What the designer set in the studio, saved as {@code settings.json} in the data home. Unknown fields are
 * ignored and missing ones take their defaults, so older and newer versions read each other's files.
 *
 * @param baseUrls provider id to base URL; the {@code DRAFTBOARD_<PROVIDER>_BASE_URL} variable still wins
 * @param budgetUsd session budget for live drafts, 0 for none
 * @param paidDraftsInFlight on a paid provider that cannot cancel, how many live drafts may render at once (1-3;
 *                           every one sent is billed and kept, so more only buys a fresher picture sooner)
 * @param thumbnailSize how large the history browser draws its tiles
 * @param gateways the designer's own OpenAI-compatible gateways, besides the presets ({@link GatewayEntry#PRESETS});
 *                 their keys live in keys.json under each entry's id, never here
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StudioSettings(
        int draftSteps,
        int finalSteps,
        int debounceMillis,
        Theme theme,
        boolean liveDrafts,
        boolean capDraftsAtOneMegapixel,
        double budgetUsd,
        boolean keyHintDismissed,
        Map<String, String> baseUrls,
        int paidDraftsInFlight,
        ThumbnailSize thumbnailSize,
        List<GatewayEntry> gateways) {

    public enum Theme { SYSTEM, LIGHT, DARK }

    /** The history browser's tile sizes. */
    public enum ThumbnailSize { SMALL, MEDIUM, LARGE }

    public static final StudioSettings DEFAULTS = new StudioSettings(Quality.DEFAULT_DRAFT_STEPS,
            Quality.DEFAULT_FINAL_STEPS, 350, Theme.SYSTEM, true, true, 0, false, Map.of(), 1, ThumbnailSize.MEDIUM,
            List.of());

    /** Settings with one paid draft in flight and the history's tiles at their default size. */
    public StudioSettings(int draftSteps, int finalSteps, int debounceMillis, Theme theme, boolean liveDrafts,
            boolean capDraftsAtOneMegapixel, double budgetUsd, boolean keyHintDismissed, Map<String, String> baseUrls) {
        this(draftSteps, finalSteps, debounceMillis, theme, liveDrafts, capDraftsAtOneMegapixel, budgetUsd,
                keyHintDismissed, baseUrls, 1, ThumbnailSize.MEDIUM, List.of());
    }

    /** Settings without gateways of the designer's own (files written before there were any). */
    public StudioSettings(int draftSteps, int finalSteps, int debounceMillis, Theme theme, boolean liveDrafts,
            boolean capDraftsAtOneMegapixel, double budgetUsd, boolean keyHintDismissed, Map<String, String> baseUrls,
            int paidDraftsInFlight, ThumbnailSize thumbnailSize) {
        this(draftSteps, finalSteps, debounceMillis, theme, liveDrafts, capDraftsAtOneMegapixel, budgetUsd,
                keyHintDismissed, baseUrls, paidDraftsInFlight, thumbnailSize, List.of());
    }

    @JsonCreator
    public StudioSettings {
        // A file written by hand may leave anything out; fall back field by field rather than reject it.
        draftSteps = draftSteps <= 0 ? Quality.DEFAULT_DRAFT_STEPS : Math.min(draftSteps, 49);
        finalSteps = finalSteps <= draftSteps ? Math.max(Quality.DEFAULT_FINAL_STEPS, draftSteps + 1)
                : Math.min(finalSteps, 50);
        debounceMillis = debounceMillis <= 0 ? 350 : Math.min(debounceMillis, 5000);
        theme = theme == null ? Theme.SYSTEM : theme;
        budgetUsd = budgetUsd > 0 && Double.isFinite(budgetUsd) ? budgetUsd : 0;
        baseUrls = baseUrls == null ? Map.of() : Map.copyOf(baseUrls);
        paidDraftsInFlight = Math.max(1, Math.min(3, paidDraftsInFlight)); // missing from older files: 1
        thumbnailSize = thumbnailSize == null ? ThumbnailSize.MEDIUM : thumbnailSize;
        gateways = gateways == null ? List.of() : gateways.stream().filter(java.util.Objects::nonNull).toList();
    }

    public Quality quality() {
        return new Quality(draftSteps, finalSteps);
    }

    public StudioSettings withKeyHintDismissed() {
        return new StudioSettings(draftSteps, finalSteps, debounceMillis, theme, liveDrafts, capDraftsAtOneMegapixel,
                budgetUsd, true, baseUrls, paidDraftsInFlight, thumbnailSize, gateways);
    }

    public StudioSettings withThumbnailSize(ThumbnailSize size) {
        return new StudioSettings(draftSteps, finalSteps, debounceMillis, theme, liveDrafts, capDraftsAtOneMegapixel,
                budgetUsd, keyHintDismissed, baseUrls, paidDraftsInFlight, size, gateways);
    }

    public StudioSettings withGateways(List<GatewayEntry> entries) {
        return new StudioSettings(draftSteps, finalSteps, debounceMillis, theme, liveDrafts, capDraftsAtOneMegapixel,
                budgetUsd, keyHintDismissed, baseUrls, paidDraftsInFlight, thumbnailSize, entries);
    }
}
