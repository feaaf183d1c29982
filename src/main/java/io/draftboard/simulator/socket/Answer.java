package io.draftboard.simulator.socket;

/** What a handler answers: a response, or an upgrade to a websocket. */
public sealed interface Answer permits Response, Upgrade {
}
