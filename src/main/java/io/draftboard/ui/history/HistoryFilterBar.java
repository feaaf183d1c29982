package io.draftboard.ui.history;

import io.draftboard.generation.RenderKind;
import java.util.List;
import java.util.function.Function;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.ComboBoxListViewSkin;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;

/** The history's filter row: "Finals & ★", starred only, the kind of render, and the provider. */
final class HistoryFilterBar {
    private HistoryFilterBar() {
    }

    static FlowPane create(HistoryBrowserModel model, List<String> providerIds, Function<String, String> providerName) {
        ToggleButton keepers = new ToggleButton("Finals & \u2605");
        keepers.setId("keepersOnly");
        keepers.setTooltip(new Tooltip("Only finals and starred renders: the ones worth keeping"));
        keepers.selectedProperty().bindBidirectional(model.keepersOnlyProperty());
        ToggleButton starred = new ToggleButton("\u2605");
        starred.setId("starredOnly");
        starred.setTooltip(new Tooltip("Starred only"));
        starred.selectedProperty().bindBidirectional(model.starredOnlyProperty());
        ComboBox<String> kind = new ComboBox<>();
        kind.setId("kindFilter");
        kind.getItems().setAll("All", "Drafts", "Finals");
        kind.setValue("All");
        kind.valueProperty().addListener((o, a, b) -> model.kindProperty().set(
                "Drafts".equals(b) ? RenderKind.DRAFT : "Finals".equals(b) ? RenderKind.FINAL : null));
        ComboBox<String> provider = new ComboBox<>();
        provider.setId("providerFilter");
        provider.getItems().add("Any provider");
        providerIds.forEach(id -> provider.getItems().add(providerName.apply(id)));
        provider.setValue("Any provider");
        fitToShownValue(provider);
        provider.valueProperty().addListener((o, a, b) -> {
            int i = provider.getItems().indexOf(b);
            model.providerIdProperty().set(i <= 0 ? null : providerIds.get(i - 1));
        });
        for (Region r : List.of(keepers, starred, kind, provider)) {
            r.setMinWidth(Region.USE_PREF_SIZE); // a narrow column wraps the filters onto a second line, never "…"
        }
        FlowPane filters = new FlowPane(6, 6, keepers, starred, kind, provider);
        filters.setId("historyFilters");
        filters.setAlignment(Pos.CENTER_LEFT);
        return filters;
    }

    /**
     * A combo box as wide as the choice it shows rather than its longest choice (a gateway's name with its host
     * can be long): the list still drops down as wide as its items need, and the column never has to cut a filter.
     */
    private static void fitToShownValue(ComboBox<String> combo) {
        combo.setSkin(new ComboBoxListViewSkin<>(combo) {
            @Override
            protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
                Node display = getDisplayNode();
                Node arrow = combo.lookup(".arrow-button");
                return left + (display == null ? 0 : display.prefWidth(height))
                        + (arrow == null ? 0 : arrow.prefWidth(-1)) + right;
            }
        });
        combo.valueProperty().addListener((o, a, b) -> combo.requestLayout());
    }
}
