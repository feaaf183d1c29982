package io.draftboard.provider.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.SetupCheck;
import io.draftboard.json.Json;
import io.draftboard.provider.Calls;
import io.draftboard.provider.ProviderEndpoint;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Before the first render: asks ComfyUI ({@code GET /object_info/{class}} for each node the workflow uses, which
 * also lists the model files each loader can load) what it has, and says in one sentence whether the workflow
 * can run and what is missing, with the FLUX.2 diffusion models the server does have.
 */
final class ServerCheck {
    private final ComfyHttp http;
    private final Workflow workflow;

    ServerCheck(ProviderEndpoint endpoint, Workflow workflow) {
        this.http = new ComfyHttp(endpoint, JobContext.none());
        this.workflow = workflow;
    }

    SetupCheck.Report check() throws ProviderException {
        String where = http.base().toString().replaceAll("/$", "");
        String version;
        try {
            Calls.Answer stats = http.send(get(http.url("system_stats")));
            if (stats.code() == 401 || stats.code() == 403) {
                return new SetupCheck.Report(false, "The server at " + where + " refused Draftboard (HTTP " + stats.code()
                        + "); set the ComfyUI token (DRAFTBOARD_COMFYUI_TOKEN, or the key field in Settings)");
            }
            JsonNode s = Json.parseOrNull(stats.body());
            version = s == null ? "" : s.path("system").path("comfyui_version").asText("");
        } catch (ProviderException e) {
            if (e.getCause() instanceof ConnectException) {
                return new SetupCheck.Report(false, "ComfyUI is not running at " + where + " (connection refused).");
            }
            return new SetupCheck.Report(false, "ComfyUI at " + where + " cannot be reached: " + e.getMessage() + ".");
        }
        String server = "ComfyUI" + (version.isBlank() ? "" : " " + version) + " at " + where;

        Set<String> classes = new LinkedHashSet<>(workflow.nodeClasses());
        classes.addAll(Workflow.REFERENCE_CLASSES);
        List<String> missingNodes = new ArrayList<>();
        List<String> missingFiles = new ArrayList<>();
        List<String> flux2 = new ArrayList<>();
        Map<String, JsonNode> infos = new HashMap<>();
        for (String cls : classes) {
            Calls.Answer a = http.send(get(http.base().newBuilder().addPathSegment("object_info").addPathSegment(cls)
                    .build()));
            JsonNode n = a.ok() ? Json.parseOrNull(a.body()) : null;
            JsonNode info = n == null ? null : n.get(cls);
            if (info == null || !info.isObject()) {
                if (a.code() >= 500 || (!a.ok() && a.code() != 404)) {
                    throw new ProviderException(FailureKind.TRANSIENT, ComfyWire.NAME + " answered HTTP " + a.code()
                            + " when asked about node " + cls);
                }
                if (!Workflow.REFERENCE_CLASSES.contains(cls) || workflow.nodeClasses().contains(cls)) {
                    missingNodes.add(cls);
                } else {
                    missingNodes.add(cls + " (needed for reference images)");
                }
                continue;
            }
            infos.put(cls, info);
        }
        for (Workflow.ModelFile f : workflow.modelFiles()) {
            JsonNode info = infos.get(f.classType());
            if (info == null) {
                continue; // the node itself is missing: said above
            }
            List<String> options = options(info, f.input());
            if (options != null && !options.contains(f.file())) {
                missingFiles.add(f.file() + " (in models/" + f.folder() + ")");
            }
        }
        JsonNode unet = infos.get("UNETLoader");
        List<String> diffusion = unet == null ? null : options(unet, "unet_name");
        if (diffusion != null) {
            for (String file : diffusion) {
                if (file.toLowerCase(Locale.ROOT).matches(".*flux[-_.]?2.*")) {
                    flux2.add(file);
                }
            }
        }
        String has = flux2.isEmpty() ? "it has no FLUX.2 diffusion model yet"
                : "FLUX.2 models it has: " + String.join(", ", flux2);
        if (missingNodes.isEmpty() && missingFiles.isEmpty()) {
            return new SetupCheck.Report(true, server + " is ready for " + workflow.name() + " ("
                    + String.join(", ", workflow.modelFiles().stream().map(Workflow.ModelFile::file).distinct().toList())
                    + ").");
        }
        List<String> missing = new ArrayList<>();
        if (!missingFiles.isEmpty()) {
            missing.add(join(missingFiles));
        }
        if (!missingNodes.isEmpty()) {
            missing.add((missingNodes.size() == 1 ? "the node " : "the nodes ") + join(missingNodes)
                    + " (update ComfyUI)");
        }
        return new SetupCheck.Report(false, server + " cannot render " + workflow.name() + " yet: it is missing "
                + String.join(" and ", missing) + "; " + has + ".");
    }

    /** The values a combo input accepts, from either of ComfyUI's shapes; null if the input is not a combo. */
    static List<String> options(JsonNode info, String input) {
        JsonNode spec = info.path("input").path("required").path(input);
        if (spec.isMissingNode()) {
            spec = info.path("input").path("optional").path(input);
        }
        if (!spec.isArray() || spec.isEmpty()) {
            return null;
        }
        JsonNode list = spec.get(0).isArray() ? spec.get(0)
                : spec.get(0).asText().equals("COMBO") ? spec.path(1).path("options") : null;
        if (list == null || !list.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        list.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static String join(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private Request get(HttpUrl url) {
        return http.authed(new Request.Builder().url(url).get()).build();
    }
}
