package io.draftboard.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** workspace.json: round trip, defaults with a notice when missing or corrupt (kept aside), lenient reading. */
class WorkspaceStoreTest {
    @TempDir
    Path home;

    @Test
    void whatIsSavedIsReadBack() throws Exception {
        WorkspaceStore store = new WorkspaceStore(home);
        String ref = store.keepReference("a".repeat(64), "image/png", new byte[] {1, 2, 3});
        Workspace w = new Workspace(new Workspace.Editor("fox", List.of(new Workspace.ReferenceFile(ref, "a".repeat(64),
                "image/png", 4, 3)), 768, 512, 42L, true, 4.5, 30, "offline", "png", false, true),
                new Workspace.WindowPlace(10.0, 20.0, 1200.0, 800.0, false), List.of(0.3, 0.7),
                new Workspace.HistoryFilters("fox", "bfl", true, false, "FINAL", true));
        store.save(w);
        WorkspaceStore.Loaded loaded = store.load();
        assertThat(loaded.notice()).isNull();
        assertThat(loaded.workspace()).isEqualTo(w);
        assertThat(Files.readAllBytes(store.resolve(ref))).containsExactly(1, 2, 3);
        assertThat(ref).doesNotStartWith("/"); // relative to the home: the home may move
    }

    @Test
    void aMissingFileGivesTheDefaultsAndSaysSo() {
        WorkspaceStore.Loaded loaded = new WorkspaceStore(home).load();
        assertThat(loaded.workspace()).isEqualTo(Workspace.DEFAULTS);
        assertThat(loaded.notice()).isNotBlank().doesNotContain("\n");
    }

    @Test
    void aCorruptFileIsMovedAsideNotOverwritten() throws Exception {
        Files.writeString(home.resolve("workspace.json"), "[1, 2");
        WorkspaceStore store = new WorkspaceStore(home);
        WorkspaceStore.Loaded loaded = store.load();
        assertThat(loaded.workspace()).isEqualTo(Workspace.DEFAULTS);
        assertThat(loaded.notice()).contains("workspace.json.corrupt").doesNotContain("\n");
        assertThat(Files.readString(home.resolve("workspace.json.corrupt"))).isEqualTo("[1, 2");
        assertThat(home.resolve("workspace.json")).doesNotExist();
    }

    @Test
    void unknownFieldsAreIgnoredAndMissingOnesAreNull() throws Exception {
        Files.writeString(home.resolve("workspace.json"),
                "{\"future\": true, \"editor\": {\"prompt\": \"fox\", \"later\": 1}, \"dividers\": [0.2, 7, null]}");
        Workspace w = new WorkspaceStore(home).load().workspace();
        assertThat(w.editor().prompt()).isEqualTo("fox");
        assertThat(w.editor().width()).isNull();
        assertThat(w.editor().references()).isEmpty();
        assertThat(w.dividers()).containsExactly(0.2); // out of range is dropped
        assertThat(w.window()).isNull();
    }

    @Test
    void referenceFilesTheWorkspaceNoLongerNamesAreDeleted() throws Exception {
        WorkspaceStore store = new WorkspaceStore(home);
        String keep = store.keepReference("b".repeat(64), "image/png", new byte[] {1});
        String drop = store.keepReference("c".repeat(64), "image/jpeg", new byte[] {2});
        store.forgetReferencesBut(Set.of(keep));
        assertThat(store.resolve(keep)).exists();
        assertThat(store.resolve(drop)).doesNotExist();
    }
}
