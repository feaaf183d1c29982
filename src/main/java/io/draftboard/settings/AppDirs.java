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
            return windowsBase(env, "APPDATA", userHome.resolve("AppData").resolve("Roaming")).resolve("Draftboard");
        }
        if (os.startsWith("mac")) {
            return userHome.resolve("Library").resolve("Application Support").resolve("Draftboard");
        }
        return xdgBase(env, "XDG_DATA_HOME", userHome.resolve(".local").resolve("share")).resolve("draftboard");
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
            return windowsBase(env, "LOCALAPPDATA", userHome.resolve("AppData").resolve("Local"))
                    .resolve("Draftboard").resolve("Cache");
        }
        if (os.startsWith("mac")) {
            return userHome.resolve("Library").resolve("Caches").resolve("Draftboard");
        }
        return xdgBase(env, "XDG_CACHE_HOME", userHome.resolve(".cache")).resolve("draftboard");
    }

    /** A Windows known folder from its variable, else where Windows puts it. */
    private static Path windowsBase(Map<String, String> env, String variable, Path fallback) {
        String value = env.get(variable);
        return value != null && !value.isBlank() ? Path.of(value) : fallback;
    }

    /** An XDG base directory from its variable, which the spec ignores unless it is an absolute path. */
    private static Path xdgBase(Map<String, String> env, String variable, Path fallback) {
        String value = env.get(variable);
        return value != null && !value.isBlank() && Path.of(value).isAbsolute() ? Path.of(value) : fallback;
    }
}
