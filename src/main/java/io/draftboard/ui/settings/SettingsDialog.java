package io.draftboard.ui.settings;

import io.draftboard.http.Endpoints;
import io.draftboard.settings.ProviderKeys;
import io.draftboard.settings.StudioSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * Settings: provider keys (write-only: a saved key shows as its last characters, never in full), the gateways
 * side by side (presets and the designer's own), base URLs, draft and final steps, debounce, theme and where data lives. The dialog only collects; the caller saves
 * off the FX thread.
 */
public final class SettingsDialog extends Dialog<SettingsDialog.Outcome> {
    /** What to save: the settings, and keys typed this time (provider id to key; blank ones untouched). */
    public record Outcome(StudioSettings settings, Map<String, String> newKeys) {
    }

    /** A provider as the dialog lists it, with how its key is configured now ("saved …1a2b", "from BFL_API_KEY"). */
    public record ProviderRow(String id, String name, String keyStatus, String baseUrl) {
    }

    public SettingsDialog(StudioSettings current, List<ProviderRow> providers, Path dataHome, Path keyFile) {
        setTitle("Settings");
        setHeaderText(null);
        getDialogPane().setId("settings");
        // The theme caps dialogs at 600 px; these tabs are laid out for 720 (a path, a gateway's host): studio.css
        // lets this one be as wide as its tabs.
        getDialogPane().getStylesheets().add(SettingsDialog.class.getResource("/io/draftboard/ui/studio.css")
                .toExternalForm());
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);

        GridPane keys = grid();
        Map<String, PasswordField> keyFields = new LinkedHashMap<>();
        Map<String, TextField> urlFields = new LinkedHashMap<>();
        GridPane urls = grid();
        int row = 0;
        for (ProviderRow p : providers) {
            if ("offline".equals(p.id())) {
                continue;
            }
            PasswordField field = new PasswordField();
            field.setId("key-" + p.id());
            field.setPromptText("paste a key");
            field.setPrefColumnCount(18);
            keyFields.put(p.id(), field);
            Label status = new Label(p.keyStatus());
            status.getStyleClass().add("text-muted");
            status.setMinWidth(Label.USE_PREF_SIZE);
            Label name = providerName(p.name());
            keys.addRow(row, name, field, status);
            TextField url = new TextField(current.baseUrls().getOrDefault(p.id(), ""));
            url.setId("url-" + p.id());
            url.setPromptText(p.baseUrl());
            url.setPrefColumnCount(28);
            urlFields.put(p.id(), url);
            urls.addRow(row++, providerName(p.name()), url);
        }
        // Cloudflare needs its account id beside the token; it is not secret but travels with it.
        TextField cloudflareAccount = new TextField();
        cloudflareAccount.setId("key-" + ProviderKeys.CLOUDFLARE_ACCOUNT);
        cloudflareAccount.setPromptText("account id");
        keys.addRow(row, new Label("Cloudflare account id"), cloudflareAccount);
        Label keyNote = new Label("Keys are stored in " + keyFile + " (readable by you only). An environment "
                + "variable, when set, wins over the file. A saved key is never shown again, only its last characters.");
        note(keyNote);
        Label urlNote = new Label("Leave empty for the provider's own address. Remote providers need https; plain"
                + " http is allowed only to this machine (and, for ComfyUI, to hosts on your own network). Applies at"
                + " the next start.");
        note(urlNote);

        Spinner<Integer> draftSteps = new Spinner<>(1, 49, current.draftSteps());
        draftSteps.setId("draftSteps");
        Spinner<Integer> finalSteps = new Spinner<>(2, 50, current.finalSteps());
        finalSteps.setId("finalSteps");
        Spinner<Integer> debounce = new Spinner<>(100, 5000, current.debounceMillis(), 50);
        debounce.setId("debounce");
        debounce.setEditable(true);
        ComboBox<StudioSettings.Theme> theme = new ComboBox<>();
        theme.getItems().setAll(StudioSettings.Theme.values());
        theme.setValue(current.theme());
        theme.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(StudioSettings.Theme t) {
                return t == null ? "" : switch (t) {
                    case SYSTEM -> "Follow the system";
                    case LIGHT -> "Light";
                    case DARK -> "Dark";
                };
            }

            @Override
            public StudioSettings.Theme fromString(String s) {
                return null;
            }
        });
        CheckBox cap = new CheckBox("Draft at most 1 MP when the final is larger (same aspect)");
        cap.setSelected(current.capDraftsAtOneMegapixel());
        GridPane general = grid();
        general.addRow(0, new Label("Draft steps"), draftSteps);
        general.addRow(1, new Label("Final steps"), finalSteps);
        general.addRow(2, new Label("Debounce (ms)"), debounce);
        general.addRow(3, new Label("Theme"), theme);
        general.add(cap, 0, 4, 2, 1);
        Label data = new Label(dataHome.toString());
        data.setId("dataHome");
        general.addRow(5, new Label("Data lives in"), data);

        GatewaysTab gateways = new GatewaysTab(current.gateways());
        TabPane tabs = new TabPane(new Tab("General", general), new Tab("Provider keys", withNote(keys, keyNote)),
                new Tab("Gateways", gateways.content()), new Tab("Base URLs", withNote(urls, urlNote)));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setPrefWidth(720);
        Label error = new Label();
        error.getStyleClass().add("danger");
        getDialogPane().setContent(new VBox(8, tabs, error));

        getDialogPane().lookupButton(ButtonType.OK).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            for (Map.Entry<String, TextField> u : urlFields.entrySet()) {
                String text = u.getValue().getText().strip();
                if (!text.isEmpty()) {
                    try {
                        if ("comfyui".equals(u.getKey())) { // the user's own server: http to their network is fine
                            Endpoints.localServerUrl(text, u.getKey() + " base URL");
                        } else {
                            Endpoints.baseUrl(text, u.getKey() + " base URL");
                        }
                    } catch (RuntimeException bad) {
                        error.setText(bad.getMessage());
                        e.consume();
                        return;
                    }
                }
            }
            String gatewayProblem = gateways.problem();
            if (gatewayProblem != null) {
                error.setText(gatewayProblem);
                e.consume();
                return;
            }
            if (draftSteps.getValue() >= finalSteps.getValue()) {
                error.setText("Draft steps must be fewer than final steps.");
                e.consume();
            }
        });
        setResultConverter(button -> {
            if (button != ButtonType.OK) {
                return null;
            }
            Map<String, String> baseUrls = new LinkedHashMap<>();
            urlFields.forEach((id, f) -> {
                if (!f.getText().isBlank()) {
                    baseUrls.put(id, f.getText().strip());
                }
            });
            Map<String, String> newKeys = new LinkedHashMap<>();
            keyFields.forEach((id, f) -> {
                if (!f.getText().isBlank()) {
                    newKeys.put(id, f.getText().strip());
                }
            });
            newKeys.putAll(gateways.newKeys());
            if (!cloudflareAccount.getText().isBlank()) {
                newKeys.put(ProviderKeys.CLOUDFLARE_ACCOUNT, cloudflareAccount.getText().strip());
            }
            StudioSettings next = new StudioSettings(draftSteps.getValue(), finalSteps.getValue(), debounce.getValue(),
                    theme.getValue(), current.liveDrafts(), cap.isSelected(), current.budgetUsd(),
                    current.keyHintDismissed(), baseUrls, current.paidDraftsInFlight(), current.thumbnailSize(),
                    gateways.entries());
            return new Outcome(next, newKeys);
        });
    }

    /**
     * A provider's name in a column of at most 230 px: a long one (a gateway's name carries its host) wraps
     * onto a second line rather than ending in "…".
     */
    private static Label providerName(String text) {
        Label name = new Label(text);
        name.setWrapText(true);
        name.setPrefWidth(230); // so the grid measures a wrapped name's height at the width it gets
        name.setMaxWidth(230);
        name.setMinHeight(Label.USE_PREF_SIZE);
        return name;
    }

    /**
     * A note under a tab's fields, wrapped at a fixed width: the tab pane sizes itself from its tabs' preferred
     * heights, and a wrapping label only knows its height once it knows its width, so every line is shown.
     */
    private static void note(Label note) {
        note.setWrapText(true);
        note.setPrefWidth(640); // within the 720 px tabs with the margins, so it is laid out as wide as measured
        note.setMaxWidth(640);
        note.setMinHeight(Label.USE_PREF_SIZE);
    }

    /** A tab's fields and the note under them, the note in line with the fields and clear of the tab's edge. */
    private static VBox withNote(GridPane fields, Label note) {
        VBox box = new VBox(10, fields, note);
        VBox.setMargin(note, new Insets(0, 12, 12, 12));
        return box;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(12);
        g.setVgap(8);
        g.setPadding(new Insets(12));
        return g;
    }
}
