package io.draftboard.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppDirsTest {
    private final Path home = Path.of("/home/ada");

    @Test
    void draftboardHomeOverridesEverything() {
        assertThat(AppDirs.dataHome(Map.of("DRAFTBOARD_HOME", "/tmp/db", "XDG_DATA_HOME", "/x"), "Linux", home))
                .isEqualTo(Path.of("/tmp/db"));
    }

    @Test
    void eachPlatformHasItsUsualDataDirectory() {
        assertThat(AppDirs.dataHome(Map.of(), "Linux", home)).isEqualTo(Path.of("/home/ada/.local/share/draftboard"));
        assertThat(AppDirs.dataHome(Map.of("XDG_DATA_HOME", "/data"), "Linux", home))
                .isEqualTo(Path.of("/data/draftboard"));
        assertThat(AppDirs.dataHome(Map.of("APPDATA", "C:/Users/ada/AppData/Roaming"), "Windows 11", home))
                .isEqualTo(Path.of("C:/Users/ada/AppData/Roaming/Draftboard"));
        assertThat(AppDirs.dataHome(Map.of(), "Mac OS X", home))
                .isEqualTo(Path.of("/home/ada/Library/Application Support/Draftboard"));
    }

    @Test
    void eachPlatformHasItsUsualCacheDirectoryWhateverTheDataHome() {
        assertThat(AppDirs.cacheHome(Map.of("DRAFTBOARD_HOME", "/elsewhere"), "Linux", home))
                .isEqualTo(Path.of("/home/ada/.cache/draftboard"));
        assertThat(AppDirs.cacheHome(Map.of("XDG_CACHE_HOME", "/fast"), "Linux", home))
                .isEqualTo(Path.of("/fast/draftboard"));
        assertThat(AppDirs.cacheHome(Map.of("XDG_CACHE_HOME", "relative"), "Linux", home))
                .isEqualTo(Path.of("/home/ada/.cache/draftboard"));
        assertThat(AppDirs.cacheHome(Map.of("LOCALAPPDATA", "C:/Users/ada/AppData/Local"), "Windows 11", home))
                .isEqualTo(Path.of("C:/Users/ada/AppData/Local/Draftboard/Cache"));
        assertThat(AppDirs.cacheHome(Map.of(), "Mac OS X", home))
                .isEqualTo(Path.of("/home/ada/Library/Caches/Draftboard"));
    }

    @Test
    void aDataHomeThatIsAFileOrReadOnlyIsRefusedWithItsPath(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        assertThatThrownBy(() -> DataHome.open(file)).hasMessageContaining("afile").hasMessageContaining("not a directory");

        assumeFalse("root".equals(System.getProperty("user.name")), "root can write anywhere");
        Path locked = Files.createDirectory(tmp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
        assertThatThrownBy(() -> DataHome.open(locked)).hasMessageContaining("not readable and writable");
    }

    @Test
    void aMissingDataHomeIsCreated(@TempDir Path tmp) throws Exception {
        DataHome dh = DataHome.open(tmp.resolve("a/b"));
        assertThat(dh.root()).isDirectory();
        assertThat(dh.historyDb()).isEqualTo(tmp.resolve("a/b/history.db"));
    }
}
