package io.draftboard.simulator.comfyui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.json.Json;
import io.draftboard.simulator.Multipart;
import io.draftboard.simulator.socket.Request;
import io.draftboard.simulator.socket.Response;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** ComfyUI's file routes: {@code /upload/image} into a folder and {@code /view} out of one, paths checked. */
final class FileRoutes {
    private final ComfyFolders folders;
    private final AtomicInteger uploads = new AtomicInteger();

    FileRoutes(ComfyFolders folders) {
        this.folders = folders;
    }

    /** Files stored by {@code /upload/image}. */
    int uploads() {
        return uploads.get();
    }

    Response view(Request r) {
        String filename = r.query().get("filename");
        if (filename == null) {
            return Response.empty(404);
        }
        if (filename.isEmpty() || filename.startsWith("/") || filename.contains("..")) {
            return Response.empty(400);
        }
        String type = r.query().getOrDefault("type", "output");
        if (!ComfyFolders.isFolder(type)) {
            return Response.empty(400);
        }
        String subfolder = r.query().getOrDefault("subfolder", "");
        if (subfolder.contains("..") || subfolder.startsWith("/")) {
            return Response.empty(403);
        }
        String key = ComfyFolders.key(subfolder, filename.substring(filename.lastIndexOf('/') + 1));
        byte[] bytes = folders.get(type, key);
        if (bytes == null) {
            return Response.empty(404);
        }
        String ct = key.endsWith(".png") ? "image/png" : key.endsWith(".webp") ? "image/webp" : "image/jpeg";
        return new Response(200, ct, bytes);
    }

    Response upload(Request r) {
        List<Multipart.Part> parts;
        try {
            parts = Multipart.parse(r.header("content-type"), r.body());
        } catch (IllegalArgumentException e) {
            parts = List.of(); // not a form: no image part, as aiohttp would find
        }
        Multipart.Part image = Multipart.first(parts, "image").orElse(null);
        if (image == null || image.filename() == null || image.filename().isEmpty()) {
            return Response.empty(400);
        }
        String type = Multipart.first(parts, "type").map(Multipart.Part::text).orElse("input");
        if (!ComfyFolders.isFolder(type)) {
            type = "input";
        }
        String subfolder = Multipart.first(parts, "subfolder").map(Multipart.Part::text).orElse("");
        String filename = image.filename().substring(image.filename().lastIndexOf('/') + 1);
        if (subfolder.contains("..") || subfolder.startsWith("/") || filename.contains("..")) {
            return Response.empty(400);
        }
        String overwrite = Multipart.first(parts, "overwrite").map(Multipart.Part::text).orElse(null);
        String name = folders.upload(type, subfolder, filename, image.bytes(),
                "true".equals(overwrite) || "1".equals(overwrite));
        uploads.incrementAndGet();
        ObjectNode out = Json.object();
        out.put("name", name);
        out.put("subfolder", subfolder);
        out.put("type", type);
        return ComfyRoutes.json(200, out);
    }
}
