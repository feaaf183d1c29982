package io.draftboard.simulator.comfyui;

/** A node failed: ComfyUI's {@code execution_error} fields (the node, the Python exception type, its message). */
final class NodeFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final String nodeId;
    final String exceptionType;

    NodeFailure(String nodeId, String exceptionType, String message) {
        super(message, null, false, false);
        this.nodeId = nodeId;
        this.exceptionType = exceptionType;
    }
}
