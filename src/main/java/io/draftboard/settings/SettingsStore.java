package io.draftboard.settings;

import io.draftboard.files.AtomicFiles;
import io.draftboard.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes {@link StudioSettings}. A missing or unreadable file gives the defaults (the studio must
 * always start); writes go through a temp file and a rename so a crash never leaves half a file.
 */
public final class SettingsStore {
    private static final System.Logger LOG = System.getLogger(SettingsStore.class.getName());
    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public StudioSettings load() {
        if (!Files.isRegularFile(file)) {
            return StudioSettings.DEFAULTS;
        }
        try {
            return Json.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), StudioSettings.class);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "settings file " + file + " is unreadable; using defaults");
            return StudioSettings.DEFAULTS;
        }
    }

    public void save(StudioSettings settings) throws IOException {
        AtomicFiles.write(file, Json.pretty(settings).getBytes(StandardCharsets.UTF_8));
    }
}
