package io.draftboard.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Where the designer left off, saved as {@code workspace.json} in the data home beside (not inside)
 * {@code settings.json}: settings are choices made on purpose in a dialog, the workspace is the state of the
 * window, rewritten every few seconds. Unknown fields are ignored and missing ones are null, which means "the
 * studio's default", so any version reads any other's file. It never holds a key.
 *
 * @param dividers the split pane's divider positions, left to right (0..1)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Workspace(Editor editor, WindowPlace window, List<Double> dividers, HistoryFilters history) {

    public static final Workspace DEFAULTS = new Workspace(null, null, null, null);

    @JsonCreator
    public Workspace {
        dividers = dividers == null ? List.of() : dividers.stream()
                .filter(d -> d != null && Double.isFinite(d) && d >= 0 && d <= 1).toList();
    }

    /**
     * The editor's fields. Boxed: a field left out of the file is null and keeps the studio's default.
     *
     * @param references the prepared reference images, as the files they were stored in
     * @param outputFormat the wire name ({@code png}, {@code jpeg}, {@code webp})
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Editor(String prompt, List<ReferenceFile> references, Integer width, Integer height, Long seed,
            Boolean seedLocked, Double guidance, Integer finalSteps, String providerId, String outputFormat,
            Boolean promptUpsampling, Boolean liveDrafts) {

        @JsonCreator
        public Editor {
            references = references == null ? List.of() : references.stream().filter(r -> r != null
                    && r.path() != null).toList();
        }
    }

    /**
     * One prepared reference image, stored as a file by {@link WorkspaceStore#keepReference}.
     *
     * @param path relative to the data home when it is inside it, otherwise absolute
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReferenceFile(String path, String sha256, String mediaType, int width, int height) {
    }

    /**
     * The window's place and size while not maximised (so leaving maximised goes back to it), and whether it was.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WindowPlace(Double x, Double y, Double width, Double height, Boolean maximized) {
    }

    /**
     * The history browser's filters.
     *
     * @param kind {@code DRAFT}, {@code FINAL}, or null for both
     * @param supersededOnly only paid drafts that landed after a newer one (tagged {@code superseded}); a new
     *                       field, so an older file leaves it null (off)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HistoryFilters(String search, String providerId, Boolean starredOnly, Boolean keepersOnly,
            String kind, Boolean supersededOnly) {
    }
}
