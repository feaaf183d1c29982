package io.draftboard.simulator.comfyui;

import static io.draftboard.simulator.comfyui.ComfyErrors.error;
import static io.draftboard.simulator.comfyui.ComfyErrors.inputError;
import static io.draftboard.simulator.comfyui.PythonValues.convert;
import static io.draftboard.simulator.comfyui.PythonValues.plain;
import static io.draftboard.simulator.comfyui.PythonValues.pythonList;
import static io.draftboard.simulator.comfyui.PythonValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.draftboard.json.Json;
import io.draftboard.simulator.comfyui.NodeClass.Input;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The validation {@code POST /prompt} runs before queueing, ported from ComfyUI's {@code execution.py}
 * ({@code validate_prompt}, {@code validate_inputs}): node classes, required inputs, links (shape, target,
 * output type), literal conversion, min/max, combo values (model files among them), dependency cycles, and
 * LoadImage's check that the file was uploaded. Error types, messages and details follow ComfyUI's.
 */
final class WorkflowValidator {
    private final NodeCatalogue catalogue;
    private final Predicate<String> inputFileExists;

    /** {@code inputFileExists}: whether LoadImage would find a file ("draftboard/a.png"). */
    WorkflowValidator(NodeCatalogue catalogue, Predicate<String> inputFileExists) {
        this.catalogue = catalogue;
        this.inputFileExists = inputFileExists;
    }

    /** Raised where ComfyUI's validation would raise outside its own error handling (a link to no node). */
    private static final class ValidationCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String exceptionType;

