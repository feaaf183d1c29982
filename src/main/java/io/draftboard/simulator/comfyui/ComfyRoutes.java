package io.draftboard.simulator.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.json.Json;
import io.draftboard.simulator.socket.Answer;
import io.draftboard.simulator.socket.Handler;
import io.draftboard.simulator.socket.Request;
import io.draftboard.simulator.socket.Response;
import java.nio.charset.StandardCharsets;

/**
 * ComfyUI's route table: each route also under {@code /api}, {@code /ws} upgraded to a websocket, 405 for a known
 * path with the wrong method, 404 otherwise; and, when configured, an auth proxy in front that wants a Bearer
 * token on every request.
 */
final class ComfyRoutes implements Handler {
    private final ComfyUiSimulatorConfig config;
    private final PromptRoutes prompts;
    private final FileRoutes files;
    private final ServerInfoRoutes info;
    private final ClientSockets sockets;

    ComfyRoutes(ComfyUiSimulatorConfig config, PromptRoutes prompts, FileRoutes files, ServerInfoRoutes info,
            ClientSockets sockets) {
        this.config = config;
        this.prompts = prompts;
        this.files = files;
        this.info = info;
        this.sockets = sockets;
    }

    static Response json(int status, JsonNode body) {
        return Response.json(status, Json.write(body));
    }

    @Override
    public Answer handle(Request r) {
        if (config.requiredToken() != null
                && !("Bearer " + config.requiredToken()).equals(r.header("authorization"))) {
            return Response.json(401, "{\"error\":\"unauthorized (simulated auth proxy)\"}");
        }
        String path = r.path().startsWith("/api/") ? r.path().substring(4) : r.path();
        String method = r.method();
        if (path.equals("/ws") && method.equals("GET")) {
            if (!config.websocket()) {
                return Response.json(403, "{\"error\":\"websockets are not allowed here (simulated proxy)\"}");
            }
            return sockets.connect(r.query().getOrDefault("clientId", ""));
        }
        return switch (method + " " + route(path)) {
            case "GET /" -> new Response(200, "text/plain; charset=utf-8",
                    "Draftboard's ComfyUI stand-in\n".getBytes(StandardCharsets.UTF_8));
            case "GET /prompt" -> prompts.status();
            case "POST /prompt" -> prompts.submit(r);
            case "GET /queue" -> prompts.listing();
            case "POST /queue" -> prompts.changeQueue(r);
            case "POST /interrupt" -> prompts.interrupt(r);
            case "GET /history" -> prompts.history(r, null);
            case "GET /history/{id}" -> prompts.history(r, path.substring("/history/".length()));
            case "POST /history" -> prompts.changeHistory(r);
            case "GET /view" -> files.view(r);
            case "POST /upload/image" -> files.upload(r);
            case "GET /object_info" -> info.objectInfo();
            case "GET /object_info/{class}" -> info.objectInfo(path.substring("/object_info/".length()));
            case "GET /models" -> info.modelFolders();
            case "GET /models/{folder}" -> info.models(path.substring("/models/".length()));
            case "GET /system_stats" -> info.systemStats();
            default -> Response.empty(path.matches("/(prompt|queue|interrupt|history|view|upload/image|"
                    + "object_info|models|system_stats).*") ? 405 : 404);
        };
    }

    /** The route a path takes: a path with an id, class or folder in it stands for its pattern. */
    private static String route(String path) {
        if (path.startsWith("/history/") && path.length() > 9) {
            return "/history/{id}";
        }
        if (path.startsWith("/object_info/") && path.length() > 13) {
            return "/object_info/{class}";
        }
        if (path.startsWith("/models/") && path.length() > 8) {
            return "/models/{folder}";
        }
        return path;
    }
}
