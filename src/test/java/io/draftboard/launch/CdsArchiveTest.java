package io.draftboard.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The AppCDS training list: it names the studio's start-up classes, and loading it initialises none of them. */
class CdsArchiveTest {
    @Test
    void theTrainingListCoversTheStudioStartAndLoadsWithoutADisplay() throws Exception {
        String list;
        try (InputStream in = Main.class.getResourceAsStream(CdsArchive.CLASSES)) {
            assertThat(in).isNotNull();
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(list.lines()).contains("io.draftboard.ui.StudioApp", "io.draftboard.ui.StudioWindow",
                "io.draftboard.ui.history.HistoryBrowserView", "javafx.scene.control.ListView",
                "org.sqlite.JDBC", "atlantafx.base.theme.PrimerLight");

        int loaded = CdsArchive.loadClasses(); // headless here: loaded, never initialised

        assertThat(loaded).isGreaterThan(list.lines().count() > 1000 ? 1000 : 0);
    }
}
