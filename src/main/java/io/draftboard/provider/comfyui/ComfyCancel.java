package io.draftboard.provider.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.json.Json;
import io.draftboard.provider.RemoteCancel;
import java.io.IOException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Stops a prompt on the server. Cancel hooks may run on the UI thread: nothing here waits. The prompt is
 * removed from the queue; then, if it is running, interrupted with its id (newer servers interrupt only that
 * prompt; older ones whatever runs, which the queue check just before makes this prompt, bar a race of
 * milliseconds).
 */
final class ComfyCancel {
    private final ComfyHttp http;

    ComfyCancel(ComfyHttp http) {
        this.http = http;
    }

    /** Sends the cancel of {@code promptId} and returns at once; a null id (nothing queued yet) sends nothing. */
    void cancel(String promptId) {
        if (promptId == null) {
            return;
        }
        ObjectNode delete = Json.object();
        delete.putArray("delete").add(promptId);
        http.client().newCall(http.to("queue").post(RequestBody.create(Json.write(delete), ComfyHttp.JSON)).build())
                .enqueue(new Callback() {
                    @Override
                    public void onFailure(Call call, IOException e) {
                    }

                    @Override
                    public void onResponse(Call call, Response response) {
                        response.close();
                        interruptIfRunning(promptId);
                    }
                });
    }

    private void interruptIfRunning(String id) {
        http.client().newCall(http.to("queue").get().build()).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
            }

            @Override
            public void onResponse(Call call, Response response) {
                JsonNode queue;
                try (response) {
                    queue = response.isSuccessful() ? Json.parseOrNull(response.body().string()) : null;
                } catch (IOException e) {
                    return;
                }
                if (queue != null && ComfyWire.placeIn(queue, id) == ComfyWire.Place.RUNNING) {
                    ObjectNode body = Json.object().put("prompt_id", id);
                    http.client().newCall(http.to("interrupt").post(RequestBody.create(Json.write(body), ComfyHttp.JSON))
                            .build()).enqueue(RemoteCancel.IGNORE_ANSWER);
                }
            }
        });
    }
}
