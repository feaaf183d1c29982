package io.draftboard.settings;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Draftboard keeps its data (history.db, images/, journal): {@code DRAFTBOARD_HOME} when set, else
 * the platform's per-user data directory (design.md, "Contracts"); and where it keeps what it can remake
 * (the jar's class archive): the platform's per-user cache directory.
 */
public final class AppDirs {
    public static final String HOME_VARIABLE = "DRAFTBOARD_HOME";

    private AppDirs() {
    }

    public static Path dataHome() {
        return dataHome(System.getenv());
    }

    /** The data home for the given environment variables on this OS. */
    public static Path dataHome(Map<String, String> env) {
        return dataHome(env, System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    static Path dataHome(Map<String, String> env, String osName, Path userHome) {
        String override = env.get(HOME_VARIABLE);
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path base = appData != null && !appData.isBlank() ? Path.of(appData)
                    : userHome.resolve("AppData").resolve("Roaming");
            return base.resolve("Draftboard");
        }
        if (os.startsWith("mac")) {
            return userHome.resolve("Library").resolve("Application Support").resolve("Draftboard");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : userHome.resolve(".local").resolve("share");
        return base.resolve("draftboard");
    }

    /**
     * The per-user cache: what may be deleted at any time and is remade (never history, images or keys). Not
     * under {@code DRAFTBOARD_HOME}: a cache belongs to the machine's user, not to one history.
     */
    public static Path cacheHome(Map<String, String> env) {
        return cacheHome(env, System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    static Path cacheHome(Map<String, String> env, String osName, Path userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            Path base = local != null && !local.isBlank() ? Path.of(local)
                    : userHome.resolve("AppData").resolve("Local");
            return base.resolve("Draftboard").resolve("Cache");
        }
        if (os.startsWith("mac")) {
            return userHome.resolve("Library").resolve("Caches").resolve("Draftboard");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : userHome.resolve(".cache");
        return base.resolve("draftboard");
    }
}
