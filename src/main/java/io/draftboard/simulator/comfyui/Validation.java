package io.draftboard.simulator.comfyui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The result of validating a prompt: accepted (with the output nodes to run) or not, with ComfyUI's {@code error}
 * and {@code node_errors} shapes.
 */
record Validation(boolean ok, ObjectNode error, List<String> outputs, ObjectNode nodeErrors) {
}
