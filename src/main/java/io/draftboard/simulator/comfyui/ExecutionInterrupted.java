package io.draftboard.simulator.comfyui;

/** Processing was interrupted (ComfyUI's {@code InterruptProcessingException}) in node {@code nodeId}. */
final class ExecutionInterrupted extends Exception {
    private static final long serialVersionUID = 1L;
    final String nodeId;

    ExecutionInterrupted(String nodeId) {
        super(null, null, false, false);
        this.nodeId = nodeId;
    }
}
