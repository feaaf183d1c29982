package io.draftboard.provider.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.Reference;
import io.draftboard.json.Json;
import io.draftboard.provider.Calls;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;

/**
 * Reference images into ComfyUI's input folder ({@code POST /upload/image}, under a "draftboard" subfolder,
 * named by content so the same picture is stored once), before the workflow that loads them is queued.
 */
final class ComfyUpload {
    private ComfyUpload() {
    }

    /** Uploads each reference; returns the names LoadImage takes, in order. */
    static List<String> references(ComfyHttp http, List<Reference> references) throws ProviderException {
        List<String> names = new ArrayList<>();
        for (Reference ref : references) {
            String ext = switch (ref.mediaType()) {
                case "image/jpeg" -> ".jpg";
                case "image/webp" -> ".webp";
                default -> ".png";
            };
            RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                    .addFormDataPart("image", "draftboard-" + ref.sha256().substring(0, 16) + ext,
                            RequestBody.create(ref.bytes(), MediaType.get(ref.mediaType())))
                    .addFormDataPart("type", "input")
                    .addFormDataPart("subfolder", "draftboard")
                    .addFormDataPart("overwrite", "true")
                    .build();
            Calls.Answer a = http.send(http.to("upload/image").post(body).build());
            if (!a.ok()) {
                throw http.failure(a, "uploading reference image " + (names.size() + 1) + " failed");
            }
            JsonNode n = Json.parseOrNull(a.body());
            String name = n == null ? null : n.path("name").asText(null);
            if (name == null || name.isBlank()) {
                throw new ProviderException(FailureKind.PERMANENT, ComfyWire.NAME + " did not name uploaded reference "
                        + (names.size() + 1));
            }
            String subfolder = n.path("subfolder").asText("");
            names.add(subfolder.isEmpty() ? name : subfolder + "/" + name);
        }
        return names;
    }
}
