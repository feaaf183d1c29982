package io.draftboard.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderKeysTest {
    @TempDir
    Path dir;

    @Test
    void aSetVariableWinsOverTheFileAndABlankOneDoesNot() throws Exception {
        Path file = dir.resolve("keys.json");
        new ProviderKeys(file, Map.of()).put("bfl", new ApiKey("saved-key-0001"));

        ProviderKeys fromEnv = new ProviderKeys(file, Map.of("BFL_API_KEY", "env-key-0002"));
        assertThat(fromEnv.variableInUse("bfl")).isEqualTo("BFL_API_KEY");
        assertThat(fromEnv.value("bfl")).isEqualTo("env-key-0002");

        ProviderKeys blank = new ProviderKeys(file, Map.of("BFL_API_KEY", "  "));
        assertThat(blank.variableInUse("bfl")).isNull();
        assertThat(blank.value("bfl")).isEqualTo("saved-key-0001");
        assertThat(blank.variableInUse("replicate")).isNull();
    }
}
