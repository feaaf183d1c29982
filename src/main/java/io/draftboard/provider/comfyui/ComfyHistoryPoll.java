package io.draftboard.provider.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.ProviderException;
import io.draftboard.json.Json;
import io.draftboard.provider.Calls;
import java.time.Duration;
import java.time.Instant;

/**
 * Where a queued prompt is, asked over HTTP ({@code GET /queue}, then {@code GET /history/{id}}): how a prompt
 * is followed without a websocket, and how a silent one is double-checked. A server that stops answering is
 * given {@code patience} before the prompt counts as lost.
 */
final class ComfyHistoryPoll {
    private final ComfyHttp http;
    private final Duration patience;
    private final Runnable serverAway;
    private Instant unreachableSince;

    /** @param serverAway told each time the server does not answer (its websocket is no use then either) */
    ComfyHistoryPoll(ComfyHttp http, Duration patience, Runnable serverAway) {
        this.http = http;
        this.patience = patience;
        this.serverAway = serverAway;
    }

    /**
     * Asks where the prompt is: the queue first, then the history, so that a prompt finishing in between is
     * found in the history (ComfyUI moves it from one to the other under one lock). Null while it is queued
     * or running ({@code running} hears the latter), or while the server does not answer (for a while); the
     * history entry when it is done.
     */
    JsonNode check(String promptId, Runnable running) throws ProviderException {
        Calls.Answer q = tryGet("queue", promptId);
        if (q == null) {
            return null;
        }
        if (!q.ok()) {
            throw http.failure(q, null);
        }
        JsonNode queue = Json.parseOrNull(q.body());
        ComfyWire.Place place = queue == null ? ComfyWire.Place.ABSENT : ComfyWire.placeIn(queue, promptId);
        if (place == ComfyWire.Place.RUNNING) {
            running.run();
            return null;
        }
        if (place == ComfyWire.Place.PENDING) {
            return null;
        }
        JsonNode entry = entry(promptId);
        if (entry == null && unreachableSince == null) {
            throw new ProviderException(FailureKind.PERMANENT, ComfyWire.NAME + " no longer knows prompt " + promptId
                    + ": it was restarted or its queue was cleared before the image was made (lost; not resent)");
        }
        return entry;
    }

    /** The prompt's history entry, or null when the history does not have it (yet) or the server is unreachable. */
    JsonNode entry(String promptId) throws ProviderException {
        Calls.Answer h = tryGet("history/" + promptId, promptId);
        if (h == null) {
            return null;
        }
        if (!h.ok()) {
            throw http.failure(h, null);
        }
        JsonNode n = Json.parseOrNull(h.body());
        JsonNode entry = n == null ? null : n.get(promptId);
        return entry != null && entry.isObject() ? entry : null;
    }

    /** A GET that tolerates the server being away for {@code patience}: null while it is. */
    private Calls.Answer tryGet(String path, String promptId) throws ProviderException {
        try {
            Calls.Answer a = http.send(http.to(path).get().build());
            if (a.code() >= 500) {
                return unreachable(promptId, null);
            }
            unreachableSince = null;
            return a;
        } catch (ProviderException e) {
            if (!e.kind().retryable()) {
                throw e;
            }
            return unreachable(promptId, e);
        }
    }

    private Calls.Answer unreachable(String promptId, ProviderException e) throws ProviderException {
        Instant now = http.clock().instant();
        if (unreachableSince == null) {
            unreachableSince = now;
        } else if (Duration.between(unreachableSince, now).compareTo(patience) > 0) {
            throw new ProviderException(FailureKind.PERMANENT, ComfyWire.NAME + " stopped answering while prompt "
                    + promptId + " was queued or rendering (lost; not resent)", null, e);
        }
        serverAway.run();
        return null;
    }
}
