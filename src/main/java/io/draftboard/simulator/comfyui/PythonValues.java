package io.draftboard.simulator.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** JSON values as ComfyUI's Python sees and prints them: int()/float() conversion, repr of strings and lists. */
final class PythonValues {
    private PythonValues() {
    }

    /** Python's int()/float()/str()/bool() on a JSON value, as validate_inputs applies them. */
    static Object convert(JsonNode v, String type) {
        switch (type) {
            case "INT" -> {
                if (v.isBoolean()) {
                    return v.asBoolean() ? BigDecimal.ONE : BigDecimal.ZERO;
                }
                if (v.isNumber()) {
                    return v.decimalValue().setScale(0, RoundingMode.DOWN);
                }
                if (v.isTextual() && v.asText().strip().matches("[+-]?\\d+")) {
                    return new BigDecimal(v.asText().strip());
                }
                throw new IllegalArgumentException("invalid literal for int() with base 10: " + text(v));
            }
            case "FLOAT" -> {
                if (v.isBoolean()) {
                    return v.asBoolean() ? BigDecimal.ONE : BigDecimal.ZERO;
                }
                if (v.isNumber()) {
                    return v.decimalValue();
                }
                try {
                    if (v.isTextual()) {
                        return new BigDecimal(v.asText().strip());
                    }
                } catch (NumberFormatException e) {
                    // falls through to Python's message
                }
                throw new IllegalArgumentException("could not convert string to float: " + text(v));
            }
            default -> {
                return v;
            }
        }
    }

    static String text(JsonNode v) {
        return v.isTextual() ? "'" + v.asText() + "'" : v.toString();
    }

    static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    static String pythonList(List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('\'').append(items.get(i)).append('\'');
        }
        return sb.append(']').toString();
    }
}
