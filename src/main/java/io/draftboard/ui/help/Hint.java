package io.draftboard.ui.help;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * A node's hover text, made into a {@link Tooltip} when the pointer first enters the node rather than when the
 * node is built (issue 15). Every tooltip is a popup window with its own scene: the studio's first frame built
 * ~20 of them, and every history tile one more, for text most designers never hover over.
 *
 * <p>The text is the node's accessible help from the start, so a screen reader reads it whether or not a tooltip
 * exists yet (a control otherwise reads its tooltip's text as its help). An empty text means no tooltip.
 */
public final class Hint {
    private static final Object KEY = Hint.class;

    private Hint() {
    }

    /** {@code text} as {@code node}'s hover text and accessible help. */
    public static void install(Node node, String text) {
        install(node, new SimpleStringProperty(text));
    }

    /** {@code text}, as it changes, as {@code node}'s hover text and accessible help; empty or null: none. */
    public static void install(Node node, ObservableStringValue text) {
        if (node.getProperties().containsKey(KEY)) {
            throw new IllegalStateException("a hint is installed on " + node + " already");
        }
        node.getProperties().put(KEY, text); // one hint a node: a second would bind its help again
        node.accessibleHelpProperty().bind(text);
        EventHandler<MouseEvent> firstEntry = new EventHandler<>() {
            @Override
            public void handle(MouseEvent e) {
                node.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
                Tooltip tooltip = new Tooltip();
                tooltip.textProperty().bind(text);
                show(node, tooltip, text.get());
                text.addListener((o, a, b) -> show(node, tooltip, b));
            }
        };
        node.addEventHandler(MouseEvent.MOUSE_ENTERED, firstEntry);
    }

    /** The tooltip of {@code node} when its text is not empty, none when it is. */
    private static void show(Node node, Tooltip tooltip, String text) {
        boolean wanted = text != null && !text.isEmpty();
        if (node instanceof Control control) {
            control.setTooltip(wanted ? tooltip : null); // a control installs and uninstalls its own
        } else if (wanted != (node.getProperties().get(Tooltip.class) == tooltip)) {
            if (wanted) {
                Tooltip.install(node, tooltip);
                node.getProperties().put(Tooltip.class, tooltip);
            } else {
                Tooltip.uninstall(node, tooltip);
                node.getProperties().remove(Tooltip.class);
            }
        }
    }
}
