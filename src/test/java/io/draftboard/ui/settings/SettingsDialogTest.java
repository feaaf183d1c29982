package io.draftboard.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.settings.StudioSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class SettingsDialogTest {
    private SettingsDialog dialog;

    @Start
    void start(Stage stage) {
        javafx.application.Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 400, 300));
        stage.show();
    }

    private void open(FxRobot robot) {
        robot.interact(() -> {
            dialog = new SettingsDialog(StudioSettings.DEFAULTS, List.of(
                    new SettingsDialog.ProviderRow("offline", "Offline engine", "", ""),
                    new SettingsDialog.ProviderRow("bfl", "Black Forest Labs", "saved, ends \u2026c0de", "")),
                    Path.of("/home/designer/.local/share/draftboard"), Path.of("/home/designer/.local/share/draftboard/keys.json"));
            dialog.initOwner(robot.targetWindow());
            dialog.show();
        });
    }

    @Test
    void aTypedKeyIsMaskedReturnedOnceAndTheSavedOneShowsOnlyItsEnd(FxRobot robot) throws Exception {
        // Monocle cannot route the robot's mouse into a dialog window, so the test works its controls directly.
        open(robot);
        PasswordField field = (PasswordField) dialog.getDialogPane().lookup("#key-bfl");
        assertThat(dialog.getDialogPane().lookupAll(".label").stream().map(n -> ((Label) n).getText()))
                .contains("saved, ends \u2026c0de").noneMatch(t -> t.contains("bfl_live_secret"));
        robot.interact(() -> field.setText("bfl_live_secret_1234"));
        robot.interact(() -> ((javafx.scene.control.Button) dialog.getDialogPane().lookupButton(ButtonType.OK)).fire());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> dialog.getResult() != null);

        SettingsDialog.Outcome outcome = dialog.getResult();
        assertThat(outcome.newKeys()).containsExactly(java.util.Map.entry("bfl", "bfl_live_secret_1234"));
        assertThat(outcome.settings().toString()).doesNotContain("bfl_live_secret");
        assertThat(((Label) dialog.getDialogPane().lookup("#dataHome")).getText())
                .isEqualTo("/home/designer/.local/share/draftboard");
    }

    @Test
    void everyTabShowsAllItsTextWithoutCuttingAWord(FxRobot robot) throws Exception {
        robot.interact(() -> {
            dialog = new SettingsDialog(StudioSettings.DEFAULTS, List.of(
                    new SettingsDialog.ProviderRow("offline", "Offline engine", "", ""),
                    new SettingsDialog.ProviderRow("bfl", "Black Forest Labs", "saved, ends \u2026c0de", ""),
                    new SettingsDialog.ProviderRow("openai", "OpenAI-compatible gateway (gateway.example-company.com)",
                            "not set", "")),
                    Path.of("/home/designer/.local/share/draftboard"),
                    Path.of("/home/designer/.local/share/draftboard/keys.json"));
            dialog.initOwner(robot.targetWindow());
            dialog.show();
        });
        var tabs = (javafx.scene.control.TabPane) dialog.getDialogPane().lookup(".tab-pane");
        for (int i = 0; i < tabs.getTabs().size(); i++) {
            int tab = i;
            robot.interact(() -> tabs.getSelectionModel().select(tab));
            WaitForAsyncUtils.waitForFxEvents();
            var content = tabs.getTabs().get(i).getContent();
            javafx.geometry.Bounds shown = content.getParent().localToScene(content.getParent().getLayoutBounds());
            for (var node : content.lookupAll(".label")) {
                Label label = (Label) node;
                if (!label.isVisible() || label.getText() == null || label.getText().isEmpty()) {
                    continue;
                }
                String drawn = ((javafx.scene.text.Text) label.lookup(".text")).getText();
                assertThat(drawn.replaceAll("\\s+", " ").strip()).as("drawn in full")
                        .isEqualTo(label.getText().replaceAll("\\s+", " ").strip());
                javafx.geometry.Bounds b = label.localToScene(label.getLayoutBounds());
                assertThat(b.getMaxY()).as("%s in view", label.getText()).isLessThanOrEqualTo(shown.getMaxY() + 0.5);
                assertThat(b.getMaxX()).as("%s in view", label.getText()).isLessThanOrEqualTo(shown.getMaxX() + 0.5);
            }
        }
        robot.interact(dialog::close);
    }

    @Test
    void aBaseUrlThatIsNotHttpsIsRefusedBeforeAnythingIsSaved(FxRobot robot) throws Exception {
        open(robot);
        robot.interact(() -> ((javafx.scene.control.TextField) dialog.getDialogPane().lookup("#url-bfl"))
                .setText("http://api.example.com/"));
        robot.interact(() -> ((javafx.scene.control.Button) dialog.getDialogPane().lookupButton(ButtonType.OK)).fire());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dialog.isShowing()).isTrue();
        assertThat(dialog.getResult()).isNull();
        assertThat(dialog.getDialogPane().lookupAll(".label").stream().map(n -> ((Label) n).getText()))
                .anyMatch(t -> t.contains("must use https"));
        robot.interact(dialog::close);
    }
}
