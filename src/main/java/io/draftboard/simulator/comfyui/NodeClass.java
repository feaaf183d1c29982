package io.draftboard.simulator.comfyui;

import java.math.BigDecimal;
import java.util.List;

/**
 * One node class as ComfyUI's {@code /object_info} describes it: its inputs, its outputs' types and names, whether
 * it is an output node (a prompt runs towards those), and whether it checks its image input against the uploads
 * (LoadImage's VALIDATE_INPUTS).
 */
record NodeClass(String name, String displayName, String category, List<NodeClass.Input> inputs, List<String> outputs,
        List<String> outputNames, boolean outputNode, boolean checksImage) {

    NodeClass withOutputNames(String... names) {
        return new NodeClass(name, displayName, category, inputs, outputs, List.of(names), outputNode, checksImage);
    }

    NodeClass checkingImage() {
        return new NodeClass(name, displayName, category, inputs, outputs, outputNames, outputNode, true);
    }

    /** One input: an IO type ("INT", "MODEL"…) or a combo with its options; bounds for numbers. */
    record Input(String name, String type, List<String> options, BigDecimal min, BigDecimal max, Object defaultValue,
            boolean required) {
        boolean combo() {
            return options != null;
        }
    }
}
