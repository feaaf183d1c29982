package io.draftboard.ui.history;

import io.draftboard.generation.RenderKind;
import io.draftboard.ui.controls.DropDownSkin;
import io.draftboard.ui.help.Hint;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;

/**
 * The history's filter row: "Finals & \u2605", starred only, the kind of render (all, drafts, finals, superseded
 * drafts) and the provider. Every control is bound both ways to the model, so restoring a workspace only sets
 * the model.
 */
final class HistoryFilterBar {
    static final String ALL = "All";
    static final String DRAFTS = "Drafts";
    static final String FINALS = "Finals";
    static final String SUPERSEDED = "Superseded";
    static final String ANY_PROVIDER = "Any provider";
    static final String SUPERSEDED_WHY = "Superseded: paid drafts that landed after a newer one; kept because they"
            + " were paid for";
    private HistoryFilterBar() {
    }

    static FlowPane create(HistoryBrowserModel model, List<String> providerIds, Function<String, String> providerName) {
        ToggleButton keepers = new ToggleButton("Finals & \u2605");
        keepers.setId("keepersOnly");
        Hint.install(keepers, "Only finals and starred renders: the ones worth keeping");
        keepers.selectedProperty().bindBidirectional(model.keepersOnlyProperty());
        ToggleButton starred = new ToggleButton("\u2605");
        starred.setId("starredOnly");
        Hint.install(starred, "Starred only");
        starred.selectedProperty().bindBidirectional(model.starredOnlyProperty());
        ComboBox<String> kind = kindFilter(model);
        ComboBox<String> provider = providerFilter(model, providerIds, providerName);
        for (Region r : List.of(keepers, starred, kind, provider)) {
            r.setMinWidth(Region.USE_PREF_SIZE); // a narrow column wraps the filters onto a second line, never "…"
        }
        FlowPane filters = new FlowPane(6, 6, keepers, starred, kind, provider);
        filters.setId("historyFilters");
        filters.setAlignment(Pos.CENTER_LEFT);
        return filters;
    }

    /**
     * All, drafts, finals, or superseded drafts. Bound both ways: setting the model (a restored workspace) shows
     * in the list, and choosing in the list sets the model.
     */
    private static ComboBox<String> kindFilter(HistoryBrowserModel model) {
        ComboBox<String> kind = DropDownSkin.install(new ComboBox<>());
        kind.setId("kindFilter");
        kind.getItems().setAll(ALL, DRAFTS, FINALS, SUPERSEDED);
        kind.setCellFactory(v -> new ListCell<>() {
            private final StringProperty why = new SimpleStringProperty();

            {
                Hint.install(this, why);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                why.set(SUPERSEDED.equals(item) ? SUPERSEDED_WHY : null);
            }
        });
        // The list and the model each tell the other; `passing` stops an echo from coming back mid-change.
        boolean[] passing = {false};
        Runnable show = () -> {
            if (!passing[0]) {
                passing[0] = true;
                kind.setValue(model.supersededOnlyProperty().get() ? SUPERSEDED
                        : model.kindProperty().get() == RenderKind.DRAFT ? DRAFTS
                        : model.kindProperty().get() == RenderKind.FINAL ? FINALS : ALL);
                passing[0] = false;
            }
        };
        show.run();
        Hint.install(kind, Bindings.when(kind.valueProperty().isEqualTo(SUPERSEDED)).then(SUPERSEDED_WHY)
                .otherwise("Which renders to show"));
        model.kindProperty().addListener((o, a, b) -> show.run());
        model.supersededOnlyProperty().addListener((o, a, b) -> show.run());
        kind.valueProperty().addListener((o, a, b) -> {
            if (passing[0]) {
                return;
            }
            passing[0] = true;
            if (SUPERSEDED.equals(b)) {
                model.supersededOnlyProperty().set(true); // clears the kind too
            } else {
                model.supersededOnlyProperty().set(false);
                model.kindProperty().set(DRAFTS.equals(b) ? RenderKind.DRAFT : FINALS.equals(b) ? RenderKind.FINAL : null);
            }
            passing[0] = false;
        });
        return kind;
    }

    /** "Any provider", then the studio's providers by name; bound both ways to the model's provider id. */
    private static ComboBox<String> providerFilter(HistoryBrowserModel model, List<String> providerIds,
            Function<String, String> providerName) {
        ComboBox<String> provider = new ComboBox<>();
        provider.setId("providerFilter");
        provider.getItems().add(ANY_PROVIDER);
        providerIds.forEach(id -> provider.getItems().add(providerName.apply(id)));
        boolean[] passing = {false};
        Runnable show = () -> {
            if (!passing[0]) {
                passing[0] = true;
                int i = providerIds.indexOf(model.providerIdProperty().get());
                provider.setValue(provider.getItems().get(i + 1)); // not one of ours (-1): "Any provider"
                passing[0] = false;
            }
        };
        show.run();
        DropDownSkin.install(provider); // as wide as the choice it shows: a gateway with its host can be long
        model.providerIdProperty().addListener((o, a, b) -> show.run());
        provider.valueProperty().addListener((o, a, b) -> {
            if (!passing[0]) {
                passing[0] = true;
                int i = provider.getItems().indexOf(b);
                model.providerIdProperty().set(i <= 0 ? null : providerIds.get(i - 1));
                passing[0] = false;
            }
        });
        return provider;
    }
}
