package io.draftboard.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.settings.GatewayEntry;
import io.draftboard.settings.StudioSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Gateways tab: every gateway side by side, the designer's own added, edited and removed. */
@ExtendWith(ApplicationExtension.class)
class SettingsGatewaysTest {
    private static final GatewayEntry ACME = new GatewayEntry("acme-eu", "Acme EU", "https://gw.acme.example/v1/",
            "acme/flux-2-flex");
    private SettingsDialog dialog;

    @Start
    void start(Stage stage) {
        javafx.application.Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 400, 300));
        stage.show();
    }

    private void open(FxRobot robot, List<GatewayEntry> own) {
        robot.interact(() -> {
            dialog = new SettingsDialog(StudioSettings.DEFAULTS.withGateways(own), List.of(
                    new SettingsDialog.ProviderRow("offline", "Offline engine", "", ""),
                    new SettingsDialog.ProviderRow("vercel", "Vercel AI Gateway", "from AI_GATEWAY_API_KEY", "")),
                    Path.of("/home/designer/.local/share/draftboard"),
                    Path.of("/home/designer/.local/share/draftboard/keys.json"));
            dialog.initOwner(robot.targetWindow());
            dialog.show();
            TabPane tabs = (TabPane) dialog.getDialogPane().lookup(".tab-pane");
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().equals("Gateways"))
                    .findFirst().orElseThrow());
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private <T> T find(String id) {
        @SuppressWarnings("unchecked")
        T node = (T) dialog.getDialogPane().lookup("#" + id);
        return node;
    }

    private void ok(FxRobot robot) {
        robot.interact(() -> ((Button) dialog.getDialogPane().lookupButton(ButtonType.OK)).fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void everyGatewayIsListedThePresetsAndTheDesignersOwn(FxRobot robot) {
        open(robot, List.of(ACME));

        assertThat(dialog.getDialogPane().lookupAll(".label").stream().map(n -> ((Label) n).getText()))
                .contains("Vercel AI Gateway  (--provider vercel)", "AIgateway  (--provider aigateway)",
                        "Lumenfall  (--provider lumenfall)")
                .anyMatch(t -> t.contains("https://ai-gateway.vercel.sh/v1/") && t.contains("bfl/flux-2-flex"))
                .anyMatch(t -> t.contains("https://api.aigateway.sh/v1/") && t.contains("black-forest-labs/flux-2-flex"))
                .anyMatch(t -> t.contains("model flux.2-flex"));
        assertThat(this.<TextField>find("gateway-name-0").getText()).isEqualTo("Acme EU");
        assertThat(this.<TextField>find("gateway-url-0").getText()).isEqualTo("https://gw.acme.example/v1/");
        assertThat(this.<TextField>find("gateway-model-0").getText()).isEqualTo("acme/flux-2-flex");
        robot.interact(dialog::close);
    }

    @Test
    void anAddedGatewayIsSavedInSettingsAndItsKeyOnlyAmongTheKeys(FxRobot robot) throws Exception {
        open(robot, List.of(ACME));
        robot.interact(() -> {
            this.<Button>find("gateway-add").fire();
        });
        robot.interact(() -> {
            this.<TextField>find("gateway-name-1").setText("Studio Proxy");
            this.<TextField>find("gateway-url-1").setText("https://proxy.studio.example/v1");
            this.<TextField>find("gateway-model-1").setText("flux-2-flex");
            this.<PasswordField>find("gateway-key-1").setText("sk-proxy-secret-0123456789");
        });
        ok(robot);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> dialog.getResult() != null);

        SettingsDialog.Outcome outcome = dialog.getResult();
        assertThat(outcome.settings().gateways()).containsExactly(ACME, new GatewayEntry("studio-proxy", "Studio Proxy",
                "https://proxy.studio.example/v1/", "flux-2-flex"));
        assertThat(outcome.newKeys()).containsExactly(Map.entry("studio-proxy", "sk-proxy-secret-0123456789"));
        assertThat(outcome.settings().toString()).doesNotContain("sk-proxy-secret");
    }

    @Test
    void aRemovedGatewayIsGoneAndAnInsecureOneIsRefusedBeforeSaving(FxRobot robot) throws Exception {
        open(robot, List.of(ACME));
        robot.interact(() -> this.<TextField>find("gateway-url-0").setText("http://gw.acme.example/v1/"));
        ok(robot);
        assertThat(dialog.isShowing()).isTrue();
        assertThat(dialog.getResult()).isNull();
        assertThat(dialog.getDialogPane().lookupAll(".label").stream().map(n -> ((Label) n).getText()))
                .anyMatch(t -> t.contains("must use https"));

        robot.interact(() -> this.<Button>find("gateway-remove-0").fire());
        ok(robot);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> dialog.getResult() != null);
        assertThat(dialog.getResult().settings().gateways()).isEmpty();
    }

    @Test
    void aGatewayNamedLikeABuiltInProviderIsRefused(FxRobot robot) {
        open(robot, List.of());
        robot.interact(() -> this.<Button>find("gateway-add").fire());
        robot.interact(() -> {
            this.<TextField>find("gateway-name-0").setText("Runflow");
            this.<TextField>find("gateway-url-0").setText("https://x.example/v1/");
            this.<TextField>find("gateway-model-0").setText("m");
        });
        ok(robot);
        assertThat(dialog.getResult()).isNull();
        assertThat(dialog.getDialogPane().lookupAll(".label").stream().map(n -> ((Label) n).getText()))
                .anyMatch(t -> t.contains("taken by a built-in provider"));
        robot.interact(dialog::close);
    }
}
