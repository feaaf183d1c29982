package io.draftboard.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.json.Json;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Provider keys: the provider's usual environment variable wins, else the key file, a JSON object of
 * provider id to key that only its owner may read or write (POSIX 0600; on Windows it lives in the user's
 * profile, which is private to the user). Keys are handed out as {@link ApiKey}s, which never print.
 *
 * <p>A key file that is a symbolic link is refused, never followed: tightening its permissions would chmod
 * whatever it points at, and a key read through it could be anyone's. {@link #secrets()} lists every
 * configured key, so text from elsewhere (a provider's answer, a log record) can be scrubbed of them.
 */
public final class ProviderKeys {
    private static final System.Logger LOG = System.getLogger(ProviderKeys.class.getName());
    /**
     * design.md: each provider's usual variable. ComfyUI needs none; the token is for a server behind an
     * authenticating proxy. Gateways take the variable their own docs name (Vercel's {@code AI_GATEWAY_API_KEY});
     * a gateway of the designer's own takes {@link GatewayEntry#keyVariable} ({@code DRAFTBOARD_<ID>_API_KEY}).
     */
    public static final Map<String, String> ENVIRONMENT = Map.ofEntries(Map.entry("bfl", "BFL_API_KEY"),
            Map.entry("openai", "DRAFTBOARD_OPENAI_API_KEY"), Map.entry("replicate", "REPLICATE_API_TOKEN"),
            Map.entry("fal", "FAL_KEY"), Map.entry("cloudflare", "CLOUDFLARE_API_TOKEN"),
            Map.entry(ProviderKeys.CLOUDFLARE_ACCOUNT, "CLOUDFLARE_ACCOUNT_ID"),
            Map.entry("comfyui", "DRAFTBOARD_COMFYUI_TOKEN"), Map.entry("vercel", "AI_GATEWAY_API_KEY"),
            Map.entry("aigateway", "AIGATEWAY_API_KEY"), Map.entry("lumenfall", "LUMENFALL_API_KEY"),
            Map.entry("runflow", "RUNFLOW_API_KEY"));
    /** Not a secret, but it travels with the Cloudflare token and is set the same ways. */
    public static final String CLOUDFLARE_ACCOUNT = "cloudflare-account";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** Shorter values are not scrubbed from text: they would blank ordinary words. */
    private static final int MIN_SECRET_LENGTH = 6;

    private final Path file;
    private final Map<String, String> env;
    private List<String> cachedSecrets = List.of();
    private FileTime cachedModified;
    private long cachedSize = -1;

    public ProviderKeys(Path file, Map<String, String> env) {
        this.file = file;
        this.env = Map.copyOf(env);
    }

    public Path file() {
        return file;
    }

    /**
     * The key for {@code provider}, or null when none is configured.
     *
     * @throws IllegalArgumentException when the key cannot be used (a character a request cannot carry) or the
     *                                  key file is a symbolic link; the message says which, never the key
     */
    public ApiKey get(String provider) {
        String v = value(provider);
        if (v == null) {
            return null;
        }
        try {
            return new ApiKey(v);
        } catch (IllegalArgumentException e) {
            String variable = variableInUse(provider);
            throw new IllegalArgumentException((variable != null ? variable : "the " + provider + " key in " + file)
                    + " " + e.getMessage().replaceFirst("^the API key ", ""), null);
        }
    }

    /** The raw configured value for {@code name} (env first, trimmed of Unicode whitespace), or null. */
    public String value(String provider) {
        String variable = variableInUse(provider);
        if (variable != null) {
            return ApiKey.trim(env.get(variable));
        }
        JsonNode stored = read();
        JsonNode v = stored == null ? null : stored.get(provider);
        String text = v != null && v.isTextual() ? ApiKey.trim(v.asText()) : "";
        return text.isEmpty() ? null : text;
    }

    /** The environment variable that supplies {@code provider}'s key (and so wins over the file), or null. */
    public String variableInUse(String provider) {
        String variable = variableFor(provider);
        String fromEnv = variable == null ? null : env.get(variable);
        return fromEnv != null && !ApiKey.trim(fromEnv).isEmpty() ? variable : null;
    }

    /**
     * The environment variable that may hold {@code provider}'s key: its usual one, or for a gateway of the
     * designer's own {@code DRAFTBOARD_<ID>_API_KEY}.
     */
    public static String variableFor(String provider) {
        String known = ENVIRONMENT.get(provider);
        return known != null ? known : GatewayEntry.keyVariable(provider);
    }

    /**
     * Every key configured, from the environment and the key file, whether valid or not (the account id, not a
     * secret, left out): what must never leave this process in a provider's text, a log or a file. Reads the
     * file without logging, so a log handler may call it.
     */
    public List<String> secrets() {
        Set<String> found = new LinkedHashSet<>();
        ENVIRONMENT.forEach((provider, variable) -> {
            String v = env.get(variable);
            if (v != null && !provider.equals(CLOUDFLARE_ACCOUNT)) {
                found.add(ApiKey.trim(v));
            }
        });
        // The designer's own gateways: their ids are in settings, which this class does not read, so every
        // variable of that shape counts.
        env.forEach((variable, v) -> {
            if (v != null && variable.startsWith("DRAFTBOARD_") && variable.endsWith("_API_KEY")) {
                found.add(ApiKey.trim(v));
            }
        });
        fileSecrets().forEach(v -> found.add(ApiKey.trim(v)));
        found.removeIf(v -> v.length() < MIN_SECRET_LENGTH);
        return List.copyOf(found);
    }

    /** {@code text} with every configured key replaced by {@code ****}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        for (String secret : secrets()) {
            text = text.replace(secret, "****");
        }
        return text;
    }

    /** Stores (or with null removes) {@code provider}'s key, atomically and readable by the owner only. */
    public synchronized void put(String provider, ApiKey key) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new IOException(symlinkMessage());
        }
        JsonNode existing = read();
        ObjectNode o = existing instanceof ObjectNode obj ? obj : Json.object();
        if (key == null) {
            o.remove(provider);
        } else {
            o.put(provider, key.reveal());
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = posix()
                ? Files.createTempFile(file.toAbsolutePath().getParent(), ".keys", ".tmp",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(file.toAbsolutePath().getParent(), ".keys", ".tmp");
        try {
            Files.writeString(temp, Json.write(o));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private JsonNode read() {
        if (Files.isSymbolicLink(file)) {
            throw new IllegalArgumentException(symlinkMessage());
        }
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            tighten();
            return Json.parseOrNull(Files.readString(file));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "key file " + file + " cannot be read: " + e.getClass().getSimpleName());
            return null;
        }
    }

    private String symlinkMessage() {
        return "the key file " + file + " is a symbolic link; Draftboard does not follow it (replace it with the "
                + "file itself, or set the key in the provider's environment variable)";
    }

    /** The key file's values, cached until the file changes; nothing when it is absent, a link or unreadable. */
    private synchronized List<String> fileSecrets() {
        try {
            if (Files.isSymbolicLink(file) || !Files.isRegularFile(file)) {
                return List.of();
            }
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (!modified.equals(cachedModified) || size != cachedSize) {
                JsonNode n = Json.parseOrNull(Files.readString(file));
                List<String> values = new ArrayList<>();
                if (n != null && n.isObject()) {
                    n.fields().forEachRemaining(e -> {
                        if (e.getValue().isTextual() && !e.getKey().equals(CLOUDFLARE_ACCOUNT)) {
                            values.add(e.getValue().asText());
                        }
                    });
                }
                cachedSecrets = List.copyOf(values);
                cachedModified = modified;
                cachedSize = size;
            }
            return cachedSecrets;
        } catch (IOException | RuntimeException e) {
            return cachedSecrets;
        }
    }

    /** A key file others can read is fixed rather than trusted as is. */
    private void tighten() throws IOException {
        if (posix() && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            LOG.log(Level.WARNING, "key file " + file + " was readable by others; restricting it to its owner");
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
