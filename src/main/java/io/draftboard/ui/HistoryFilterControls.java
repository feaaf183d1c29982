package io.draftboard.ui;

import io.draftboard.generation.Provider;
import io.draftboard.settings.Workspace;
import io.draftboard.ui.history.HistoryBrowserModel;
import java.util.List;
import javafx.scene.control.ComboBox;

/**
 * Puts remembered history filters back. The search box and the toggles are bound both ways to the model; the
 * kind and provider lists only speak to it, so they are set where the designer sets them, by their ids, and
 * pass the choice on as a click would. (Looked up in the history view itself: the split pane's children exist
 * only once its skin does, after the window is shown.)
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
        if (window.historyView().lookup("#kindFilter") instanceof ComboBox<?> kind && saved.kind() != null) {
            String shown = switch (saved.kind()) {
                case "DRAFT" -> "Drafts";
                case "FINAL" -> "Finals";
                default -> "All";
            };
            choose(kind, kind.getItems().indexOf(shown));
        }
        if (window.historyView().lookup("#providerFilter") instanceof ComboBox<?> provider && saved.providerId() != null) {
            // The list is "Any provider" and then the studio's providers in order.
            for (int i = 0; i < providers.size(); i++) {
                if (providers.get(i).info().id().equals(saved.providerId())) {
                    choose(provider, i + 1);
                }
            }
        }
    }

    private static void choose(ComboBox<?> combo, int index) {
        if (index >= 0 && index < combo.getItems().size()) {
            combo.getSelectionModel().select(index);
        }
    }
}
