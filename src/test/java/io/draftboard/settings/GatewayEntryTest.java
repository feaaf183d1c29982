package io.draftboard.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayEntryTest {
    @TempDir
    Path dir;

    @Test
    void aNameGivesAShortShellFriendlyIdAndItsKeyVariable() {
        assertThat(GatewayEntry.idFor("Acme Gateway (EU)")).isEqualTo("acme-gateway-eu");
        assertThat(GatewayEntry.keyVariable("acme-gateway-eu")).isEqualTo("DRAFTBOARD_ACME_GATEWAY_EU_API_KEY");
        assertThat(new GatewayEntry("acme", "Acme", "https://a.example/v1/", "m").problem()).isNull();
        assertThat(new GatewayEntry("lumenfall", "Mine", "https://a.example/v1/", "m").problem()).contains("built-in");
        assertThat(new GatewayEntry("Bad Id!", "x", "https://a.example/v1/", "m").problem()).contains("lower-case");
        assertThat(new GatewayEntry("acme", "Acme", "", "m").problem()).contains("needs a name, a base URL and a model");
    }

    @Test
    void ownGatewaysRoundTripThroughSettingsAndOlderFilesHaveNone() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        GatewayEntry acme = new GatewayEntry("acme", "Acme", "https://a.example/v1/", "acme/flex");
        store.save(StudioSettings.DEFAULTS.withGateways(List.of(acme)));
        assertThat(store.load().gateways()).containsExactly(acme);
        assertThat(Files.readString(dir.resolve("settings.json"))).doesNotContain("\"key\"", "apiKey");

        Files.writeString(dir.resolve("settings.json"), "{\"draftSteps\":6,\"finalSteps\":50}");
        assertThat(store.load().gateways()).isEmpty();
    }

    @Test
    void eachGatewaysKeyComesFromItsOwnVariableOrItsEntryInKeysJsonAndIsScrubbed() throws Exception {
        Path file = dir.resolve("keys.json");
        ProviderKeys keys = new ProviderKeys(file, Map.of("AI_GATEWAY_API_KEY", "vck_vercel_0123456789",
                "DRAFTBOARD_ACME_EU_API_KEY", "acme_0123456789", "RUNFLOW_API_KEY", "rf_0123456789"));
        keys.put("lumenfall", new ApiKey("lf_from_file_0123456789"));

        assertThat(keys.get("vercel").reveal()).isEqualTo("vck_vercel_0123456789");
        assertThat(keys.variableInUse("vercel")).isEqualTo("AI_GATEWAY_API_KEY");
        assertThat(keys.get("acme-eu").reveal()).isEqualTo("acme_0123456789");
        assertThat(keys.get("lumenfall").reveal()).isEqualTo("lf_from_file_0123456789");
        assertThat(keys.get("aigateway")).isNull();
        assertThat(keys.get("runflow").reveal()).isEqualTo("rf_0123456789");
        assertThat(keys.secrets()).contains("vck_vercel_0123456789", "acme_0123456789", "lf_from_file_0123456789",
                "rf_0123456789");
        assertThat(ProviderKeys.variableFor("aigateway")).isEqualTo("AIGATEWAY_API_KEY");
        assertThat(ProviderKeys.variableFor("lumenfall")).isEqualTo("LUMENFALL_API_KEY");
    }
}
