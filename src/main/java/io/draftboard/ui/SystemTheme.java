package io.draftboard.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether the desktop prefers dark. JavaFX 21 cannot tell (Platform.Preferences arrived in 22), so ask the
 * platform the way its own settings apps do; anything unknown means light. Runs processes: call it off the
 * FX thread, once, at start.
 */
public final class SystemTheme {
    private SystemTheme() {
    }

    public static boolean prefersDark(Map<String, String> env) {
        String gtk = env.getOrDefault("GTK_THEME", "");
        if (gtk.toLowerCase(Locale.ROOT).contains("dark")) {
            return true;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return ask(List.of("defaults", "read", "-g", "AppleInterfaceStyle")).toLowerCase(Locale.ROOT).contains("dark");
        }
        if (os.contains("win")) {
            return ask(List.of("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                    "/v", "AppsUseLightTheme")).matches("(?s).*AppsUseLightTheme\\s+REG_DWORD\\s+0x0\\b.*");
        }
        return ask(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")).contains("dark");
    }

    private static String ask(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // the tool is not installed: no preference
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
