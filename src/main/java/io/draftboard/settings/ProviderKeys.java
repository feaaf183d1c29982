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
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * Provider keys: the provider's usual environment variable wins, else the key file, a JSON object of
 * provider id to key that only its owner may read or write (POSIX 0600; on Windows it lives in the user's
 * profile, which is private to the user). Keys are handed out as {@link ApiKey}s, which never print.
 */
public final class ProviderKeys {
    private static final System.Logger LOG = System.getLogger(ProviderKeys.class.getName());
    /**
     * design.md: each provider's usual variable. ComfyUI needs none; the token is for a server behind an
     * authenticating proxy.
     */
    public static final Map<String, String> ENVIRONMENT = Map.of("bfl", "BFL_API_KEY", "openai",
            "DRAFTBOARD_OPENAI_API_KEY", "replicate", "REPLICATE_API_TOKEN", "fal", "FAL_KEY", "cloudflare",
            "CLOUDFLARE_API_TOKEN", ProviderKeys.CLOUDFLARE_ACCOUNT, "CLOUDFLARE_ACCOUNT_ID", "comfyui",
            "DRAFTBOARD_COMFYUI_TOKEN");
    /** Not a secret, but it travels with the Cloudflare token and is set the same ways. */
    public static final String CLOUDFLARE_ACCOUNT = "cloudflare-account";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private final Map<String, String> env;

    public ProviderKeys(Path file, Map<String, String> env) {
        this.file = file;
        this.env = Map.copyOf(env);
    }

    public Path file() {
        return file;
    }

    /** The key for {@code provider}, or null when none is configured. */
    public ApiKey get(String provider) {
        String v = value(provider);
        return v == null ? null : new ApiKey(v);
    }

    /** The raw configured value for {@code name} (env first), or null. */
    public String value(String provider) {
        String variable = variableInUse(provider);
        if (variable != null) {
            return env.get(variable).strip();
        }
        JsonNode stored = read();
        JsonNode v = stored == null ? null : stored.get(provider);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText().strip() : null;
    }

    /** The environment variable that supplies {@code provider}'s key (and so wins over the file), or null. */
    public String variableInUse(String provider) {
        String variable = ENVIRONMENT.get(provider);
        String fromEnv = variable == null ? null : env.get(variable);
        return fromEnv != null && !fromEnv.isBlank() ? variable : null;
    }

    /** Stores (or with null removes) {@code provider}'s key, atomically and readable by the owner only. */
    public synchronized void put(String provider, ApiKey key) throws IOException {
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