        ValidationCrash(String exceptionType, String message) {
            super(message, null, false, false);
            this.exceptionType = exceptionType;
        }
    }

    private record Result(boolean valid, List<ObjectNode> errors) {
    }

    Validation validate(ObjectNode prompt) {
        List<String> outputs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : iterable(prompt)) {
            String id = e.getKey();
            JsonNode node = e.getValue();
            String title = node.path("_meta").path("title").asText(null);
            if (!node.isObject() || !node.path("class_type").isTextual()) {
                ObjectNode error = error("missing_node_type", "Node '" + (title != null ? title : "ID #" + id)
                        + "' has no class_type. The workflow may be corrupted or a custom node is missing.",
                        "Node ID '#" + id + "'");
                ((ObjectNode) error.get("extra_info")).put("node_id", id).putNull("class_type").put("node_title", title);
                return new Validation(false, error, List.of(), Json.object());
            }
            String classType = node.get("class_type").asText();
            NodeClass def = catalogue.get(classType);
            if (def == null) {
                String shown = title != null ? title : classType;
                ObjectNode error = error("missing_node_type", "Node '" + shown
                        + "' not found. The custom node may not be installed.", "Node ID '#" + id + "'");
                ((ObjectNode) error.get("extra_info")).put("node_id", id).put("class_type", classType)
                        .put("node_title", shown);
                return new Validation(false, error, List.of(), Json.object());
            }
            if (def.outputNode()) {
                outputs.add(id);
            }
        }
        if (outputs.isEmpty()) {
            return new Validation(false, error("prompt_no_outputs", "Prompt has no outputs", ""), List.of(), Json.object());
        }
        Map<String, Result> validated = new LinkedHashMap<>();
        ObjectNode nodeErrors = Json.object();
        List<String> good = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String o : outputs) {
            Result r;
            try {
                r = validateInputs(prompt, o, validated, new ArrayList<>());
            } catch (ValidationCrash crash) {
                ObjectNode reason = error("exception_during_validation", "Exception when validating node",
                        crash.getMessage());
                ((ObjectNode) reason.get("extra_info")).put("exception_type", crash.exceptionType).putArray("traceback");
                r = new Result(false, List.of(reason));
                validated.put(o, r);
            }
            if (r.valid()) {
                good.add(o);
                continue;
            }
            r.errors().forEach(err -> failures.add(err.get("message").asText() + ": " + err.get("details").asText()));
            for (Map.Entry<String, Result> v : validated.entrySet()) {
                if (v.getValue().valid() || v.getValue().errors().isEmpty()) {
                    continue;
                }
                ObjectNode entry = (ObjectNode) nodeErrors.get(v.getKey());
                if (entry == null) {
                    entry = nodeErrors.putObject(v.getKey());
                    ArrayNode errs = entry.putArray("errors");
                    v.getValue().errors().forEach(errs::add);
                    entry.putArray("dependent_outputs");
                    entry.put("class_type", prompt.path(v.getKey()).path("class_type").asText());
                }
                ((ArrayNode) entry.get("dependent_outputs")).add(o);
            }
        }
        if (good.isEmpty()) {
            return new Validation(false, error("prompt_outputs_failed_validation", "Prompt outputs failed validation",
                    String.join("\n", failures)), List.of(), nodeErrors);
        }
        return new Validation(true, null, good, nodeErrors);
    }

    private Result validateInputs(ObjectNode prompt, String id, Map<String, Result> validated, List<String> visiting) {
        if (validated.containsKey(id)) {
            return validated.get(id);
        }
        if (visiting.contains(id)) {
            List<String> cycle = new ArrayList<>(visiting.subList(visiting.indexOf(id), visiting.size()));
            cycle.add(id);
            StringBuilder path = new StringBuilder();
            for (String c : cycle) {
                path.append(path.length() == 0 ? "" : " -> ").append(c).append(" (")
                        .append(prompt.path(c).path("class_type").asText()).append(')');
            }
            for (String c : new LinkedHashSet<>(cycle)) {
                ObjectNode err = error("dependency_cycle", "Dependency cycle detected", path.toString());
                ((ObjectNode) err.get("extra_info")).put("node_id", c);
                validated.put(c, new Result(false, List.of(err)));
            }
            return validated.get(id);
        }
        JsonNode node = prompt.get(id);
        NodeClass def = catalogue.get(node.get("class_type").asText());
        JsonNode inputs = node.path("inputs");
        List<ObjectNode> errors = new ArrayList<>();
        boolean valid = true;
        Set<String> declared = new HashSet<>();
        for (Input in : def.inputs()) {
            declared.add(in.name());
            JsonNode val = inputs.get(in.name());
            if (val == null) {
                if (in.required()) {
                    errors.add(inputError("required_input_missing", "Required input is missing", in.name(), in.name(),
                            null));
                }
                continue;
            }
            if (val.isArray()) {
                if (val.size() != 2) {
                    errors.add(inputError("bad_linked_input", "Bad linked input, must be a length-2 list of [node_id, "
                            + "slot_index]", in.name(), in.name(), val));
                    continue;
                }
                String from = val.get(0).asText();
                JsonNode source = prompt.get(from);
                if (source == null || !source.isObject()) {
                    throw new ValidationCrash("KeyError", "'" + from + "'");
                }
                NodeClass sourceDef = catalogue.get(source.path("class_type").asText());
                int slot = val.get(1).asInt(-1);
                if (sourceDef == null || slot < 0 || slot >= sourceDef.outputs().size()) {
                    throw new ValidationCrash("IndexError", "tuple index out of range");
                }
                String received = sourceDef.outputs().get(slot);
                if (!typesMatch(received, in.type())) {
                    ObjectNode err = inputError("return_type_mismatch", "Return type mismatch between linked nodes",
                            in.name() + ", received_type(" + received + ") mismatch input_type(" + in.type() + ")",
                            in.name(), null);
                    ((ObjectNode) err.get("extra_info")).put("received_type", received).set("linked_node", val);
                    errors.add(err);
                    continue;
                }
                visiting.add(id);
                Result r = validateInputs(prompt, from, validated, visiting);
                visiting.remove(visiting.size() - 1);
                if (!r.valid()) {
                    valid = false;
                }
                continue;
            }
            JsonNode v = val.isObject() && val.has("__value__") ? val.get("__value__") : val;
            Object value;
            try {
                value = convert(v, in.type());
            } catch (IllegalArgumentException ex) {
                errors.add(inputError("invalid_input_type", "Failed to convert an input value to a " + in.type() + " value",
                        in.name() + ", " + text(v) + ", " + ex.getMessage(), in.name(), v));
                continue;
            }
            if (value instanceof BigDecimal number) {
                if (in.min() != null && number.compareTo(in.min()) < 0) {
                    errors.add(inputError("value_smaller_than_min", "Value " + plain(number) + " smaller than min of "
                            + plain(in.min()), in.name(), in.name(), v));
                    continue;
                }
                if (in.max() != null && number.compareTo(in.max()) > 0) {
                    errors.add(inputError("value_bigger_than_max", "Value " + plain(number) + " bigger than max of "
                            + plain(in.max()), in.name(), in.name(), v));
                    continue;
                }
            }
            if (in.combo() && !(def.checksImage() && in.name().equals("image"))) {
                String s = v.isTextual() ? v.asText() : v.toString();
                if (!in.options().contains(s)) {
                    String list = in.options().size() > 20 ? "(list of length " + in.options().size() + ")"
                            : pythonList(in.options());
                    errors.add(inputError("value_not_in_list", "Value not in list", in.name() + ": '" + s + "' not in "
                            + list, in.name(), v));
                }
            }
        }
        if (def.checksImage()) {
            JsonNode image = inputs.get("image");
            if (image != null && !image.isArray() && !inputFileExists.test(image.asText())) {
                ObjectNode err = error("custom_validation_failed", "Custom validation failed for node",
                        "image - Invalid image file: " + image.asText());
                ((ObjectNode) err.get("extra_info")).put("input_name", "image");
                errors.add(err);
            }
        }
        Result previous = validated.get(id);
        List<ObjectNode> all = new ArrayList<>(previous == null ? List.of() : previous.errors());
        errors.stream().filter(e -> !all.contains(e)).forEach(all::add);
        Result r = new Result((previous == null || previous.valid()) && valid && errors.isEmpty(), all);
        validated.put(id, r);
        return r;
    }

    /** {@code validate_node_input}: equal types, "*" on either side, or a comma-separated union containing it. */
    private static boolean typesMatch(String received, String expected) {
        if (expected.equals("COMBO")) {
            return received.equals("COMBO") || received.equals("*");
        }
        if (received.equals(expected) || received.equals("*") || expected.equals("*")) {
            return true;
        }
        Set<String> r = new HashSet<>(Arrays.asList(received.split(",")));
        Set<String> e = new HashSet<>(Arrays.asList(expected.split(",")));
        return e.containsAll(r);
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(ObjectNode o) {
        return new ArrayList<>(o.properties());
    }
}
