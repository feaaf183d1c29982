package io.draftboard.simulator.socket;

import java.util.function.Consumer;

/** Switch this connection to a websocket; {@code opened} runs on the connection's thread once it is one. */
public record Upgrade(Consumer<WebSocket> opened, Consumer<WebSocket> closed) implements Answer {
}
