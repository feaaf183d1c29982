package io.draftboard.simulator.socket;

import java.io.IOException;

/** Answers one request; a RuntimeException becomes a 500. */
@FunctionalInterface
public interface Handler {
    Answer handle(Request request) throws IOException;
}
