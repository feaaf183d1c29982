package io.draftboard.provider.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.generation.Cost;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.GenerationResult;
import io.draftboard.generation.JobCancelledException;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.ProviderException;
import io.draftboard.http.CallCancelledException;
import io.draftboard.provider.HttpStatus;
import io.draftboard.provider.ImageDownload;
import io.draftboard.provider.SyncImageAnswer;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * The image of a finished prompt: named in its history entry (the workflow's output node first, else any
 * output with an image) and fetched from {@code /view}.
 */
final class ComfyOutput {
    private final ComfyHttp http;
    private final Workflow workflow;
    private final GenerationRequest request;
    private final JobContext context;

    ComfyOutput(ComfyHttp http, Workflow workflow, GenerationRequest request, JobContext context) {
        this.http = http;
        this.workflow = workflow;
        this.request = request;
        this.context = context;
    }

    GenerationResult fetch(String promptId, JsonNode entry) throws ProviderException {
        JsonNode image = firstImage(entry.path("outputs").path(workflow.outputNode()));
        if (image == null) {
            for (JsonNode o : entry.path("outputs")) {
                image = image != null ? image : firstImage(o);
            }
        }
        if (image == null) {
            throw new ProviderException(FailureKind.PERMANENT, ComfyWire.NAME + " finished prompt " + promptId
                    + " without an image from node " + workflow.outputNode());
        }
        HttpUrl view = http.url("view").newBuilder()
                .addQueryParameter("filename", image.path("filename").asText())
                .addQueryParameter("subfolder", image.path("subfolder").asText(""))
                .addQueryParameter("type", image.path("type").asText("output")).build();
        byte[] bytes = download(view);
        context.progress(1.0);
        return SyncImageAnswer.fromBytes(bytes, request, ComfyWire.NAME,
                new SyncImageAnswer.Details(promptId, request.seed(), null, Cost.FREE));
    }

    private static JsonNode firstImage(JsonNode output) {
        JsonNode images = output.path("images");
        return images.isArray() && images.size() > 0 && images.get(0).hasNonNull("filename") ? images.get(0) : null;
    }

    /** {@code /view}: same host as the base URL, no redirects, at most {@link ImageDownload#DEFAULT_MAX_BYTES}. */
    private byte[] download(HttpUrl url) throws ProviderException {
        try (Response response = http.execute(http.authed(new Request.Builder().url(url)).get().build())) {
            if (response.code() != 200) {
                throw HttpStatus.failure(ComfyWire.NAME, response.code(), "its image could not be fetched",
                        response.header("Retry-After"), http.clock());
            }
            ResponseBody body = response.body();
            long max = ImageDownload.DEFAULT_MAX_BYTES;
            if (body.contentLength() > max) {
                throw new ProviderException(FailureKind.PERMANENT, ComfyWire.NAME + "'s image is larger than Draftboard accepts");
            }
            BufferedSource source = body.source();
            if (source.request(max + 1)) {
                throw new ProviderException(FailureKind.PERMANENT, ComfyWire.NAME + "'s image is larger than Draftboard accepts");
            }
            byte[] bytes = source.readByteArray();
            context.downloading(bytes.length);
            return bytes;
        } catch (CallCancelledException e) {
            throw new JobCancelledException();
        } catch (IOException e) {
            if (context.isCancelled()) {
                throw new JobCancelledException();
            }
            throw HttpStatus.network(ComfyWire.NAME, e, false);
        }
    }
}
