package io.draftboard.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void settingsRoundTripAndAMissingFileGivesTheDefaults() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        assertThat(store.load()).isEqualTo(StudioSettings.DEFAULTS);

        StudioSettings mine = new StudioSettings(8, 40, 500, StudioSettings.Theme.DARK, false, false, 2.5, true,
                Map.of("bfl", "https://api.eu.bfl.ai"), 2, StudioSettings.ThumbnailSize.LARGE);
        store.save(mine);

        assertThat(store.load()).isEqualTo(mine);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("settings.json");
        }
    }

    @Test
    void aHandWrittenOrCorruptFileNeverStopsTheStudio() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"draftSteps\": 60, \"finalSteps\": 3, \"theme\": \"DARK\", \"future\": 1}");
        StudioSettings read = new SettingsStore(file).load();
        assertThat(read.draftSteps()).isEqualTo(49);
        assertThat(read.finalSteps()).isEqualTo(50);
        assertThat(read.theme()).isEqualTo(StudioSettings.Theme.DARK);
        assertThat(read.debounceMillis()).isEqualTo(350);
        assertThat(read.thumbnailSize()).isEqualTo(StudioSettings.ThumbnailSize.MEDIUM); // an older file has none

        Files.writeString(file, "{not json");
        assertThat(new SettingsStore(file).load()).isEqualTo(StudioSettings.DEFAULTS);
    }
}
