package io.draftboard.ui.settings;

import io.draftboard.http.Endpoints;
import io.draftboard.settings.GatewayEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The Settings tab that lists every OpenAI-compatible gateway side by side: the presets (Vercel AI Gateway,
 * AIgateway, Lumenfall and the old single slot), read-only, and the designer's own entries, which can be added,
 * edited and removed (name, base URL, model, and a key that goes to keys.json under the entry's id, never to
 * settings.json). Changes apply at the next start, as base URLs do.
 */
final class GatewaysTab {
    /** One editable entry: its fields and the row that holds them. */
    private record Row(TextField name, TextField url, TextField model, PasswordField key, HBox box) {
    }

    private final VBox own = new VBox(6);
    private final List<Row> rows = new ArrayList<>();
    private final VBox content;
    private int created;

    GatewaysTab(List<GatewayEntry> entries) {
        VBox presets = new VBox(6);
        for (GatewayEntry g : GatewayEntry.PRESETS) {
            Label name = new Label(g.name() + "  (--provider " + g.id() + ")");
            name.setId("gateway-preset-" + g.id());
            name.getStyleClass().add("text-bold");
            Label where = wrapped(g.baseUrl() + "  \u00b7  model " + g.model());
            where.getStyleClass().add("text-muted");
            presets.getChildren().add(new VBox(2, name, where));
        }
        entries.forEach(this::addRow);
        Button add = new Button("Add gateway");
        add.setId("gateway-add");
        add.setOnAction(e -> addRow(new GatewayEntry("", "", "", "")));
        Label ownTitle = new Label("Your gateways");
        ownTitle.getStyleClass().add("text-bold");
        Label note = wrapped("A gateway's id is its name in lower case with hyphens; use it with --provider, and its "
                + "key variable is DRAFTBOARD_<ID>_API_KEY. Base URLs include the API version (…/v1/) and need https, "
                + "except to this machine. The model is the gateway's own id for FLUX.2 [flex]. Applies at the next "
                + "start.");
        content = new VBox(10, presets, ownTitle, own, add, note);
        content.setPadding(new Insets(12));
    }

    VBox content() {
        return content;
    }

    private void addRow(GatewayEntry g) {
        int n = created++;
        TextField name = field("gateway-name-" + n, g.name(), "name", 10);
        TextField url = field("gateway-url-" + n, g.baseUrl(), "https://…/v1/", 18);
        TextField model = field("gateway-model-" + n, g.model(), "model id", 12);
        PasswordField key = new PasswordField();
        key.setId("gateway-key-" + n);
        key.setPromptText("key");
        key.setPrefColumnCount(8);
        Button remove = new Button("Remove");
        remove.setId("gateway-remove-" + n);
        HBox box = new HBox(6, name, url, model, key, remove);
        box.setAlignment(Pos.CENTER_LEFT);
        Row row = new Row(name, url, model, key, box);
        remove.setOnAction(e -> {
            rows.remove(row);
            own.getChildren().remove(box);
        });
        rows.add(row);
        own.getChildren().add(box);
    }

    /** What is wrong with the entries as typed, in one sentence, or null; blank rows are dropped, not refused. */
    String problem() {
        Set<String> ids = new HashSet<>();
        for (GatewayEntry g : entries()) {
            String problem = g.problem();
            if (problem != null) {
                return problem.replace("gateway id \"\"", "a gateway's name");
            }
            if (!ids.add(g.id())) {
                return "two gateways are called \"" + g.id() + "\"; give one another name";
            }
            try {
                Endpoints.baseUrl(g.baseUrl(), g.name() + " base URL");
            } catch (RuntimeException bad) {
                return bad.getMessage();
            }
        }
        return null;
    }

    List<GatewayEntry> entries() {
        List<GatewayEntry> out = new ArrayList<>();
        for (Row r : rows) {
            String name = r.name().getText().strip();
            if (name.isEmpty() && r.url().getText().isBlank() && r.model().getText().isBlank()) {
                continue;
            }
            String url = r.url().getText().strip();
            out.add(new GatewayEntry(GatewayEntry.idFor(name), name, url.isEmpty() || url.endsWith("/") ? url : url + "/",
                    r.model().getText()));
        }
        return out;
    }

    /** Keys typed for the designer's own entries, by entry id. */
    Map<String, String> newKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (Row r : rows) {
            String id = GatewayEntry.idFor(r.name().getText());
            if (!id.isEmpty() && !r.key().getText().isBlank()) {
                keys.put(id, r.key().getText().strip());
            }
        }
        return keys;
    }

    private static TextField field(String id, String text, String prompt, int columns) {
        TextField f = new TextField(text);
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(columns);
        return f;
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setPrefWidth(640);
        l.setMaxWidth(640);
        l.setMinHeight(Label.USE_PREF_SIZE);
        return l;
    }
}
