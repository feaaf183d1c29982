package io.draftboard.ui;

import io.draftboard.generation.Provider;
import io.draftboard.generation.RenderKind;
import io.draftboard.settings.Workspace;
import io.draftboard.ui.history.HistoryBrowserModel;
import java.util.List;

/**
 * Puts remembered history filters back. Every filter control is bound both ways to the model, so setting the
 * model is enough (and works before the window is shown). A provider that is no longer configured is not
 * restored: filtering on it would show an empty history with "Any provider" in the list.
 */
final class HistoryFilterControls {
    private HistoryFilterControls() {
    }

    static void restore(StudioWindow window, List<Provider> providers, Workspace.HistoryFilters saved) {
        if (saved == null) {
            return;
        }
        HistoryBrowserModel model = window.historyModel();
        if (saved.search() != null) {
            model.searchProperty().set(saved.search());
        }
        if (saved.starredOnly() != null) {
            model.starredOnlyProperty().set(saved.starredOnly());
        }
        if (saved.keepersOnly() != null) {
            model.keepersOnlyProperty().set(saved.keepersOnly());
        }
        if (saved.kind() != null) {
            model.kindProperty().set(switch (saved.kind()) {
                case "DRAFT" -> RenderKind.DRAFT;
                case "FINAL" -> RenderKind.FINAL;
                default -> null;
            });
        }
        // After the kind: choosing superseded drafts clears the kind.
        if (saved.supersededOnly() != null) {
            model.supersededOnlyProperty().set(saved.supersededOnly());
        }
        if (saved.providerId() != null
                && providers.stream().anyMatch(p -> p.info().id().equals(saved.providerId()))) {
            model.providerIdProperty().set(saved.providerId());
        }
    }
}
